/**
 * Which routing rule applies to a case: among the rules whose category and area match, the most specific wins —
 * a `major/minor` category over a bare `major` over `*`, then the deepest area; ties go to the first listed.
 * Pure; no store.
 */
import type { RoutingRule, RoutingTable } from './table.js';

const CATEGORY_KINDS = new Set(['component', 'event']);

/** `[major, minor]` from a code like `component/市容环境/垃圾`, `市容环境/垃圾`, or the case's category object. */
export function categoryPath(category: unknown): string[] {
  if (category && typeof category === 'object') {
    const c = category as { major?: unknown; minor?: unknown };
    return [c.major, c.minor].filter((p): p is string => typeof p === 'string' && p !== '');
  }
  if (typeof category !== 'string') return [];
  const parts = category.split('/').filter((p) => p !== '');
  return parts.length > 0 && CATEGORY_KINDS.has(parts[0]!) ? parts.slice(1) : parts;
}

export interface RouteContext {
  category: unknown;
  /** The case unit's materialised path, e.g. `/c/A/A1/`. */
  unitPath: string;
}

export interface RouteDecision {
  tableId: string;
  ruleIndex: number;
  departments: string[];
}

function categoryScore(rule: string, parts: string[]): number | undefined {
  if (rule === '*') return 0;
  const wanted = rule.split('/').filter((p) => p !== '');
  const ok = wanted.length <= parts.length && wanted.every((w, i) => w === parts[i]);
  return ok ? wanted.length : undefined;
}

/** Depth of the area in the case's path (deeper = more specific), or undefined when the case lies outside it. */
function areaScore(area: string, unitPath: string): number | undefined {
  if (area === '*') return 0;
  const ids = unitPath.split('/').filter((p) => p !== '');
  const at = ids.indexOf(area);
  return at < 0 ? undefined : at + 1;
}

export function resolveRoute(table: RoutingTable, ctx: RouteContext): RouteDecision | undefined {
  const parts = categoryPath(ctx.category);
  let best: { rule: RoutingRule; index: number; score: [number, number] } | undefined;
  table.rules.forEach((rule, index) => {
    const c = categoryScore(rule.category, parts);
    const a = areaScore(rule.area, ctx.unitPath);
    if (c === undefined || a === undefined) return;
    if (!best || c > best.score[0] || (c === best.score[0] && a > best.score[1])) best = { rule, index, score: [c, a] };
  });
  return best && { tableId: table.id, ruleIndex: best.index, departments: [...best.rule.departments] };
}
