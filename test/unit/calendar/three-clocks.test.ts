import { describe, expect, it } from '@jest/globals';
import { bj, nationalCalendar, showBj } from './support.js';

const calendar = nationalCalendar();
const workingDays = (start: string, n: number) => showBj(calendar.addWorkingDays(bj(start), n).due);
const workingHours = (start: string, h: number) => showBj(calendar.addWorkingHours(bj(start), h).due);

describe('working days across Spring Festival 2025 (1/28–2/4 off; Sun 1/26 and Sat 2/8 worked)', () => {
  it('given Friday 1/24, when 1 working day is added, then the make-up Sunday 1/26 is day 1', () => {
    expect(workingDays('2025-01-24 10:00', 1)).toBe('2025-01-26 17:30');
  });
  it('given Friday 1/24, when 3 working days are added, then the holiday is skipped and Wednesday 2/5 is day 3', () => {
    expect(workingDays('2025-01-24 10:00', 3)).toBe('2025-02-05 17:30');
  });
  it('given Wednesday 2/5, when 3 working days are added, then the make-up Saturday 2/8 counts as day 3', () => {
    expect(workingDays('2025-02-05 09:00', 3)).toBe('2025-02-08 17:30');
  });
  it('given Monday 1/27 16:00, when 3 working hours are added, then 1.5 h are used that day and 1.5 h on 2/5', () => {
    expect(workingHours('2025-01-27 16:00', 3)).toBe('2025-02-05 10:00');
  });
});

describe('working days across Spring Festival 2026 (2/15–2/23 off; Sat 2/14 and Sat 2/28 worked)', () => {
  it('given Friday 2/13, when 2 working days are added, then day 1 is Saturday 2/14 and day 2 is Tuesday 2/24', () => {
    expect(workingDays('2026-02-13 09:00', 2)).toBe('2026-02-24 17:30');
  });
  it('given a start inside the holiday (Friday 2/20), when 5 working days are added, then day 5 is Saturday 2/28', () => {
    expect(workingDays('2026-02-20 11:00', 5)).toBe('2026-02-28 17:30');
  });
  it('given Saturday 2/14 at 11:00, when 1.5 working hours are added, then the rest of the morning and the afternoon are used', () => {
    expect(workingHours('2026-02-14 11:00', 1.5)).toBe('2026-02-14 14:30');
  });
});

describe('National Day + Mid-Autumn 2025 (10/1–10/8 off; Sun 9/28 and Sat 10/11 worked)', () => {
  it('given Friday 9/26, when 1 working day is added, then the make-up Sunday 9/28 is day 1', () => {
    expect(workingDays('2025-09-26 15:00', 1)).toBe('2025-09-28 17:30');
  });
  it('given Tuesday 9/30, when 2 and 3 working days are added, then 10/10 and the make-up Saturday 10/11 are due', () => {
    expect(workingDays('2025-09-30 10:00', 2)).toBe('2025-10-10 17:30');
    expect(workingDays('2025-09-30 10:00', 3)).toBe('2025-10-11 17:30');
  });
  it('given a span over the holiday, when working time is measured, then only the half hours on each side count', () => {
    expect(calendar.workingTimeBetween(bj('2025-09-30 17:00'), bj('2025-10-09 09:00')).hours).toBe(1);
  });
  it('given a start on the holiday 10/3, when 2 working hours are added, then counting starts on 10/9 at 08:30', () => {
    expect(workingHours('2025-10-03 10:00', 2)).toBe('2025-10-09 10:30');
  });
  it('given the holiday 10/3, when its day is looked up, then it is a named, covered non-working day', () => {
    expect(calendar.dayInfo('2025-10-03')).toEqual({ date: '2025-10-03', working: false, kind: 'holiday', name: '国庆节、中秋节', covered: true });
    expect(calendar.dayInfo(bj('2025-10-11 03:00'))).toMatchObject({ date: '2025-10-11', working: true, kind: 'makeUpDay' });
  });
});

describe('starting on a make-up Saturday (2025-02-08)', () => {
  it('when 4 working hours are added at 09:00, then they end at 15:00 the same Saturday', () => {
    expect(workingHours('2025-02-08 09:00', 4)).toBe('2025-02-08 15:00');
  });
  it('when 1 working day is added, then the Saturday itself does not count and Monday 2/10 is due', () => {
    expect(workingDays('2025-02-08 09:00', 1)).toBe('2025-02-10 17:30');
  });
});

describe('working hours from outside the windows (Monday 2025-03-03)', () => {
  it('given 12:30 (lunch), when 1 working hour is added, then counting starts at 14:00', () => {
    expect(workingHours('2025-03-03 12:30', 1)).toBe('2025-03-03 15:00');
  });
  it('given 17:45 (after hours), when 1 working hour is added, then counting starts the next morning', () => {
    expect(workingHours('2025-03-03 17:45', 1)).toBe('2025-03-04 09:30');
  });
  it('given 07:00 (before hours), when 1 working hour is added, then counting starts at 08:30', () => {
    expect(workingHours('2025-03-03 07:00', 1)).toBe('2025-03-03 09:30');
  });
  it('given Friday 17:00, when 1 working hour is added, then half an hour is left for Monday', () => {
    expect(workingHours('2025-03-07 17:00', 1)).toBe('2025-03-10 09:00');
  });
  it('given Friday 17:00, when half an hour is added, then the due time is the window end on Friday itself', () => {
    expect(workingHours('2025-03-07 17:00', 0.5)).toBe('2025-03-07 17:30');
  });
  it('given a 7-hour working day, when 7 working hours are added at 08:30, then they end at 17:30', () => {
    expect(workingHours('2025-03-03 08:30', 7)).toBe('2025-03-03 17:30');
  });
});

