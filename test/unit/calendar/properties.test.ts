import { describe, expect, it } from '@jest/globals';
import { nationalCalendar, showBj } from './support.js';

/** A small deterministic generator (mulberry32) so a failure reproduces with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const calendar = nationalCalendar();
const FROM = Date.parse('2025-01-01T00:00:00+08:00');
const SPAN = Date.parse('2026-10-31T00:00:00+08:00') - FROM; // stay inside the covered years
const next = random(20250128);
const starts = Array.from({ length: 200 }, () => new Date(FROM + Math.floor(next() * SPAN / 60_000) * 60_000));

describe('properties over many random starts in 2025–2026', () => {
  it('addWorkingDays(n) lands at 17:30 on a working day after the start day, and is strictly increasing in n', () => {
    for (const start of starts) {
      let previous = start.getTime();
      for (let n = 1; n <= 25; n++) {
        const { due, coverage } = calendar.addWorkingDays(start, n);
        expect(coverage.complete).toBe(true);
        expect(calendar.isWorkingDay(due)).toBe(true);
        expect(showBj(due).slice(11)).toBe('17:30');
        expect(showBj(due).slice(0, 10) > showBj(start).slice(0, 10)).toBe(true);
        expect(due.getTime()).toBeGreaterThan(previous);
        previous = due.getTime();
      }
    }
  });
  it('addWorkingDays(n) has exactly n − 1 working days strictly between the start day and the due day', () => {
    for (const start of starts.slice(0, 100)) {
      const n = 1 + Math.floor(next() * 15);
      const { due } = calendar.addWorkingDays(start, n);
      let between = 0;
      for (let t = start.getTime() + 86_400_000; showBj(new Date(t)).slice(0, 10) < showBj(due).slice(0, 10); t += 86_400_000) {
        if (calendar.isWorkingDay(new Date(t))) between++;
      }
      expect(between).toBe(n - 1);
    }
  });
  it('workingTimeBetween(start, addWorkingHours(start, h)) gives back h', () => {
    for (const start of starts) {
      const hours = Math.round(next() * 80 * 4) / 4;
      const { due } = calendar.addWorkingHours(start, hours);
      expect(calendar.workingTimeBetween(start, due).hours).toBeCloseTo(hours, 9);
    }
  });
});
