/** A range bound known before evaluation: a number literal, or a variable name read at evaluation time. */
export type RangeBound = { literal: number } | { variable: string } | { unknown: true };
/** What a `for`/`some`/`every` iterates over: a range `a..b`, or a list held in a variable (path). */
export type IterationSource = { kind: 'range'; from: RangeBound; to: RangeBound } | { kind: 'list'; path: string[] };

/**
 * `for i in 1..100000000 return i`, or three nested loops over a 1,000-element list, would pin the engine's only
 * thread for minutes, so iteration is budgeted: the product of the sizes of everything an expression's
 * `for`/`some`/`every` iterate over (nested loops multiply) must stay under MAX_ITERATIONS. Literal range bounds
 * are checked at compile time; bounds in variables and lists in variables (or paths) at evaluation time.
 * Ranges or lists computed by expressions (`1..count(x) * 1000`, `for x in flatten(y)`) are not checked:
 * feelin gives us no hook inside its loops.
 */
export const MAX_ITERATIONS = 100_000;

export function iterationCount(sources: readonly IterationSource[], context: Record<string, unknown> = {}): number {
  let product = 1;
  for (const iterated of sources) {
    if (iterated.kind === 'list') {
      const list = valueAt(context, iterated.path);
      if (Array.isArray(list)) product *= list.length;
      continue;
    }
    const from = boundValue(iterated.from, context);
    const to = boundValue(iterated.to, context);
    if (from !== undefined && to !== undefined) product *= Math.abs(to - from) + 1;
  }
  return product;
}

function boundValue(bound: RangeBound, context: Record<string, unknown>): number | undefined {
  if ('literal' in bound) return Number.isFinite(bound.literal) ? bound.literal : undefined;
  if ('variable' in bound) {
    const value = context[bound.variable];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  }
  return undefined;
}

function valueAt(context: Record<string, unknown>, path: readonly string[]): unknown {
  let current: unknown = context;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
