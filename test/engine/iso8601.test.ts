import { describe, expect, it } from '@jest/globals';
import { evaluateFeel } from '../../engine/feel/index.js';
import { EngineError } from '../../engine/port.js';
import {
  addDuration,
  isCronExpression,
  nextCronDue,
  nextCycleDue,
  parseCron,
  parseCycle,
  parseDuration,
  parseTimerDate,
} from '../../engine/time/iso8601.js';

const utc = (iso: string): number => Date.parse(iso);

function expectInvalid(fn: () => unknown): void {
  expect(fn).toThrow(EngineError);
  try {
    fn();
  } catch (error) {
    expect((error as EngineError).code).toBe('engine.invalid_argument');
  }
}

describe('parseTimerDate', () => {
  it.each([
    ['2025-01-01T08:00:00+08:00', '2025-01-01T00:00:00Z'],
    ['2025-01-01T08:00:00Z', '2025-01-01T08:00:00Z'],
    ['2025-01-01T08:00Z', '2025-01-01T08:00:00Z'],
    ['2025-01-01T08:00:00.250-05:30', '2025-01-01T13:30:00.250Z'],
    ['2025-01-01T08:00:00,5Z', '2025-01-01T08:00:00.500Z'],
    ['2025-01-01T08:00:00.123456789Z', '2025-01-01T08:00:00.123Z'],
    ['2025-01-01T08:00:00+0800', '2025-01-01T00:00:00Z'],
    ['2025-01-01T08:00:00+08', '2025-01-01T00:00:00Z'],
    ['2019-10-02T08:09:40+02:00[Europe/Berlin]', '2019-10-02T06:09:40Z'],
    ['2019-10-02T08:09:40@Europe/Berlin', '2019-10-02T06:09:40Z'],
    ['2025-06-01T09:00:00@Asia/Shanghai', '2025-06-01T01:00:00Z'],
    ['2025-06-01T09:00:00[Asia/Shanghai]', '2025-06-01T01:00:00Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00Z'],
  ])('given %s, it returns the instant %s', (input, expected) => {
    expect(parseTimerDate(input)).toBe(utc(expected));
  });

  it('given a wall time inside the Berlin spring-forward gap, it moves later by the gap (java.time rule)', () => {
    // 2024-03-31 02:00 → 03:00 local; 02:30 does not exist and becomes 03:30 CEST.
    expect(parseTimerDate('2024-03-31T02:30:00@Europe/Berlin')).toBe(utc('2024-03-31T01:30:00Z'));
  });

  it('given a wall time in the Berlin autumn overlap, it takes the earlier offset unless one is given', () => {
    expect(parseTimerDate('2024-10-27T02:30:00@Europe/Berlin')).toBe(utc('2024-10-27T00:30:00Z'));
    expect(parseTimerDate('2024-10-27T02:30:00+01:00[Europe/Berlin]')).toBe(utc('2024-10-27T01:30:00Z'));
  });

  it('given an offset that the zone does not have at that time, the zone wins', () => {
    expect(parseTimerDate('2024-07-01T10:00:00+01:00[Europe/Berlin]')).toBe(utc('2024-07-01T08:00:00Z'));
  });

  it.each([
    '',
    'tomorrow',
    '2025-01-01',
    '2025-01-01T08:00:00',
    '2025-02-30T00:00:00Z',
    '2023-02-29T00:00:00Z',
    '2025-01-01T24:00:00Z',
    '2025-01-01T08:60:00Z',
    '2025-13-01T08:00:00Z',
    '2025-01-01T08:00:00+19:00',
    '2025-01-01T08:00:00@Mars/Olympus_Mons',
    '2025-01-01T08:00:00Z trailing',
    '2025-1-1T08:00:00Z',
  ])('given junk %j, it rejects it with engine.invalid_argument', (input) => {
    expectInvalid(() => parseTimerDate(input));
  });
});

