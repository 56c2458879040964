import { FeelDate, FeelDateTime, FeelDuration, FeelTime, isFunction, isRange } from 'feelin';

/**
 * Converts a FEEL result into the JSON value Zeebe would store as a variable:
 * date → "2024-05-01"; date and time → ISO 8601 with offset, plus `[Zone/Id]` for a named zone (the form Zeebe
 * accepts back as a timer date, e.g. "2019-10-02T08:09:40+02:00[Europe/Berlin]"); a local date and time stays
 * local; durations → "PT1H30M" / "P1Y2M"; contexts → plain objects; lists → arrays. Functions and ranges have
 * no JSON form and become null. Non-finite numbers become null (JSON has none).
 */
export function feelToJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return jsonNumber(value);
    case 'bigint':
      return Number(value);
    case 'function':
      return null;
    default:
      break;
  }
  if (value instanceof FeelDate || value instanceof FeelTime || value instanceof FeelDuration) return value.iso;
  if (value instanceof FeelDateTime) return dateTimeToJson(value);
  if (isFunction(value) || isRange(value)) return null;
  if (Array.isArray(value)) return value.map(feelToJson);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) out[key] = feelToJson(entry);
  return out;
}

/**
 * Zeebe's FEEL computes in decimals (0.1 + 0.2 = 0.3); feelin in binary floating point. Rounding fractional
 * results to 15 significant digits (what a double holds exactly) stores the decimal answer; integers pass as is.
 */
function jsonNumber(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value)) return value;
  return Number(value.toPrecision(15));
}

const NAMED_ZONE = /@([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*)$/;

function dateTimeToJson(value: FeelDateTime): string {
  const named = NAMED_ZONE.exec(value.iso);
  if (!named) return value.iso;
  const wallClock = value.iso.slice(0, named.index);
  return `${wallClock}${offsetOf(value)}[${named[1]}]`;
}

/** The zone offset of a zoned date-time as `+hh:mm`, taken from feelin's `time offset` duration. */
function offsetOf(value: FeelDateTime): string {
  const offset = value['time offset'];
  const match = /^(-)?PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(offset.iso);
  if (!match) return 'Z';
  const hours = Number(match[2] ?? 0);
  const minutes = Number(match[3] ?? 0);
  if (hours === 0 && minutes === 0) return 'Z';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${match[1] ? '-' : '+'}${pad(hours)}:${pad(minutes)}`;
}
