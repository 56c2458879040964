import { describe, expect, it } from '@jest/globals';
import { evaluateFeel } from '../../engine/feel/index.js';

const NOW = Date.UTC(2024, 4, 1, 12, 30); // 2024-05-01T12:30:00Z, the engine's (controllable) clock
type Row = [string, unknown];
const evaluatesTo = (rows: Row[], context: Record<string, unknown> = {}) =>
  it.each(rows)('%s → %j', (source, expected) => {
    expect(evaluateFeel(source, context, { now: NOW })).toEqual(expected);
  });

describe('now() and today() read the engine clock', () => {
  evaluatesTo([
    ['now()', '2024-05-01T12:30:00Z'],
    ['today()', '2024-05-01'],
    ['now() + duration("P3D")', '2024-05-04T12:30:00Z'],
    ['today() + duration("P30D")', '2024-05-31'],
    ['now() > date and time("2024-05-01T12:00:00Z")', true],
    ['today() = date("2024-05-01")', true],
  ]);

  it('given a different clock, the same expression moves with it', () => {
    expect(evaluateFeel('today()', {}, { now: Date.UTC(2030, 11, 31, 23, 59) })).toBe('2030-12-31');
  });

  it('given no clock, it uses the system time', () => {
    const before = Date.now();
    const value = Date.parse(evaluateFeel('now()', {}) as string);
    expect(value).toBeGreaterThanOrEqual(before - 1000);
    expect(value).toBeLessThanOrEqual(Date.now() + 1000);
  });
});

describe('construction and conversion', () => {
  evaluatesTo([
    ['date("2024-05-01")', '2024-05-01'],
    ['date(2024, 2, 29)', '2024-02-29'],
    ['date(2023, 2, 29)', null],
    ['date("2024-13-01")', null],
    ['date("not a date")', null],
    ['date(date and time("2024-05-01T23:30:00+08:00"))', '2024-05-01'],
    ['date and time("2024-05-01T10:00:00Z")', '2024-05-01T10:00:00Z'],
    ['date and time("2024-05-01T10:00:00+08:00")', '2024-05-01T10:00:00+08:00'],
    ['date and time("2024-05-01T10:00:00.250Z")', '2024-05-01T10:00:00.25Z'],
    ['date and time("2024-05-01T10:00:00@Asia/Shanghai")', '2024-05-01T10:00:00+08:00[Asia/Shanghai]'],
    ['date and time("2024-01-15T10:00:00@Europe/Berlin")', '2024-01-15T10:00:00+01:00[Europe/Berlin]'],
    ['date and time("2024-07-15T10:00:00@Europe/Berlin")', '2024-07-15T10:00:00+02:00[Europe/Berlin]'],
    ['date and time("2024-01-15T10:00:00@America/New_York")', '2024-01-15T10:00:00-05:00[America/New_York]'],
    ['date and time("2024-05-01T10:00:00")', '2024-05-01T10:00:00'],
    ['date and time(date("2024-05-01"), time("08:15:00Z"))', '2024-05-01T08:15:00Z'],
    ['time("10:30:00")', '10:30:00'],
    ['duration("PT90M")', 'PT1H30M'],
    ['duration("P2DT3H")', 'P2DT3H'],
    ['duration("P14M")', 'P1Y2M'],
    ['duration("-PT1H")', '-PT1H'],
    ['duration("junk")', null],
    ['years and months duration(date("2023-01-15"), date("2024-05-01"))', 'P1Y3M'],
    ['years and months duration(date("2020-02-29"), date("2021-02-28"))', 'P11M'],
    ['years and months duration(date("2024-05-01"), date("2023-01-15"))', '-P1Y3M'],
    ['years and months duration(date("2024-01-01"), date("2024-01-20"))', 'P0M'],
    ['years and months duration(date and time("2024-01-15T10:00:00Z"), date and time("2024-02-15T09:00:00Z"))', 'P0M'],
    ['years and months duration("2024-01-01", date("2024-05-01"))', null],
  ]);
});

