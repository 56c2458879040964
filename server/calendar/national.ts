import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertValidCalendar, DEFAULT_TIME_ZONE, DEFAULT_WINDOWS, type CalendarData, type DatedEntry } from './calendar-data.js';
import { dateKeyOf, parseDateKey } from './zone.js';

/** One shipped year, as in `processes/calendars/cn-YYYY.json` (see the README there). */
interface NationalYearFile {
  year: number;
  source: { title: string; documentNumber: string | null; publishedOn: string; url: string };
  holidays: Array<{ name: string; from: string; to: string }>;
  makeUpWorkdays: Array<{ date: string; for: string }>;
}

export interface NationalSource {
  year: number;
  title: string;
  documentNumber: string | null;
  publishedOn: string;
  url: string;
}

export interface NationalCalendar {
  data: CalendarData;
  sources: NationalSource[];
}

/**
 * The State Council schedules shipped with the product, merged into one calendar that every tenant starts from.
 * Read once at start (this is the only I/O of the calendar module besides the repository).
 */
export function loadNationalCalendar(dir: string = defaultNationalCalendarDir()): NationalCalendar {
  const files = readdirSync(dir).filter((f) => /^cn-\d{4}\.json$/.test(f)).sort();
  const data: CalendarData = { timeZone: DEFAULT_TIME_ZONE, windows: DEFAULT_WINDOWS.map((w) => ({ ...w })), years: [], holidays: [], makeUpDays: [] };
  const sources: NationalSource[] = [];
  for (const file of files) {
    const year = JSON.parse(readFileSync(join(dir, file), 'utf8')) as NationalYearFile;
    data.years.push(year.year);
    data.holidays.push(...year.holidays.flatMap((h) => expandRange(h.name, h.from, h.to, file)));
    data.makeUpDays.push(...year.makeUpWorkdays.map((m) => ({ date: m.date, name: m.for })));
    sources.push({ year: year.year, ...year.source });
  }
  assertValidCalendar(data);
  return { data, sources };
}

function expandRange(name: string, from: string, to: string, file: string): DatedEntry[] {
  const first = parseDateKey(from);
  const last = parseDateKey(to);
  if (first === undefined || last === undefined || last < first || last - first > 31) {
    throw new Error(`${file}: holiday ${name} has a bad range ${from}..${to}`);
  }
  const days: DatedEntry[] = [];
  for (let day = first; day <= last; day++) days.push({ date: dateKeyOf(day), name });
  return days;
}

/**
 * `processes/calendars` of the installation: found by walking up from this module, so it works from the
 * sources (tsx, jest) and from the build output (dist/server/calendar) alike.
 */
export function defaultNationalCalendarDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'processes', 'calendars');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('processes/calendars not found above the calendar module');
    dir = parent;
  }
}
