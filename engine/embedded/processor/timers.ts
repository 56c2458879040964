/** Timer definitions → due dates: ISO 8601 date, duration or cycle, literal or from FEEL. */
import { addDuration, parseCycle, parseDuration, parseTimerDate } from '../../time/iso8601.js';
import { evalStaticOrFeel, IncidentFault } from '../expression.js';
import type { TimerDef } from '../model/types.js';

export interface TimerPlan {
  dueDate: number;
  repetitions: number;
  /** The evaluated cycle text, kept to compute the next due date of a repeating timer. */
  cycle?: string;
}

export function planTimer(def: TimerDef, ctx: Record<string, unknown>, now: number): TimerPlan {
  const v = evalStaticOrFeel(def.expression, ctx, 'EXTRACT_VALUE_ERROR', now);
  if (typeof v !== 'string') {
    throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected timer '${def.expression}' to evaluate to an ISO 8601 ${def.kind} but was ${v === null ? 'null' : typeof v}`);
  }
  try {
    switch (def.kind) {
      case 'date':
        return { dueDate: parseTimerDate(v), repetitions: 1 };
      case 'duration':
        return { dueDate: addDuration(now, parseDuration(v)), repetitions: 1 };
      case 'cycle': {
        const c = parseCycle(v);
        const dueDate = c.startMs !== undefined ? c.startMs : addDuration(now, c.interval);
        return { dueDate, repetitions: c.repetitions, cycle: v };
      }
    }
  } catch (err) {
    throw new IncidentFault('EXTRACT_VALUE_ERROR', `Invalid timer ${def.kind} '${v}': ${(err as Error).message}`);
  }
}

/** Next due date of a cycle after a firing that was due at `due` (missed firings collapse into one). */
export function nextCycleDueDate(cycle: string, due: number, now: number): number {
  return addDuration(Math.max(due, now), parseCycle(cycle).interval);
}
