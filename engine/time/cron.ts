import { EngineError } from '../port.js';
import { resolveWallClock, toWallClock, type ZoneId } from './zone.js';

/**
 * Cron timer cycles as Zeebe 8.1+ accepts them: Spring's six-field format
 * `second minute hour day-of-month month day-of-week` (e.g. `0 0 9 * * MON-FRI`), `?` as `*`, names for months
 * and weekdays, ranges, lists and steps, and the macros `@yearly @annually @monthly @weekly @daily @midnight
 * @hourly`. All fields must match (Spring ANDs day-of-month and day-of-week, unlike Unix cron). Spring's `L`,
 * `W` and `#` are rejected. A cron cycle repeats forever.
 */
export interface CronSchedule {
  readonly source: string;
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  /** 0 = Sunday … 6 = Saturday. */
  readonly daysOfWeek: ReadonlySet<number>;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 0 1 1 *',
  '@annually': '0 0 0 1 1 *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * 0',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: string[];
  /** Value of the first name (months are 1-based, weekdays 0-based). */
  namesFrom?: number;
}
const FIELDS: FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES, namesFrom: 1 },
  // 7 is accepted for Sunday, as in Spring, and folded onto 0 below.
  { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, namesFrom: 0 },
];

/** A shape test to tell a cron cycle from an ISO 8601 one: a macro or six space-separated fields. */
export function isCronExpression(s: string): boolean {
  const text = s.trim();
  return text.toLowerCase() in MACROS || /^\S+(\s+\S+){5}$/.test(text);
}

export function parseCron(s: string): CronSchedule {
  const source = typeof s === 'string' ? s.trim() : '';
  const fields = (MACROS[source.toLowerCase()] ?? source).split(/\s+/);
  const invalid = (why: string): EngineError =>
    new EngineError('engine.invalid_argument', `Invalid cron expression '${String(s)}': ${why}`);
  if (fields.length !== 6) throw invalid('expected six fields: second minute hour day-of-month month day-of-week');
  const sets = fields.map((field, i) => parseField(field, FIELDS[i]!, invalid));
  const daysOfWeek = new Set([...sets[5]!].map((d) => d % 7));
  const schedule = {
    source,
    seconds: sets[0]!,
    minutes: sets[1]!,
    hours: sets[2]!,
    daysOfMonth: sets[3]!,
    months: sets[4]!,
    daysOfWeek,
  };
  if (![...schedule.months].some((m) => [...schedule.daysOfMonth].some((d) => d <= maxDaysIn(m)))) {
    throw invalid('no month has such a day');
  }
  return schedule;
}

function parseField(field: string, spec: FieldSpec, invalid: (why: string) => EngineError): Set<number> {
  const values = new Set<number>();
  for (const part of field.toUpperCase().split(',')) {
    const match = /^(\*|\?|[A-Z0-9]+(?:-[A-Z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!match) throw invalid(`cannot read ${spec.name} '${part}' (L, W and # are not supported)`);
    const step = match[2] === undefined ? 1 : Number(match[2]);
    if (step < 1) throw invalid(`${spec.name} step must be at least 1`);
    let from = spec.min;
    let to = spec.max;
    if (match[1] !== '*' && match[1] !== '?') {
      const [low, high] = match[1]!.split('-');
      from = valueOf(low!, spec, invalid);
      // `5/15` means from 5 to the end in steps of 15, as in Spring.
      to = high !== undefined ? valueOf(high, spec, invalid) : match[2] === undefined ? from : spec.max;
      if (to < from) throw invalid(`${spec.name} range ${part} runs backwards`);
    } else if (spec.name === 'day-of-week') {
      to = 6;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

function valueOf(token: string, spec: FieldSpec, invalid: (why: string) => EngineError): number {
  const named = spec.names?.indexOf(token) ?? -1;
  const value = named >= 0 ? named + (spec.namesFrom ?? 0) : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!Number.isInteger(value) || value < spec.min || value > spec.max) {
    throw invalid(`${spec.name} '${token}' is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function maxDaysIn(month: number): number {
  return [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** How far ahead a schedule may lie: `0 0 0 29 2 MON` (a leap day on a Monday) recurs within 28 years. */
const SEARCH_DAYS = 366 * 29;

/**
 * The first instant strictly after `afterMs` that matches, with the fields read as wall-clock time in `zone`
 * (Zeebe: the broker's zone, UTC in practice). A wall time inside a DST gap moves later by the gap.
 */
export function nextCronDue(schedule: CronSchedule, afterMs: number, zone: ZoneId = 'UTC'): number {
  const start = toWallClock(zone, afterMs);
  // Walk the wall clock as if it were UTC: every field step is then plain calendar arithmetic.
  const wall = new Date(Date.UTC(2000, 0, 1));
  wall.setUTCFullYear(start.year, start.month - 1, start.day);
  wall.setUTCHours(start.hour, start.minute, start.second + 1, 0);
  const limit = wall.getTime() + SEARCH_DAYS * 86_400_000;
  while (wall.getTime() < limit) {
    if (!schedule.months.has(wall.getUTCMonth() + 1)) {
      wall.setUTCMonth(wall.getUTCMonth() + 1, 1);
      wall.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.daysOfMonth.has(wall.getUTCDate()) || !schedule.daysOfWeek.has(wall.getUTCDay())) {
      wall.setUTCDate(wall.getUTCDate() + 1);
      wall.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(wall.getUTCHours())) {
      wall.setUTCHours(wall.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(wall.getUTCMinutes())) {
      wall.setUTCMinutes(wall.getUTCMinutes() + 1, 0, 0);
    } else if (!schedule.seconds.has(wall.getUTCSeconds())) {
      wall.setUTCSeconds(wall.getUTCSeconds() + 1, 0);
    } else {
      const due = resolveWallClock(zone, {
        year: wall.getUTCFullYear(),
        month: wall.getUTCMonth() + 1,
        day: wall.getUTCDate(),
        hour: wall.getUTCHours(),
        minute: wall.getUTCMinutes(),
        second: wall.getUTCSeconds(),
        millisecond: 0,
      });
      if (due > afterMs) return due;
      // In a DST overlap the wall time can map to an instant already passed; keep walking.
      wall.setUTCSeconds(wall.getUTCSeconds() + 1, 0);
    }
  }
  throw new EngineError('engine.invalid_argument', `Cron expression '${schedule.source}' never matches`);
}
