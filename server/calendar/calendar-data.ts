import { isKnownZone, parseClock, parseDateKey } from './zone.js';

/** A span of working time within a day, local wall clock, `HH:MM`; `end` is exclusive. */
export interface WorkWindow {
  start: string;
  end: string;
}

/** A dated entry of a calendar: a public holiday (放假) or a make-up working day (调休上班). */
export interface DatedEntry {
  /** Local date `YYYY-MM-DD` in the calendar's time zone. */
  date: string;
  name: string;
}

/**
 * Everything a working-day calendar needs, as plain data (what the store keeps and the API shows).
 * `years` lists the years whose holiday schedule is known; any other year is "not covered".
 */
export interface CalendarData {
  timeZone: string;
  windows: WorkWindow[];
  years: number[];
  holidays: DatedEntry[];
  makeUpDays: DatedEntry[];
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
/** 上午 08:30–12:00, 下午 14:00–17:30: the usual office hours of a 街道/区 government office. */
export const DEFAULT_WINDOWS: readonly WorkWindow[] = Object.freeze([
  { start: '08:30', end: '12:00' },
  { start: '14:00', end: '17:30' },
]);

export interface CalendarIssue {
  path: string;
  message: string;
}

/** A calendar edit that would leave the calendar inconsistent. Nothing is written when it is thrown. */
export class CalendarInvalidError extends Error {
  readonly code = 'calendar.invalid';
  constructor(readonly details: CalendarIssue[]) {
    super(`the calendar is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
    this.name = 'CalendarInvalidError';
  }
}

/** Every problem of a calendar at once, so an admin fixes them in one round. Empty when valid. */
export function calendarIssues(data: CalendarData): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (!isKnownZone(data.timeZone)) issues.push({ path: 'timeZone', message: `unknown time zone ${data.timeZone}` });
  issues.push(...windowIssues(data.windows));
  for (const [i, year] of data.years.entries()) {
    if (!Number.isInteger(year) || year < 1970 || year > 9999) issues.push({ path: `years.${i}`, message: `not a year: ${year}` });
  }
  const holidayDates = datedIssues('holidays', data.holidays, issues);
  const makeUpDates = datedIssues('makeUpDays', data.makeUpDays, issues);
  for (const date of holidayDates) {
    if (makeUpDates.has(date)) issues.push({ path: 'makeUpDays', message: `${date} cannot be both a holiday and a make-up working day` });
  }
  return issues;
}

export function assertValidCalendar(data: CalendarData): void {
  const issues = calendarIssues(data);
  if (issues.length > 0) throw new CalendarInvalidError(issues);
}

function windowIssues(windows: readonly WorkWindow[]): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  if (windows.length === 0) issues.push({ path: 'windows', message: 'at least one working-hour window is needed' });
  let previousEnd = -1;
  for (const [i, w] of windows.entries()) {
    const start = parseClock(w.start);
    const end = parseClock(w.end);
    if (start === undefined || start === 24 * 60) issues.push({ path: `windows.${i}.start`, message: `not a HH:MM time: ${w.start}` });
    if (end === undefined) issues.push({ path: `windows.${i}.end`, message: `not a HH:MM time: ${w.end}` });
    if (start === undefined || end === undefined) continue;
    if (end <= start) issues.push({ path: `windows.${i}`, message: `ends (${w.end}) before it starts (${w.start})` });
    else if (start < previousEnd) issues.push({ path: `windows.${i}`, message: 'overlaps or precedes the previous window (keep windows in order, apart)' });
    previousEnd = Math.max(previousEnd, end);
  }
  return issues;
}

function datedIssues(path: string, entries: readonly DatedEntry[], issues: CalendarIssue[]): Set<string> {
  const seen = new Set<string>();
  for (const [i, entry] of entries.entries()) {
    if (parseDateKey(entry.date) === undefined) issues.push({ path: `${path}.${i}.date`, message: `not a YYYY-MM-DD date: ${entry.date}` });
    else if (seen.has(entry.date)) issues.push({ path: `${path}.${i}.date`, message: `${entry.date} is listed twice` });
    seen.add(entry.date);
  }
  return seen;
}
