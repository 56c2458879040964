import type { Api } from '../modeler/api.js';
import type { Polygonal } from './geo-projection.js';

export type Unit = { _id: string; name: string; kind: string; parentId: string | null; path: string; disabled: boolean; boundary?: Polygonal };
export type SectionDeps = { api: Api; units: Unit[]; status(text: string, kind?: 'info' | 'ok' | 'error'): void };
export type Section = { title: string; render(el: HTMLElement, deps: SectionDeps): Promise<void> };

export const UNIT_KIND_LABELS: Record<string, string> = { city: '市', county: '县/区', township: '乡镇/街道', village: '村/社区', grid: '网格', department: '部门' };
