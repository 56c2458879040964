/**
 * Civil days and wall-clock times in an IANA time zone, on epoch milliseconds, with the zone database that ships
 * with Node's Intl (no date library). A civil day is an integer: days since 1970-01-01 of the local date, so
 * "the next day" is `day + 1` and the weekday is arithmetic, whatever the zone's offset does.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // Throws RangeError for an unknown zone; callers validate zones before building a calendar.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const offsetCache = new Map<string, number>();

/**
 * The zone's offset from UTC at an instant, in milliseconds (local = utc + offset). Intl formatting costs tens
 * of microseconds, so offsets are memoised per zone and UTC quarter hour: every transition since 1970 falls on
 * a quarter hour.
 */
export function offsetAt(zone: string, instant: number): number {
  const key = `${zone}|${Math.floor(instant / QUARTER_HOUR_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= 50_000) offsetCache.clear();
    offset = measureOffset(zone, Math.floor(instant / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);
    offsetCache.set(key, offset);
  }
  return offset;
}

function measureOffset(zone: string, instant: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export interface LocalTime {
  /** Civil day number (days since 1970-01-01 in the zone). */
  day: number;
  /** Milliseconds since local midnight. */
  msOfDay: number;
}

export function toLocal(zone: string, instant: number): LocalTime {
  const local = instant + offsetAt(zone, instant);
  const day = Math.floor(local / DAY_MS);
  return { day, msOfDay: local - day * DAY_MS };
}

/**
 * The instant of a local wall-clock time. Two passes settle the offset; a wall time skipped by a DST gap maps
 * to the instant after the gap, a repeated one to its first occurrence (Asia/Shanghai has neither since 1991).
 */
export function fromLocal(zone: string, day: number, msOfDay: number): number {
  const wall = day * DAY_MS + msOfDay;
  const first = wall - offsetAt(zone, wall);
  const second = wall - offsetAt(zone, first);
  return second === first ? first : Math.min(first, second);
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` → civil day number, or undefined for a malformed or impossible date (2025-02-30). */
export function parseDateKey(key: string): number | undefined {
  const match = DATE_KEY.exec(key);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
}

export function dateKeyOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (00:00–23:59, or 24:00 as the end of the day) → minutes since midnight, or undefined. */
export function parseClock(text: string): number | undefined {
  if (text === '24:00') return 24 * 60;
  const match = CLOCK.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}
