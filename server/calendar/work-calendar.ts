import { assertValidCalendar, type CalendarData } from './calendar-data.js';
import { DAY_MS, MINUTE_MS, dateKeyOf, fromLocal, parseClock, parseDateKey, toLocal, weekdayOf, yearOf } from './zone.js';

const HOUR_MS = 60 * MINUTE_MS;
/** No real calendar goes a century without a working day; beyond this the data is broken, not the query. */
const MAX_DAYS_SCANNED = 366 * 100;

export type Instant = Date | number;
export type ClockUnit = 'naturalHours' | 'workingHours' | 'workingDays';
export const CLOCK_UNITS: readonly ClockUnit[] = ['naturalHours', 'workingHours', 'workingDays'];

/** Whether every day a computation looked at lies in a year the calendar covers. Never silently assumed. */
export interface Coverage {
  complete: boolean;
  /** Years the computation touched without holiday data (the weekends-only fallback was used for them). */
  missingYears: number[];
}

export interface DueResult {
  due: Date;
  coverage: Coverage;
}

export interface WorkingTimeResult {
  ms: number;
  hours: number;
  coverage: Coverage;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpDay';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  /** The holiday's name, or the holiday a make-up day works for. */
  name?: string;
  covered: boolean;
}

export interface WorkCalendarOptions {
  /** Called once per computation and uncovered year it touched: wire it to a logger warning. */
  onMissingYear?: (year: number) => void;
}

/**
 * A tenant's working-day calendar and the three clocks on it. Pure arithmetic on instants: no I/O, no clock.
 * Days are civil days in the calendar's time zone; a day is a working day when it is a make-up day (调休上班), or
 * a Monday–Friday that is not a holiday. Years outside `years` fall back to that weekday rule alone and are
 * reported (callback + `coverage`), never assumed complete.
 */
export class WorkCalendar {
  readonly timeZone: string;
  private readonly holidays = new Map<number, string>();
  private readonly makeUpDays = new Map<number, string>();
  private readonly years: ReadonlySet<number>;
  /** [start, end) of each window in ms since local midnight, in order. */
  private readonly windows: Array<[number, number]>;
  private readonly onMissingYear: (year: number) => void;

  constructor(data: CalendarData, options: WorkCalendarOptions = {}) {
    assertValidCalendar(data);
    this.timeZone = data.timeZone;
    for (const h of data.holidays) this.holidays.set(parseDateKey(h.date)!, h.name);
    for (const m of data.makeUpDays) this.makeUpDays.set(parseDateKey(m.date)!, m.name);
    this.years = new Set(data.years);
    this.windows = data.windows.map((w) => [parseClock(w.start)! * MINUTE_MS, parseClock(w.end)! * MINUTE_MS]);
    this.onMissingYear = options.onMissingYear ?? (() => undefined);
  }

  /** What kind of day an instant (or a `YYYY-MM-DD` local date) falls on. */
  dayInfo(at: Instant | string): DayInfo {
    const day = typeof at === 'string' ? requireDateKey(at) : toLocal(this.timeZone, ms(at)).day;
    const scan = new Scan();
    const working = this.isWorking(day, scan);
    this.report(scan);
    const holiday = this.holidays.get(day);
    const makeUp = this.makeUpDays.get(day);
    const kind: DayKind = holiday !== undefined ? 'holiday' : makeUp !== undefined ? 'makeUpDay' : working ? 'workday' : 'weekend';
    const name = holiday ?? makeUp;
    return { date: dateKeyOf(day), working, kind, ...(name !== undefined ? { name } : {}), covered: scan.missing.size === 0 };
  }

  isWorkingDay(at: Instant | string): boolean {
    return this.dayInfo(at).working;
  }

  /** 紧急 clock: plain elapsed time, holidays and nights included. */
  addNaturalHours(start: Instant, hours: number): DueResult {
    requireAmount(hours, 'hours');
    return { due: new Date(ms(start) + Math.round(hours * HOUR_MS)), coverage: { complete: true, missingYears: [] } };
  }

  /**
   * Counts only time inside the working-hour windows of working days. A start outside working hours (lunch,
   * evening, weekend, holiday) starts counting at the next window; a due time that lands exactly on a window's
   * end stays there (Friday 17:00 + 0.5 h is Friday 17:30, not Monday 08:30).
   */
  addWorkingHours(start: Instant, hours: number): DueResult {
    requireAmount(hours, 'hours');
    let remaining = Math.round(hours * HOUR_MS);
    if (remaining === 0) return { due: new Date(ms(start)), coverage: { complete: true, missingYears: [] } };
    const scan = new Scan();
    const from = toLocal(this.timeZone, ms(start));
    for (let day = from.day, pos = from.msOfDay; day - from.day <= MAX_DAYS_SCANNED; day++, pos = 0) {
      if (!this.isWorking(day, scan)) continue;
      for (const [windowStart, windowEnd] of this.windows) {
        if (pos >= windowEnd) continue;
        const begin = Math.max(pos, windowStart);
        const available = windowEnd - begin;
        if (remaining <= available) return this.result(fromLocal(this.timeZone, day, begin + remaining), scan);
        remaining -= available;
      }
    }
    throw new RangeError(`no working time within ${MAX_DAYS_SCANNED} days of ${new Date(ms(start)).toISOString()}`);
  }