describe('arithmetic', () => {
  evaluatesTo([
    ['date("2024-01-31") + duration("P1M")', '2024-02-29'],
    ['date("2023-01-31") + duration("P1M")', '2023-02-28'],
    ['date("2024-02-29") + duration("P1Y")', '2025-02-28'],
    ['date("2024-05-01") - duration("P1D")', '2024-04-30'],
    ['date("2024-05-01") - date("2024-01-01")', 'P121D'],
    ['date and time("2024-05-01T10:00:00Z") - date and time("2024-05-01T08:30:00Z")', 'PT1H30M'],
    ['date and time("2024-05-01T10:00:00Z") + duration("PT36H")', '2024-05-02T22:00:00Z'],
    ['date and time("2024-03-30T12:00:00@Europe/Berlin") + duration("P1D")', '2024-03-31T12:00:00+02:00[Europe/Berlin]'],
    ['date and time("2024-05-01T10:00:00+08:00") + duration("PT1H")', '2024-05-01T11:00:00+08:00'],
    ['duration("PT2H") + duration("PT30M")', 'PT2H30M'],
    ['duration("P1Y") + duration("P2M")', 'P1Y2M'],
    ['duration("P1D") - duration("PT1H")', 'PT23H'],
    ['date and time(submittedAt) + duration(timeLimit)', '2024-05-16T09:00:00+08:00'],
  ], { submittedAt: '2024-05-01T09:00:00+08:00', timeLimit: 'P15D' });
});

describe('comparison', () => {
  evaluatesTo([
    ['date("2024-05-01") > date("2024-01-01")', true],
    ['date("2024-05-01") = date("2024-05-01")', true],
    ['date and time("2024-05-01T10:00:00+02:00") = date and time("2024-05-01T08:00:00Z")', true],
    ['date and time("2024-05-01T10:00:00+08:00") < date and time("2024-05-01T03:00:00Z")', true],
    ['date and time("2024-07-01T10:00:00@Europe/Berlin") = date and time("2024-07-01T08:00:00Z")', true],
    ['duration("P1D") > duration("PT23H")', true],
    ['duration("PT24H") = duration("P1D")', true],
    ['duration("P1Y") = duration("P12M")', true],
    ['date("2024-05-01") in [date("2024-01-01")..date("2024-12-31")]', true],
    ['now() - date and time(dueAt) > duration("PT0S")', true],
  ], { dueAt: '2024-05-01T12:00:00Z' });
});

describe('properties and calendar functions', () => {
  evaluatesTo([
    ['date("2024-05-01").year', 2024],
    ['date("2024-05-01").month', 5],
    ['date("2024-05-01").day', 1],
    ['date("2024-05-01").weekday', 3],
    ['date and time("2024-05-01T10:20:30Z").hour', 10],
    ['duration("P2DT3H").days', 2],
    ['duration("P1Y2M").months', 2],
    ['day of week(date("2024-05-01"))', 'Wednesday'],
    ['month of year(date("2024-05-01"))', 'May'],
    ['day of year(date("2024-02-01"))', 32],
    ['last day of month(date("2024-02-10"))', '2024-02-29'],
    ['last day of month(date("2023-02-10"))', '2023-02-28'],
    ['last day of month(date and time("2024-04-10T10:00:00Z"))', '2024-04-30'],
    ['last day of month("2024-02-10")', null],
  ]);
});

describe('cycle() for timer cycles (Zeebe)', () => {
  evaluatesTo([
    ['cycle(duration("PT1H"))', 'R/PT1H'],
    ['cycle(duration("P2M"))', 'R/P2M'],
    ['cycle(3, duration("PT1H"))', 'R3/PT1H'],
    ['cycle(null, duration("P1D"))', 'R/P1D'],
    ['cycle(interval)', null],
    ['cycle(3, "PT1H")', null],
    ['cycle(-1, duration("PT1H"))', null],
  ]);
});
