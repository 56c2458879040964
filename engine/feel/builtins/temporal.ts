import { date, FeelDate, FeelDateTime, toFeel } from 'feelin';
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
