import type { ElementChange } from './diff.js';
import type { Translate } from './translate.js';

export const DIFF_MARKERS = { added: 'gz-diff-added', removed: 'gz-diff-removed', changed: 'gz-diff-changed' } as const;
const ROOT_TYPES = new Set(['bpmn:Process', 'bpmn:Collaboration']);
const LABEL = { added: '新增', removed: '已删除', changed: '已修改' } as const;

interface Canvas { addMarker(id: string, marker: string): void; removeMarker(id: string, marker: string): void }
interface Overlays { add(id: string, type: string, overlay: { position: Record<string, number>; html: HTMLElement }): string; remove(filter: { type: string }): void }
interface Registry { get(id: string): unknown }

/**
 * Colours the variant's diagram by its diff: markers on added and changed elements, and a badge naming the change
 * (and changed properties). Removed elements are not on the variant's canvas; they are listed by the caller.
 */
export function showDiff(services: { canvas: Canvas; overlays: Overlays; elementRegistry: Registry }, changes: readonly ElementChange[], t: Translate): void {
  clearDiff(services, changes);
  for (const c of changes) {
    // the process itself is the canvas root: a marker on it would colour every element it contains
    if (c.change === 'removed' || !services.elementRegistry.get(c.id) || ROOT_TYPES.has(c.type)) continue;
    services.canvas.addMarker(c.id, DIFF_MARKERS[c.change]);
    const badge = document.createElement('div');
    badge.className = `gz-diff-badge ${DIFF_MARKERS[c.change]}`;
    badge.textContent = c.properties ? `${t(LABEL[c.change])}：${c.properties.join('、')}` : t(LABEL[c.change]);
    services.overlays.add(c.id, 'gz-diff', { position: { top: -22, left: 0 }, html: badge });
  }
}

export function clearDiff(services: { canvas: Canvas; overlays: Overlays; elementRegistry: Registry }, changes: readonly ElementChange[]): void {
  services.overlays.remove({ type: 'gz-diff' });
  for (const c of changes) {
    if (!services.elementRegistry.get(c.id) || ROOT_TYPES.has(c.type)) continue;
    for (const m of Object.values(DIFF_MARKERS)) services.canvas.removeMarker(c.id, m);
  }
}

export function describeChange(c: ElementChange, t: Translate): string {
  return `${t(LABEL[c.change])} ${c.name ?? ''}（${c.id}）${c.properties ? '：' + c.properties.join('、') : ''}`;
}
