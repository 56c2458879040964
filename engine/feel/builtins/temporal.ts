import { date, duration, FeelDate, FeelDateTime, FeelDuration, toFeel } from 'feelin';
import { defineBuiltin } from './define.js';

/**
 * `now()` and `today()` read the engine's controllable clock rather than the system clock, so timers, SLAs and
 * tests agree on what "now" is. Zeebe evaluates them in the broker's zone; ours is UTC.
 */
export function clockBuiltins(nowMs: () => number) {
  return {
    now: defineBuiltin([], () => toFeel(new Date(nowMs())) as unknown),
    today: defineBuiltin([], () => date(new Date(nowMs()).toISOString().slice(0, 10))),
  };
}

export const calendarBuiltins = {
  'last day of month': defineBuiltin(['date'], (value: unknown) => {
    if (!(value instanceof FeelDate) && !(value instanceof FeelDateTime)) return null;
    const lastDay = new Date(Date.UTC(value.year, value.month, 0)).getUTCDate();
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    return date(`${pad(value.year, 4)}-${pad(value.month)}-${pad(lastDay)}`);
  }),
};

/**
 * feelin keeps leftover days (`P1Y3M16D`); FEEL's years and months duration counts whole months only, as
 * java.time's Period.between(from, to).toTotalMonths() does (a month counts once its day-of-month is reached).
 */
export const durationBuiltins = {
  'years and months duration': defineBuiltin(['from', 'to'], (from: unknown, to: unknown) => {
    if (!isCalendarValue(from) || !isCalendarValue(to)) return null;
    let months = to.year * 12 + to.month - (from.year * 12 + from.month);
    const dayDelta = dayAndTimeOf(to) - dayAndTimeOf(from);
    if (months > 0 && dayDelta < 0) months--;
    else if (months < 0 && dayDelta > 0) months++;
    const total = Math.abs(months);
    return duration(`${months < 0 ? '-' : ''}P${Math.floor(total / 12)}Y${total % 12}M`);
  }),
};

function isCalendarValue(value: unknown): value is FeelDate | FeelDateTime {
  return value instanceof FeelDate || value instanceof FeelDateTime;
}

/** Day of month with the time of day as a fraction, so that Jan 15 10:00 → Feb 15 09:00 is not yet a month. */
function dayAndTimeOf(value: FeelDate | FeelDateTime): number {
  if (value instanceof FeelDate) return value.day;
  return value.day + (value.hour * 3600 + value.minute * 60 + value.second) / 86_400;
}

/**
 * Zeebe's `cycle()` for timer cycles: `cycle(duration("PT1H"))` → "R/PT1H", `cycle(3, duration("PT1H"))` →
 * "R3/PT1H"; a null repetition count repeats forever, a missing interval yields null.
 */
export const cycleBuiltins = {
  cycle: defineBuiltin(['repetitions', 'interval'], (first: unknown, second?: unknown) => {
    const oneArgument = second === undefined;
    const interval = oneArgument ? first : second;
    const repetitions = oneArgument ? null : first;
    if (!(interval instanceof FeelDuration)) return null;
    if (repetitions === null) return `R/${interval.iso}`;
    if (typeof repetitions !== 'number' || !Number.isInteger(repetitions) || repetitions < 0) return null;
    return `R${repetitions}/${interval.iso}`;
  }),
};
