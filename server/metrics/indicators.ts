/**
 * The evaluation indicators (综合评价, DOMAIN.md; GB/T 30428.4, CJ/T 292) over case documents. Pure: the counts
 * and rates of one group of cases in one period [from, to). Formulas and their reading: README.md.
 */

/** The fields of a case document the indicators read (C7's case contract). */
export interface CaseFacts {
  _id: string;
  status: string;
  urgent?: boolean;
  filedAt?: string | null;
  dueAt?: string | null;
  closedAt?: string | null;
  closedOnTime?: boolean | null;
  deferredAt?: string | null;
  reworkCount?: number;
  returnCount?: number;
  extensionCount?: number;
  reopenCount?: number;
  satisfaction?: { score: number; satisfied: boolean } | null;
}

export interface Indicators {
  /** 立案数: filed in the period. */
  filed: number;
  /** 应结案数: due (deadline) in the period, not rejected or cancelled. */
  due: number;
  /** 结案数: of those due, closed by the end of the period. */
  closed: number;
  /** 按期结案数: of those due, closed by their deadline. */
  closedOnTime: number;
  /** 缓办数: of those due, deferred (缓办/挂账) and not closed. */
  deferred: number;
  /** 结案率 = 结案数 / (应结案数 − 缓办数) × 100 */
  closureRate: number | null;
  /** 按期结案率 = 按期结案数 / (应结案数 − 缓办数) × 100 */
  onTimeClosureRate: number | null;
  /** 返工率 = closed cases reworked at least once / 结案数 × 100 */
  reworkRate: number | null;
  /** 延期率 = due cases granted an extension / 应结案数 × 100 */
  extensionRate: number | null;
  /** 一次完成率 = closed cases never reworked, returned or reopened / 结案数 × 100 */
  firstTimeRate: number | null;
  /** 满意率 = satisfied / rated closed cases × 100; average score 1..5 of the rated ones. */
  satisfactionRate: number | null;
  satisfactionScore: number | null;
  rated: number;
  /** Urgent (紧急) variants. */
  urgentFiled: number;
  urgentDue: number;
  urgentOnTimeClosureRate: number | null;
}

/** Percent with two decimals; null when the denominator is zero (never NaN or Infinity). */
export function rate(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 100;
}

const STRUCK = new Set(['rejected', 'cancelled']);

export function inPeriod(at: string | null | undefined, from: string, to: string): boolean {
  return typeof at === 'string' && at >= from && at < to;
}

/**
 * `filedCases`: the group's cases filed in the period; `dueCases`: the group's cases due in it (the two sets
 * differ when grouping by month). `to` is exclusive; closures after `to` do not count yet.
 */
export function computeIndicators(filedCases: CaseFacts[], dueCases: CaseFacts[], to: string): Indicators {
  const due = dueCases.filter((c) => !STRUCK.has(c.status));
  const isClosed = (c: CaseFacts) => typeof c.closedAt === 'string' && c.closedAt < to;
  const closed = due.filter(isClosed);
  const onTime = closed.filter((c) => c.closedOnTime === true);
  const deferred = due.filter((c) => !isClosed(c) && (c.status === 'deferred' || typeof c.deferredAt === 'string'));
  const base = due.length - deferred.length;
  const rated = closed.filter((c) => c.satisfaction && typeof c.satisfaction.score === 'number');
  const urgentDue = due.filter((c) => c.urgent === true);
  const urgentBase = urgentDue.length - urgentDue.filter((c) => deferred.includes(c)).length;
  return {
    filed: filedCases.length,
    due: due.length,
    closed: closed.length,
    closedOnTime: onTime.length,
    deferred: deferred.length,
    closureRate: rate(closed.length, base),
    onTimeClosureRate: rate(onTime.length, base),
    reworkRate: rate(closed.filter((c) => (c.reworkCount ?? 0) > 0).length, closed.length),
    extensionRate: rate(due.filter((c) => (c.extensionCount ?? 0) > 0).length, due.length),
    firstTimeRate: rate(closed.filter((c) => !(c.reworkCount ?? 0) && !(c.returnCount ?? 0) && !(c.reopenCount ?? 0)).length, closed.length),
    satisfactionRate: rate(rated.filter((c) => c.satisfaction!.satisfied).length, rated.length),
    satisfactionScore: rated.length ? Math.round((rated.reduce((s, c) => s + c.satisfaction!.score, 0) / rated.length) * 100) / 100 : null,
    rated: rated.length,
    urgentFiled: filedCases.filter((c) => c.urgent === true).length,
    urgentDue: urgentDue.length,
    urgentOnTimeClosureRate: rate(onTime.filter((c) => c.urgent === true).length, urgentBase),
  };
}
