/**
 * Which rule of a time-limit table applies: the most specific matching rule wins (fewest wildcards), and among
 * equally specific rules the first one listed. Pure; no store.
 */
import type { TimeLimitRule, TimeLimitTable } from './table.js';

export interface LimitContext {
  processId: string;
  step: string;
  /** `major/minor` (a code like `component/市容环境/垃圾` is read as kind/major/minor), or the category object. */
  category?: unknown;
  caseKind?: string | null;
  level?: string | number | null;
  urgent?: boolean | null;
  unitId: string;
}

export interface ResolvedLimit {
  tableId: string;
  ruleIndex: number;
  limit: TimeLimitRule['limit'];
  warnAt: number;
}

const CATEGORY_KINDS = new Set(['component', 'event']);

/** The category as `[major, minor]`, from either the string code or the case's category object. */
export function categoryParts(category: unknown): string[] {
  if (category && typeof category === 'object') {
    const c = category as { major?: unknown; minor?: unknown };
    return [c.major, c.minor].filter((p): p is string => typeof p === 'string' && p !== '');
  }
  if (typeof category !== 'string' || category === '') return [];
  const parts = category.split('/').filter((p) => p !== '');
  return CATEGORY_KINDS.has(parts[0]!) ? parts.slice(1) : parts;
}

function categoryMatches(rule: string, parts: string[]): boolean {
  if (rule === '*') return true;
  const wanted = rule.split('/').filter((p) => p !== '');
  return wanted.length <= parts.length && wanted.every((w, i) => w === parts[i]);
}

function wildcards(rule: TimeLimitRule): number {
  return [rule.step, rule.category, rule.caseKind, rule.level, rule.urgent].filter((v) => v === '*').length;
}

export function resolveRule(table: TimeLimitTable, ctx: LimitContext): ResolvedLimit | undefined {
  const parts = categoryParts(ctx.category);
  let best: { rule: TimeLimitRule; index: number; score: number } | undefined;
  table.rules.forEach((rule, index) => {
    const matches =
      (rule.step === '*' || rule.step === ctx.step) &&
      categoryMatches(rule.category, parts) &&
      (rule.caseKind === '*' || rule.caseKind === ctx.caseKind) &&
      (rule.level === '*' || (ctx.level !== undefined && ctx.level !== null && rule.level === String(ctx.level))) &&
      (rule.urgent === '*' || rule.urgent === (ctx.urgent === true));
    if (!matches) return;
    // a `major/minor` category is more specific than a bare `major`
    const score = wildcards(rule) * 2 - (rule.category.includes('/') ? 1 : 0);
    if (!best || score < best.score) best = { rule, index, score };
  });
  return best && { tableId: table.id, ruleIndex: best.index, limit: best.rule.limit, warnAt: best.rule.warnAt };
}
