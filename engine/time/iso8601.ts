/**
 * ISO 8601 timer values for the embedded engine (Zeebe's timeDate, timeDuration and timeCycle), including the
 * strings FEEL timer expressions return (`PT1H30M`, `2024-05-01T10:00:00+02:00[Europe/Berlin]`, `R/PT1H`).
 * Junk is rejected with EngineError 'engine.invalid_argument'; the engine turns that into an incident or a
 * deployment problem.
 */
import { parseZonedDateTime } from './date-time.js';

export { addDuration, formatDuration, isZeroDuration, parseDuration, type IsoDuration } from './duration.js';
export { nextCycleDue, parseCycle, type TimerCycle } from './cycle.js';
export { parseZonedDateTime, type ParsedDateTime } from './date-time.js';
export { isCronExpression, nextCronDue, parseCron, type CronSchedule } from './cron.js';
export type { ZoneId } from './zone.js';

/** A timer date → epoch ms. */
export function parseTimerDate(s: string): number {
  return parseZonedDateTime(s).epochMs;
}
