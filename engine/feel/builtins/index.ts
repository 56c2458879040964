import { booleanBuiltins } from './boolean.js';
import { contextBuiltins } from './context.js';
import { listBuiltins } from './list.js';
import { stringBuiltins } from './string.js';
import { calendarBuiltins, clockBuiltins, cycleBuiltins, durationBuiltins } from './temporal.js';

/**
 * The Camunda 8 built-ins feelin lacks, added to every evaluation context. Variables are layered on top of
 * nothing: a process variable never shadows a built-in of ours (Zeebe's built-ins cannot be shadowed either).
 */
const staticBuiltins: Record<string, unknown> = {
  ...booleanBuiltins,
  ...stringBuiltins,
  ...listBuiltins,
  ...contextBuiltins,
  ...calendarBuiltins,
  ...durationBuiltins,
  ...cycleBuiltins,
};

export const CUSTOM_BUILTIN_NAMES: readonly string[] = [...Object.keys(staticBuiltins), 'now', 'today'];

export function builtinsFor(nowMs: () => number): Record<string, unknown> {
  return { ...staticBuiltins, ...clockBuiltins(nowMs) };
}
