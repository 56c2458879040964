import { EngineError } from '../port.js';
import { isKnownZone, resolveWallClock, type ZoneId } from './zone.js';

/**
 * ISO 8601 date-time with an offset and/or a zone, in every form a timer definition or a FEEL result takes:
 * `2025-01-01T08:00:00Z`, `2025-01-01T08:00:00.250+08:00`, `2025-01-01T08:00+0800`,
 * `2019-10-02T08:09:40+02:00[Europe/Berlin]` (Zeebe's, java.time's), `2019-10-02T08:09:40@Europe/Berlin` (FEEL's).
 * A date-time without offset or zone is rejected: Zeebe requires one for a timer date.
 */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]\s]+)\]|@([A-Za-z_][A-Za-z0-9_+\-/]*))?$/;

export interface ParsedDateTime {
  epochMs: number;
  /** The zone to do calendar arithmetic in: the IANA id when given, else the fixed offset (`+08:00`, `Z`). */
  zone: ZoneId;
}

export function parseZonedDateTime(s: string): ParsedDateTime {
  const text = typeof s === 'string' ? s.trim() : '';
  const match = DATE_TIME.exec(text);
  const invalid = (why: string): EngineError =>
    new EngineError('engine.invalid_argument', `Invalid ISO 8601 date-time '${String(s)}': ${why}`);
  if (!match) throw invalid('expected e.g. 2025-01-01T08:00:00+08:00 or 2025-01-01T08:00:00@Asia/Shanghai');
  const [, y, mo, d, h, mi, sec, fraction, offset, bracketZone, atZone] = match;
  const zoneId = bracketZone ?? atZone;
  if (offset === undefined && zoneId === undefined) throw invalid('an offset (Z, +08:00) or a zone is required');
  if (zoneId !== undefined && !isKnownZone(zoneId)) throw invalid(`unknown time zone '${zoneId}'`);

  const wall = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(sec ?? 0),
    millisecond: Math.floor(Number(`0.${fraction ?? '0'}`) * 1000),
  };
  if (!isValidWallClock(wall)) throw invalid('no such calendar date or time of day');

  const offsetZone = offset === undefined ? undefined : normalizeOffset(offset);
  if (offsetZone === null) throw invalid(`offset '${offset}' out of range`);
  if (zoneId !== undefined) {
    const preferred = offsetZone === undefined ? undefined : resolveWallClock('UTC', wall) - resolveWallClock(offsetZone, wall);
    return { epochMs: resolveWallClock(zoneId, wall, preferred), zone: zoneId };
  }
  return { epochMs: resolveWallClock(offsetZone!, wall), zone: offsetZone! };
}

/** `Z`, `+08`, `+0800`, `+08:00` → `Z` / `+08:00`; null when out of range. */
function normalizeOffset(offset: string): ZoneId | null {
  if (offset === 'Z') return 'Z';
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 18 || minutes > 59) return null;
  return `${offset[0]}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function isValidWallClock(w: { year: number; month: number; day: number; hour: number; minute: number; second: number }): boolean {
  if (w.month < 1 || w.month > 12 || w.day < 1 || w.hour > 23 || w.minute > 59 || w.second > 59) return false;
  const lastDay = new Date(Date.UTC(2000, w.month, 0));
  lastDay.setUTCFullYear(w.year, w.month, 0);
  return w.day <= lastDay.getUTCDate();
}
