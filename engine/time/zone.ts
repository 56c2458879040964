/**
 * Time-zone arithmetic on epoch milliseconds, with the IANA database that ships with Node's Intl. A zone is an
 * IANA id (`Europe/Berlin`, `Asia/Shanghai`) or a fixed offset (`Z`, `+08:00`).
 */

export type ZoneId = string;

const FIXED_OFFSET = /^(?:Z|([+-])(\d{2}):?(\d{2})?)$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset in minutes of a fixed-offset zone id, or undefined when the id is not a fixed offset. */
export function fixedOffsetMinutes(zone: ZoneId): number | undefined {
  if (zone === 'UTC') return 0;
  const match = FIXED_OFFSET.exec(zone);
  if (!match) return undefined;
  if (!match[1]) return 0;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 18 || minutes > 59) throw new RangeError(`Offset out of range: ${zone}`);
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function formatterFor(zone: ZoneId): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // Throws RangeError for an unknown zone, which callers report as an invalid value.
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

export function isKnownZone(zone: ZoneId): boolean {
  if (fixedOffsetMinutes(zone) !== undefined) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in milliseconds, at the instant `epochMs`. */
export function offsetAt(zone: ZoneId, epochMs: number): number {
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) return fixed * 60_000;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const wholeSeconds = Math.floor(epochMs / 1000) * 1000;
  return wallClock - wholeSeconds;
}

/** Wall-clock fields of an instant in a zone (milliseconds kept). */
export interface WallClock {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

export function toWallClock(zone: ZoneId, epochMs: number): WallClock {
  const shifted = new Date(epochMs + offsetAt(zone, epochMs));
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
  };
}

export function wallClockAsUtcMs(w: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(w.year, w.month - 1, w.day);
  date.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return date.getTime();
}

/**
 * The instant a wall-clock time denotes in a zone, resolved as java.time's ZonedDateTime.ofLocal does (Zeebe's
 * reference): in an overlap (clocks turned back) the earlier offset wins unless `preferredOffsetMs` is one of
 * the two valid offsets; in a gap (clocks turned forward) the time moves later by the length of the gap.
 */
export function resolveWallClock(zone: ZoneId, wall: WallClock, preferredOffsetMs?: number): number {
  const local = wallClockAsUtcMs(wall);
  const fixed = fixedOffsetMinutes(zone);
  if (fixed !== undefined) return local - fixed * 60_000;
  // At most one transition lies within a day of any instant, so these are the only candidate offsets.
  const before = offsetAt(zone, local - 86_400_000);
  const after = offsetAt(zone, local + 86_400_000);
  const valid = [before, after].filter((offset) => offsetAt(zone, local - offset) === offset);
  if (valid.length === 0) return local - before;
  if (preferredOffsetMs !== undefined && valid.includes(preferredOffsetMs)) return local - preferredOffsetMs;
  return local - valid[0]!;
}
