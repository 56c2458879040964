import { EngineError } from '../port.js';
import { resolveWallClock, toWallClock, type ZoneId } from './zone.js';

/** An ISO 8601 duration, kept by component: a month is not a fixed number of milliseconds. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  /** May carry a fraction (`PT1.5S`). */
  seconds: number;
}

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** Parses `P[n]Y[n]M[n]W[n]DT[n]H[n]M[n]S`; negative and empty durations are rejected. */
export function parseDuration(s: string): IsoDuration {
  const text = typeof s === 'string' ? s.trim() : '';
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new EngineError('engine.invalid_argument', `Invalid ISO 8601 duration '${String(s)}' (expected e.g. PT10M, P1DT2H, P1Y2M)`);
  }
  const n = (i: number): number => (match[i] === undefined ? 0 : Number(match[i]!.replace(',', '.')));
  const duration = { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
  const { seconds, ...whole } = duration;
  if (!Object.values(whole).every(Number.isSafeInteger) || !Number.isFinite(seconds)) {
    throw new EngineError('engine.invalid_argument', `ISO 8601 duration out of range: '${s}'`);
  }
  return duration;
}

export function formatDuration(d: IsoDuration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

/** True when the duration moves no time at all (a cycle with such an interval would never advance). */
export function isZeroDuration(d: IsoDuration): boolean {
  return d.years === 0 && d.months === 0 && d.weeks === 0 && d.days === 0 && d.hours === 0 && d.minutes === 0 && d.seconds === 0;
}

/**
 * Adds a duration the way java.time's ZonedDateTime.plus(Period).plus(Duration) does: years, months, weeks and
 * days move the wall-clock calendar in `zone` (Jan 31 + P1M = Feb 28/29; P1D across a DST change keeps the
 * local time), then hours, minutes and seconds add exact elapsed time.
 */
export function addDuration(fromMs: number, d: IsoDuration, zone: ZoneId = 'UTC'): number {
  let result = fromMs;
  const calendarMonths = d.years * 12 + d.months;
  const calendarDays = d.weeks * 7 + d.days;
  if (calendarMonths !== 0 || calendarDays !== 0) {
    const wall = toWallClock(zone, fromMs);
    const monthIndex = wall.year * 12 + (wall.month - 1) + calendarMonths;
    const year = Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(wall.day, daysInMonth(year, month));
    const shifted = new Date(Date.UTC(2000, 0, 1));
    shifted.setUTCFullYear(year, month - 1, day + calendarDays);
    const originalOffset = fromMs - resolveWallClock('UTC', wall);
    result = resolveWallClock(
      zone,
      { ...wall, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
      -originalOffset,
    );
  }
  const elapsedMs = ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000;
  const due = result + Math.round(elapsedMs);
  // Beyond ±8.64e15 ms a Date cannot represent the instant; such a timer is a modelling error, not a date.
  if (!Number.isFinite(due) || Math.abs(due) > 8.64e15) {
    throw new EngineError('engine.invalid_argument', `Adding ${formatDuration(d)} leaves the representable time range`);
  }
  return due;
}

function daysInMonth(year: number, month: number): number {
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}
