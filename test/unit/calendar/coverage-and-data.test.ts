import { describe, expect, it } from '@jest/globals';
import { CalendarInvalidError, calendarIssues, type CalendarData } from '../../../server/calendar/calendar-data.js';
import { loadNationalCalendar } from '../../../server/calendar/national.js';
import { WorkCalendar } from '../../../server/calendar/work-calendar.js';
import { bj, nationalCalendar, nationalData, showBj } from './support.js';

describe('a year the calendar does not cover', () => {
  it('given 2027 has no schedule, when 1 working day is added in March 2027, then the weekday fallback is used and reported', () => {
    const warned: number[] = [];
    const calendar = nationalCalendar({ onMissingYear: (year) => warned.push(year) });
    const result = calendar.addWorkingDays(bj('2027-03-05 10:00'), 1); // a Friday
    expect(showBj(result.due)).toBe('2027-03-08 17:30');
    expect(result.coverage).toEqual({ complete: false, missingYears: [2027] });
    expect(warned).toEqual([2027]);
  });
  it('given a limit that runs from 2026 into 2027, when it is computed, then 2027 is reported as missing', () => {
    const warned: number[] = [];
    const calendar = nationalCalendar({ onMissingYear: (year) => warned.push(year) });
    const result = calendar.addWorkingDays(bj('2026-12-31 10:00'), 1);
    expect(showBj(result.due)).toBe('2027-01-01 17:30');
    expect(result.coverage.missingYears).toEqual([2027]);
    expect(warned).toEqual([2027]);
    expect(calendar.dayInfo('2027-01-01')).toMatchObject({ working: true, kind: 'workday', covered: false });
  });
  it('given a computation that stays inside covered years, then no warning is raised', () => {
    const warned: number[] = [];
    const calendar = nationalCalendar({ onMissingYear: (year) => warned.push(year) });
    expect(calendar.addWorkingHours(bj('2026-06-18 16:00'), 10).coverage).toEqual({ complete: true, missingYears: [] });
    expect(warned).toEqual([]);
  });
});

describe('the shipped national data', () => {
  it('covers 2025 and 2026 with the days of the State Council notices', () => {
    const { data, sources } = loadNationalCalendar();
    expect(data.years).toEqual([2025, 2026]);
    const count = (year: string) => data.holidays.filter((h) => h.date.startsWith(year)).length;
    expect(count('2025')).toBe(1 + 8 + 3 + 5 + 3 + 8);
    expect(count('2026')).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(data.makeUpDays.map((m) => m.date)).toEqual([
      '2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11',
      '2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10',
    ]);
    expect(sources.map((s) => [s.year, s.publishedOn])).toEqual([[2025, '2024-11-12'], [2026, '2025-11-04']]);
  });
  it('has every make-up day on a weekend and every weekend make-up day worked', () => {
    const calendar = nationalCalendar();
    for (const m of nationalData().makeUpDays) {
      const weekday = new Date(`${m.date}T00:00:00Z`).getUTCDay();
      expect([0, 6]).toContain(weekday);
      expect(calendar.isWorkingDay(m.date)).toBe(true);
    }
  });
});

describe('calendar validation', () => {
  const valid = (): CalendarData => ({ ...nationalData() });
  it('given a date that is both a holiday and a make-up day, then the calendar is rejected', () => {
    const data = { ...valid(), makeUpDays: [...valid().makeUpDays, { date: '2025-01-28', name: 'x' }] };
    expect(() => new WorkCalendar(data)).toThrow(CalendarInvalidError);
    expect(calendarIssues(data)).toEqual([{ path: 'makeUpDays', message: '2025-01-28 cannot be both a holiday and a make-up working day' }]);
  });
  it('given overlapping, reversed or malformed windows, then each is reported with its path', () => {
    const data = {
      ...valid(),
      windows: [
        { start: '08:30', end: '12:00' },
        { start: '11:00', end: '13:00' },
        { start: '18:00', end: '17:00' },
        { start: '8:30', end: '25:00' },
      ],
    };
    expect(calendarIssues(data).map((i) => i.path)).toEqual(['windows.1', 'windows.2', 'windows.3.start', 'windows.3.end']);
  });
  it('given no windows, an unknown zone, an impossible date or a duplicate, then each is reported', () => {
    const data: CalendarData = {
      ...valid(),
      timeZone: 'Mars/Olympus',
      windows: [],
      holidays: [{ date: '2025-02-30', name: 'x' }, { date: '2025-03-01', name: 'y' }, { date: '2025-03-01', name: 'z' }],
    };
    expect(calendarIssues(data).map((i) => i.path)).toEqual(['timeZone', 'windows', 'holidays.0.date', 'holidays.2.date']);
  });
  it('given a single custom window, then working hours use it', () => {
    const calendar = new WorkCalendar({ ...valid(), windows: [{ start: '09:00', end: '17:00' }] });
    expect(showBj(calendar.addWorkingHours(bj('2025-03-03 16:00'), 2).due)).toBe('2025-03-04 10:00');
    expect(showBj(calendar.addWorkingDays(bj('2025-03-03 16:00'), 1).due)).toBe('2025-03-04 17:00');
  });
});

describe('a calendar in a zone with daylight saving time', () => {
  it('given Europe/Berlin and a start before the spring-forward weekend, when working hours run over it, then local wall times hold', () => {
    const calendar = new WorkCalendar({ ...nationalData(), timeZone: 'Europe/Berlin', years: [2025], holidays: [], makeUpDays: [] });
    // Friday 2025-03-28 17:00 CET (+01:00); clocks go forward on Sunday 03-30
    const due = calendar.addWorkingHours(new Date('2025-03-28T17:00:00+01:00'), 1).due;
    expect(due.toISOString()).toBe('2025-03-31T07:00:00.000Z'); // Monday 09:00 CEST (+02:00)
    expect(calendar.addWorkingDays(new Date('2025-03-28T17:00:00+01:00'), 1).due.toISOString()).toBe('2025-03-31T15:30:00.000Z');
  });
});

describe('one warning per computation', () => {
  it('given an SLA share over an uncovered year, then the year is reported once', () => {
    const warned: number[] = [];
    const calendar = nationalCalendar({ onMissingYear: (year) => warned.push(year) });
    const { coverage } = calendar.elapsedShare(bj('2027-03-01 09:00'), bj('2027-03-03 17:30'), bj('2027-03-02 09:00'));
    expect(coverage).toEqual({ complete: false, missingYears: [2027] });
    expect(warned).toEqual([2027]);
  });
});
