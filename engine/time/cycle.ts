import { EngineError } from '../port.js';
import { parseZonedDateTime } from './date-time.js';
import { addDuration, isZeroDuration, parseDuration, type IsoDuration } from './duration.js';
import type { ZoneId } from './zone.js';

/** An ISO 8601 repeating interval as Zeebe accepts for a timer cycle. */
export interface TimerCycle {
  /** Infinity for `R/...` (repeat forever). */
  repetitions: number;
  /** Epoch ms of the first due date when the cycle names a start (`R5/2025-01-01T08:00:00+08:00/P1D`). */
  startMs?: number;
  interval: IsoDuration;
  /** The zone of the start date; calendar steps (P1D, P1M) keep local time there. UTC when no start is given. */
  zone?: ZoneId;
}

const REPEAT = /^R(\d*)$/;

/** `R3/PT10M`, `R/P1D`, `R5/2025-01-01T08:00:00+08:00/P1D`. Cron cycles (Zeebe 8.1+) are not supported. */
export function parseCycle(s: string): TimerCycle {
  const text = typeof s === 'string' ? s.trim() : '';
  // Zone ids contain slashes (`@Europe/Berlin`), so split at the first and the last slash only.
  const first = text.indexOf('/');
  const last = text.lastIndexOf('/');
  const parts = first < 0 ? [text] : first === last ? [text.slice(0, first), text.slice(first + 1)] : [text.slice(0, first), text.slice(first + 1, last), text.slice(last + 1)];
  const repeat = REPEAT.exec(parts[0] ?? '');
  if (!repeat || parts.length < 2) {
    throw new EngineError('engine.invalid_argument', `Invalid ISO 8601 timer cycle '${String(s)}' (expected e.g. R3/PT10M, R/P1D, R5/2025-01-01T08:00:00+08:00/P1D)`);
  }
  const repetitions = repeat[1] === '' ? Infinity : Number(repeat[1]);
  if (!Number.isSafeInteger(repetitions) && repetitions !== Infinity) {
    throw new EngineError('engine.invalid_argument', `Timer cycle repetitions out of range in '${text}'`);
  }
  const interval = parseDuration(parts[parts.length - 1]!);
  if (isZeroDuration(interval)) {
    throw new EngineError('engine.invalid_argument', `Timer cycle '${text}' has a zero interval and would fire forever`);
  }
  if (parts.length === 2) return { repetitions, interval };
  const start = parseZonedDateTime(parts[1]!);
  return { repetitions, interval, startMs: start.epochMs, zone: start.zone };
}

/** The due date after `previousDueMs` (or after the start, for the second firing). */
export function nextCycleDue(cycle: TimerCycle, previousDueMs: number): number {
  return addDuration(previousDueMs, cycle.interval, cycle.zone ?? 'UTC');
}