describe('time limits of the case process', () => {
  it('given a case received Thursday 2025-04-03 16:00 before 清明, when the 2-working-day 退单 limit runs, then it ends Tuesday 4/8', () => {
    expect(workingDays('2025-04-03 16:00', 2)).toBe('2025-04-08 17:30');
  });
  it('given an extension granted Friday 2025-04-25, when 10 working days run over 劳动节, then they end Tuesday 5/13', () => {
    // 4/27 (make-up Sunday), 4/28, 4/29, 4/30, [5/1–5/5 off], 5/6, 5/7, 5/8, 5/9, [weekend], 5/12, 5/13
    expect(workingDays('2025-04-25 10:00', 10)).toBe('2025-05-13 17:30');
  });
  it('given New Year’s Eve 2025, when 1 working day is added, then 元旦 2026 is skipped and the make-up Sunday 1/4 is due', () => {
    expect(workingDays('2025-12-31 10:00', 1)).toBe('2026-01-04 17:30');
  });
  it('given a start after hours, when 1 working day is added, then the start day still does not count', () => {
    expect(workingDays('2025-03-03 23:59', 1)).toBe('2025-03-04 17:30');
    expect(workingDays('2025-03-03 00:00', 1)).toBe('2025-03-04 17:30');
  });
  it('given 0 working days (当日), when the day is still open, then it is today; when it is over, the next working day', () => {
    expect(workingDays('2025-03-03 16:00', 0)).toBe('2025-03-03 17:30');
    expect(workingDays('2025-03-03 18:00', 0)).toBe('2025-03-04 17:30');
    expect(workingDays('2025-10-01 09:00', 0)).toBe('2025-10-09 17:30');
  });
});

describe('natural hours (紧急)', () => {
  it('given the evening before Spring Festival, when 24 natural hours are added, then holidays and nights count', () => {
    expect(showBj(calendar.addNaturalHours(bj('2025-01-27 20:00'), 24).due)).toBe('2025-01-28 20:00');
    expect(calendar.addTime(bj('2025-01-27 20:00'), 2, 'naturalHours').coverage).toEqual({ complete: true, missingYears: [] });
  });
});

describe('SLA share of a limit', () => {
  it('given a 2-working-day limit, when half of its working time has passed, then the share is 0.5 and warns at 0.8', () => {
    const start = bj('2025-03-03 08:30');
    const { due } = calendar.addWorkingDays(start, 1); // Tue 17:30: 14 working hours from Mon 08:30
    expect(calendar.elapsedShare(start, due, bj('2025-03-03 17:30')).share).toBe(0.5);
    expect(calendar.elapsedShare(start, due, bj('2025-03-04 14:42')).share).toBeCloseTo(0.8, 5);
    expect(calendar.elapsedShare(start, due, bj('2025-03-05 09:30')).share).toBeGreaterThan(1);
  });
  it('given b before a, when working time is measured, then it is negative', () => {
    expect(calendar.workingTimeBetween(bj('2025-03-03 10:00'), bj('2025-03-03 09:00')).hours).toBe(-1);
  });
});

describe('bad amounts are faults', () => {
  it('rejects negative hours and fractional days', () => {
    expect(() => calendar.addWorkingHours(bj('2025-03-03 10:00'), -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays(bj('2025-03-03 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('the 黄牌 warning instant (80 % of a limit)', () => {
  it('given a 2-working-day limit from Thursday before 清明 2025, then 80 % of its working time is used on Tuesday 4/8 at 11:18', () => {
    const start = bj('2025-04-03 08:30');
    const { due } = calendar.addWorkingDays(start, 2); // Tue 4/8 17:30; 21 working hours from Thu 08:30
    const warn = calendar.shareInstant(start, due, 0.8, 'workingDays').due; // 16.8 h: Thu 7 h, Mon 7 h, Tue 2.8 h
    expect(showBj(warn)).toBe('2025-04-08 11:18');
    expect(calendar.elapsedShare(start, due, warn).share).toBeCloseTo(0.8, 9);
  });
  it('given a 24-natural-hour limit, then the warning is 19.2 hours after the start, nights and holidays included', () => {
    const start = bj('2025-01-27 20:00');
    const { due } = calendar.addNaturalHours(start, 24);
    expect(showBj(calendar.shareInstant(start, due, 0.8, 'naturalHours').due)).toBe('2025-01-28 15:12');
    expect(calendar.elapsedShare(start, due, bj('2025-01-28 08:00'), 'naturalHours').share).toBe(0.5);
  });
});