describe('parseDuration', () => {
  it('given every component, it keeps each one (months are not milliseconds)', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
  });

  it.each([
    ['PT10M', { minutes: 10 }],
    ['P1D', { days: 1 }],
    ['PT0.001S', { seconds: 0.001 }],
    ['PT1,5S', { seconds: 1.5 }],
    ['PT36H', { hours: 36 }],
    ['P2W', { weeks: 2 }],
    ['PT0S', {}],
  ])('given %s, it parses it', (input, fields) => {
    expect(parseDuration(input)).toEqual({ years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0, ...fields });
  });

  it.each(['', 'P', 'PT', '-PT1H', 'P-1D', 'PT1H-', 'P1H', 'PT1D', '1H', 'PT1.5M', 'P1.5D', 'PT1S1M', 'R/PT1H', 'P1DT'])(
    'given junk %j, it rejects it',
    (input) => {
      expectInvalid(() => parseDuration(input));
    },
  );
});

describe('addDuration', () => {
  it.each([
    ['2024-01-31T10:00:00Z', 'P1M', '2024-02-29T10:00:00Z'],
    ['2023-01-31T10:00:00Z', 'P1M', '2023-02-28T10:00:00Z'],
    ['2024-03-31T10:00:00Z', 'P1M', '2024-04-30T10:00:00Z'],
    ['2024-02-29T00:00:00Z', 'P1Y', '2025-02-28T00:00:00Z'],
    ['2024-02-29T00:00:00Z', 'P4Y', '2028-02-29T00:00:00Z'],
    ['2024-12-15T00:00:00Z', 'P1M', '2025-01-15T00:00:00Z'],
    ['2024-01-31T00:00:00Z', 'P1M1D', '2024-03-01T00:00:00Z'],
    ['2024-12-31T23:00:00Z', 'PT2H', '2025-01-01T01:00:00Z'],
    ['2024-01-01T00:00:00Z', 'P1W', '2024-01-08T00:00:00Z'],
    ['2024-01-01T00:00:00Z', 'PT1.5S', '2024-01-01T00:00:01.500Z'],
    ['2024-01-01T00:00:00Z', 'P1DT12H', '2024-01-02T12:00:00Z'],
  ])('given %s + %s in UTC, it is %s', (from, duration, expected) => {
    expect(addDuration(utc(from), parseDuration(duration))).toBe(utc(expected));
  });

  it('given Berlin across spring-forward, P1D keeps the local time (23 h) while PT24H is exact time', () => {
    const saturdayNoon = parseTimerDate('2024-03-30T12:00:00@Europe/Berlin');
    expect(addDuration(saturdayNoon, parseDuration('P1D'), 'Europe/Berlin')).toBe(utc('2024-03-31T10:00:00Z'));
    expect(addDuration(saturdayNoon, parseDuration('PT24H'), 'Europe/Berlin')).toBe(utc('2024-03-31T11:00:00Z'));
  });

  it('given Berlin across fall-back, P1D is 25 h of elapsed time', () => {
    const saturdayNoon = parseTimerDate('2024-10-26T12:00:00@Europe/Berlin');
    expect(addDuration(saturdayNoon, parseDuration('P1D'), 'Europe/Berlin') - saturdayNoon).toBe(25 * 3_600_000);
  });

  it('given Asia/Shanghai (no DST, +08:00), P1D is always 24 h and month ends follow local dates', () => {
    const start = parseTimerDate('2024-01-31T07:00:00@Asia/Shanghai'); // 2024-01-30T23:00Z — still January 30 in UTC
    expect(addDuration(start, parseDuration('P1D'), 'Asia/Shanghai') - start).toBe(24 * 3_600_000);
    expect(addDuration(start, parseDuration('P1M'), 'Asia/Shanghai')).toBe(parseTimerDate('2024-02-29T07:00:00+08:00'));
    // In UTC the same instant is January 30, so one month later is February 29 23:00 UTC (March 1 in Shanghai).
    expect(addDuration(start, parseDuration('P1M'))).toBe(utc('2024-02-29T23:00:00Z'));
  });

  it('given a duration beyond the representable range, it rejects it instead of returning NaN', () => {
    expectInvalid(() => addDuration(0, parseDuration('P999999999Y')));
  });
});