  /**
   * N working days, as Chinese law counts a period (民法典 art. 201, 203; 行政许可法 art. 82; see README.md):
   * the start day itself never counts, whatever the hour; day 1 is the next working day;
   * the deadline is the end of working hours (the last window's end) of the N-th working day. N = 0 means
   * "today": the end of working hours of the start day if they are not over yet, else of the next working day.
   */
  addWorkingDays(start: Instant, days: number): DueResult {
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
    const scan = new Scan();
    const from = toLocal(this.timeZone, ms(start));
    const closing = this.windows[this.windows.length - 1]![1];
    let day = from.day;
    if (days === 0) {
      if (!(this.isWorking(day, scan) && from.msOfDay < closing)) day = this.nextWorkingDay(day, scan);
    } else {
      for (let counted = 0; counted < days; counted++) day = this.nextWorkingDay(day, scan);
    }
    return this.result(fromLocal(this.timeZone, day, closing), scan);
  }

  /** Working time inside [a, b): what an SLA has used up. Negative when b is before a. */
  workingTimeBetween(a: Instant, b: Instant): WorkingTimeResult {
    const scan = new Scan();
    const total = this.measure(ms(a), ms(b), scan);
    return { ms: total, hours: total / HOUR_MS, coverage: this.report(scan) };
  }

  /**
   * Share of a time limit used at `now`, on working time (1 = due, > 1 = overdue): the input of the SLA
   * states (e.g. ≥ 0.8 → 黄牌). A limit with no working time in it counts as fully used once `now` reaches `due`.
   */
  elapsedShare(start: Instant, due: Instant, now: Instant, unit: ClockUnit = 'workingHours'): { share: number; coverage: Coverage } {
    const scan = new Scan();
    const elapsed = (a: number, b: number) => (unit === 'naturalHours' ? b - a : this.measure(a, b, scan));
    const limit = elapsed(ms(start), ms(due));
    const used = elapsed(ms(start), ms(now));
    const share = limit > 0 ? used / limit : ms(now) >= ms(due) ? 1 : 0;
    return { share, coverage: this.report(scan) };
  }

  /**
   * The instant at which `share` of a limit is used (e.g. 0.8 → when the 黄牌 warning is due), on the limit's own
   * clock: natural time for natural-hour limits, working time otherwise. Computed when the task is created and
   * passed to the process with the due date, so a timer fires at the same instant on either engine.
   */
  shareInstant(start: Instant, due: Instant, share: number, unit: ClockUnit): DueResult {
    if (!Number.isFinite(share) || share < 0) throw new RangeError(`share must be a finite number ≥ 0, got ${share}`);
    if (unit === 'naturalHours') {
      return { due: new Date(ms(start) + Math.round((ms(due) - ms(start)) * share)), coverage: { complete: true, missingYears: [] } };
    }
    const scan = new Scan();
    const limit = this.measure(ms(start), ms(due), scan);
    const result = this.addWorkingHours(start, (limit * share) / HOUR_MS);
    const missingYears = [...new Set([...scan.missing, ...result.coverage.missingYears])].sort((x, y) => x - y);
    for (const year of scan.missing) if (!result.coverage.missingYears.includes(year)) this.onMissingYear(year);
    return { due: result.due, coverage: { complete: missingYears.length === 0, missingYears } };
  }

  /** The due instant of a time limit on one of the three clocks. */
  addTime(start: Instant, amount: number, unit: ClockUnit): DueResult {
    switch (unit) {
      case 'naturalHours':
        return this.addNaturalHours(start, amount);
      case 'workingHours':
        return this.addWorkingHours(start, amount);
      case 'workingDays':
        return this.addWorkingDays(start, amount);
    }
  }

  private measure(a: number, b: number, scan: Scan): number {
    if (b < a) return -this.measure(b, a, scan);
    const start = toLocal(this.timeZone, a);
    const end = toLocal(this.timeZone, b);
    let total = 0;
    for (let day = start.day; day <= end.day; day++) {
      if (!this.isWorking(day, scan)) continue;
      const lower = day === start.day ? start.msOfDay : 0;
      const upper = day === end.day ? end.msOfDay : DAY_MS;
      for (const [windowStart, windowEnd] of this.windows) {
        total += Math.max(0, Math.min(upper, windowEnd) - Math.max(lower, windowStart));
      }
    }
    return total;
  }

  private nextWorkingDay(day: number, scan: Scan): number {
    for (let next = day + 1; next - day <= MAX_DAYS_SCANNED; next++) {
      if (this.isWorking(next, scan)) return next;
    }
    throw new RangeError(`no working day within ${MAX_DAYS_SCANNED} days after ${dateKeyOf(day)}`);
  }

  private isWorking(day: number, scan: Scan): boolean {
    const year = yearOf(day);
    if (!this.years.has(year)) scan.missing.add(year);
    if (this.holidays.has(day)) return false;
    if (this.makeUpDays.has(day)) return true;
    const weekday = weekdayOf(day);
    return weekday !== 0 && weekday !== 6;
  }

  private result(due: number, scan: Scan): DueResult {
    return { due: new Date(due), coverage: this.report(scan) };
  }

  private report(scan: Scan): Coverage {
    const missingYears = [...scan.missing].sort((x, y) => x - y);
    for (const year of missingYears) this.onMissingYear(year);
    return { complete: missingYears.length === 0, missingYears };
  }
}

/** The uncovered years one computation has touched. */
class Scan {
  readonly missing = new Set<number>();
}

function ms(at: Instant): number {
  const value = typeof at === 'number' ? at : at.getTime();
  if (!Number.isFinite(value)) throw new RangeError('not a valid instant');
  return value;
}

function requireAmount(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${what} must be a finite number ≥ 0, got ${amount}`);
}

function requireDateKey(key: string): number {
  const day = parseDateKey(key);
  if (day === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${key}`);
  return day;
}
