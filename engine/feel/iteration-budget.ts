import type { IterationRange, RangeBound } from './compile.js';

/**
 * `for i in 1..100000000 return i` would pin the engine's only thread for minutes, so iteration over ranges is
 * budgeted: the product of the spans of all ranges an expression iterates over (nested loops multiply) must stay
 * under MAX_RANGE_ITERATIONS. Literal bounds are checked at compile time, bounds that are plain variables at
 * evaluation time. Bounds computed by expressions (`1..count(x) * 1000`) are not checked: feelin gives us no
 * hook inside its loop.
 */
export const MAX_RANGE_ITERATIONS = 100_000;

export function rangeIterations(ranges: readonly IterationRange[], context: Record<string, unknown> = {}): number {
  let product = 1;
  for (const range of ranges) {
    const from = valueOf(range.from, context);
    const to = valueOf(range.to, context);
    if (from === undefined || to === undefined) continue;
    product *= Math.abs(to - from) + 1;
  }
  return product;
}

function valueOf(bound: RangeBound, context: Record<string, unknown>): number | undefined {
  if ('literal' in bound) return Number.isFinite(bound.literal) ? bound.literal : undefined;
  if ('variable' in bound) {
    const value = context[bound.variable];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}