describe('parseCycle and nextCycleDue', () => {
  it('given R3/PT10M, it repeats three times every ten minutes from whenever the timer is created', () => {
    const cycle = parseCycle('R3/PT10M');
    expect(cycle.repetitions).toBe(3);
    expect(cycle.startMs).toBeUndefined();
    expect(nextCycleDue(cycle, utc('2025-01-01T00:00:00Z'))).toBe(utc('2025-01-01T00:10:00Z'));
  });

  it('given R/P1D, it repeats forever', () => {
    expect(parseCycle('R/P1D').repetitions).toBe(Infinity);
  });

  it('given a start date with an offset, the first due date is the start and each next one a day later', () => {
    const cycle = parseCycle('R5/2025-01-01T08:00:00+08:00/P1D');
    expect(cycle.repetitions).toBe(5);
    expect(cycle.startMs).toBe(utc('2025-01-01T00:00:00Z'));
    expect(nextCycleDue(cycle, cycle.startMs!)).toBe(utc('2025-01-02T00:00:00Z'));
  });

  it('given a start in Europe/Berlin, a daily cycle keeps 08:00 local time across the DST change', () => {
    const cycle = parseCycle('R/2024-03-30T08:00:00@Europe/Berlin/P1D');
    expect(nextCycleDue(cycle, cycle.startMs!)).toBe(utc('2024-03-31T06:00:00Z'));
  });

  it('given a monthly cycle from January 31, each step clamps to the month end like Zeebe (java.time)', () => {
    const cycle = parseCycle('R/2024-01-31T09:00:00Z/P1M');
    const second = nextCycleDue(cycle, cycle.startMs!);
    expect(second).toBe(utc('2024-02-29T09:00:00Z'));
    expect(nextCycleDue(cycle, second)).toBe(utc('2024-03-29T09:00:00Z'));
  });

  it.each(['', 'R3', 'R3/', 'X/PT1H', 'R/PT0S', 'R-1/PT1H', 'R/2025-01-01T08:00:00/P1D', 'R3/PT1H/extra/part', 'R/2025-01-01T08:00:00Z/PT1H/', '0 0 9 * * ?', 'R1.5/PT1H'])(
    'given junk %j, it rejects it',
    (input) => {
      expectInvalid(() => parseCycle(input));
    },
  );
});

