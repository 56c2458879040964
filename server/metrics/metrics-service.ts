/**
 * Indicators of a unit's subtree for a period, as a total and grouped by direct sub-unit, area (grid/area unit),
 * category (major) or month (Asia/Shanghai). Reads the `cases` collection with a projection of the few fields the
 * formulas need; each case is counted in the group of its filing for 立案数 and of its deadline for the rest.
 */
import type { DocumentStore } from '../store/port.js';
import { computeIndicators, inPeriod, type CaseFacts, type Indicators } from './indicators.js';

export const GROUP_BYS = ['unit', 'area', 'category', 'month'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

interface CaseRow extends CaseFacts {
  unitId: string;
  unitPath: string;
  gridId?: string;
  areaUnitId?: string;
  category?: { major?: string } | null;
  [key: string]: unknown;
}

export interface IndicatorQuery {
  unitId: string;
  unitPath: string;
  from: string;
  to: string;
  groupBy?: GroupBy;
}

export interface IndicatorReport {
  unitId: string;
  from: string;
  to: string;
  groupBy: GroupBy | null;
  total: Indicators;
  groups: ({ key: string } & Indicators)[];
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const FIELDS = ['_id', 'status', 'urgent', 'filedAt', 'dueAt', 'closedAt', 'closedOnTime', 'deferredAt', 'reworkCount', 'returnCount', 'extensionCount', 'reopenCount', 'satisfaction', 'unitId', 'unitPath', 'gridId', 'areaUnitId', 'category'];

export class MetricsService {
  constructor(private readonly store: DocumentStore) {}

  async indicators(q: IndicatorQuery): Promise<IndicatorReport> {
    const cases = await this.store.collection<CaseRow>('cases').find(
      { unitPath: { $regex: `^${escapeRegex(q.unitPath)}` }, $or: [{ filedAt: { $gte: q.from, $lt: q.to } }, { dueAt: { $gte: q.from, $lt: q.to } }] },
      { projection: Object.fromEntries(FIELDS.map((f) => [f, 1 as const])) },
    );
    const filed = cases.filter((c) => inPeriod(c.filedAt, q.from, q.to));
    const due = cases.filter((c) => inPeriod(c.dueAt, q.from, q.to));
    const total = computeIndicators(filed, due, q.to);
    if (!q.groupBy) return { unitId: q.unitId, from: q.from, to: q.to, groupBy: null, total, groups: [] };
    const keyOf = groupKey(q.groupBy, q.unitPath);
    const keys = [...new Set([...filed.map((c) => keyOf(c, 'filedAt')), ...due.map((c) => keyOf(c, 'dueAt'))])].sort();
    const groups = keys.map((key) => ({
      key,
      ...computeIndicators(filed.filter((c) => keyOf(c, 'filedAt') === key), due.filter((c) => keyOf(c, 'dueAt') === key), q.to),
    }));
    return { unitId: q.unitId, from: q.from, to: q.to, groupBy: q.groupBy, total, groups };
  }
}

function groupKey(groupBy: GroupBy, unitPath: string): (c: CaseRow, dateField: 'filedAt' | 'dueAt') => string {
  switch (groupBy) {
    case 'unit':
      // the direct sub-unit of the queried unit the case belongs to; the unit itself for its own cases
      return (c) => c.unitPath.slice(unitPath.length).split('/')[0] || unitPath.split('/').at(-2) || '';
    case 'area':
      return (c) => c.areaUnitId ?? c.gridId ?? '(none)';
    case 'category':
      return (c) => c.category?.major ?? '(none)';
    case 'month':
      return (c, field) => new Date(Date.parse(String(c[field])) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