describe('cron timer cycles (Zeebe 8.1+, Spring six-field format)', () => {
  const next = (cron: string, after: string, zone?: string): string =>
    new Date(nextCronDue(parseCron(cron), utc(after), zone)).toISOString();

  it.each([
    ['0 0 9 * * MON-FRI', '2024-05-03T09:00:00Z', '2024-05-06T09:00:00.000Z'], // Friday 09:00 → Monday
    ['0 0 9 * * MON-FRI', '2024-05-03T08:59:59Z', '2024-05-03T09:00:00.000Z'],
    ['0 */15 * * * *', '2024-05-01T10:07:00Z', '2024-05-01T10:15:00.000Z'],
    ['30 5/20 * * * ?', '2024-05-01T10:26:00Z', '2024-05-01T10:45:30.000Z'],
    ['0 0 0 1 * *', '2024-01-31T12:00:00Z', '2024-02-01T00:00:00.000Z'],
    ['0 0 0 31 * *', '2024-04-01T00:00:00Z', '2024-05-31T00:00:00.000Z'],
    ['0 0 12 29 FEB *', '2024-03-01T00:00:00Z', '2028-02-29T12:00:00.000Z'],
    ['0 0 8 1,15 JAN,JUL *', '2024-01-15T08:00:00Z', '2024-07-01T08:00:00.000Z'],
    ['0 0 0 * * 7', '2024-05-01T00:00:00Z', '2024-05-05T00:00:00.000Z'], // 7 = Sunday
    ['0 0 0 13 * FRI', '2024-01-01T00:00:00Z', '2024-09-13T00:00:00.000Z'], // both fields must match
    ['@daily', '2024-12-31T23:59:59Z', '2025-01-01T00:00:00.000Z'],
    ['@hourly', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00.000Z'],
    ['@weekly', '2024-05-01T00:00:00Z', '2024-05-05T00:00:00.000Z'],
    ['@yearly', '2024-05-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
  ])('given %s after %s, the next due date is %s (UTC)', (cron, after, expected) => {
    expect(next(cron, after)).toBe(expected);
  });

  it('given a zone, fields are wall-clock time there (Asia/Shanghai 09:00 is 01:00 UTC)', () => {
    expect(next('0 0 9 * * *', '2024-05-01T02:00:00Z', 'Asia/Shanghai')).toBe('2024-05-02T01:00:00.000Z');
  });

  it('given Europe/Berlin, 09:00 local stays 09:00 across the DST change', () => {
    expect(next('0 0 9 * * *', '2024-03-30T08:00:00Z', 'Europe/Berlin')).toBe('2024-03-31T07:00:00.000Z');
  });

  it('given a time inside the Berlin spring-forward gap, it fires when the clock has jumped past it', () => {
    expect(next('0 30 2 * * *', '2024-03-30T12:00:00Z', 'Europe/Berlin')).toBe('2024-03-31T01:30:00.000Z');
  });

  it('given repeated use, each due date is strictly after the previous one', () => {
    const schedule = parseCron('0 0/20 * * * *');
    let due = utc('2024-05-01T00:00:00Z');
    const dues: string[] = [];
    for (let i = 0; i < 4; i++) dues.push(new Date((due = nextCronDue(schedule, due))).toISOString().slice(11, 16));
    expect(dues).toEqual(['00:20', '00:40', '01:00', '01:20']);
  });

  it.each([
    '',
    '* * * * *',
    '0 0 9 * * MON-FRI extra',
    '0 0 9 L * *',
    '0 0 9 ? * MON#2',
    '0 0 9 15W * *',
    '60 * * * * *',
    '0 0 24 * * *',
    '0 0 0 0 * *',
    '0 0 0 * 13 *',
    '0 0 0 * * 8',
    '0 0 0 30 2 *',
    '0 0 17-9 * * *',
    '0 */0 * * * *',
    '0 0 0 * * FUNDAY',
    'R/PT1H',
  ])('given %j, parseCron rejects it', (input) => {
    expectInvalid(() => parseCron(input));
  });

  it('tells cron cycles from ISO 8601 ones', () => {
    expect(isCronExpression('0 0 9 * * MON-FRI')).toBe(true);
    expect(isCronExpression('@daily')).toBe(true);
    expect(isCronExpression('R/PT1H')).toBe(false);
    expect(isCronExpression('R5/2025-01-01T08:00:00+08:00/P1D')).toBe(false);
  });
});

describe('values returned by FEEL timer expressions', () => {
  it('given a FEEL duration result, it parses as a timer duration', () => {
    const value = evaluateFeel('duration("PT45M") + duration("PT45M")', {});
    expect(value).toBe('PT1H30M');
    expect(parseDuration(value as string)).toMatchObject({ hours: 1, minutes: 30 });
  });

  it('given a FEEL zoned date-time result, it parses as a timer date at the same instant', () => {
    const value = evaluateFeel('date and time("2024-05-01T10:00:00@Europe/Berlin") + duration("PT1H")', {});
    expect(parseTimerDate(value as string)).toBe(utc('2024-05-01T09:00:00Z'));
  });

  it('given a FEEL cycle() result, it parses as a timer cycle', () => {
    const cycle = parseCycle(evaluateFeel('cycle(reminders, duration("P1D"))', { reminders: 3 }) as string);
    expect(cycle).toMatchObject({ repetitions: 3, interval: { days: 1 } });
  });

  it('given a FEEL date-time built from now(), it parses at the engine clock instant', () => {
    const now = utc('2025-03-01T00:00:00Z');
    const value = evaluateFeel('now() + duration("P3D")', {}, { now });
    expect(parseTimerDate(value as string)).toBe(utc('2025-03-04T00:00:00Z'));
  });
});
