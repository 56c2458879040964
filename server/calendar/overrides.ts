import type { CalendarData, DatedEntry, WorkWindow } from './calendar-data.js';

/**
 * What a tenant changed relative to the national calendar (copy-on-write): only the differences are kept, so a
 * corrected or newly shipped national year reaches every tenant that has not changed the same dates.
 * A date the tenant lists (as holiday or make-up day) replaces whatever the national data says about that date.
 */
export interface CalendarOverrides {
  timeZone?: string;
  windows?: WorkWindow[];
  addedYears: number[];
  removedYears: number[];
  addedHolidays: DatedEntry[];
  removedHolidays: string[];
  addedMakeUpDays: DatedEntry[];
  removedMakeUpDays: string[];
}

export const NO_OVERRIDES: CalendarOverrides = Object.freeze({
  addedYears: [],
  removedYears: [],
  addedHolidays: [],
  removedHolidays: [],
  addedMakeUpDays: [],
  removedMakeUpDays: [],
});

/** An admin's edit: entries to add or remove, years to mark covered or not, new windows or zone. */
export interface CalendarEdit {
  timeZone?: string;
  windows?: WorkWindow[];
  addYears?: number[];
  removeYears?: number[];
  addHolidays?: DatedEntry[];
  removeHolidays?: string[];
  addMakeUpDays?: DatedEntry[];
  removeMakeUpDays?: string[];
}

export function mergeCalendar(base: CalendarData, o: CalendarOverrides): CalendarData {
  const tenantDates = new Set([...o.addedHolidays, ...o.addedMakeUpDays].map((e) => e.date));
  const keep = (removed: string[]) => (e: DatedEntry) => !tenantDates.has(e.date) && !removed.includes(e.date);
  const years = new Set([...base.years, ...o.addedYears]);
  for (const y of o.removedYears) years.delete(y);
  return {
    timeZone: o.timeZone ?? base.timeZone,
    windows: (o.windows ?? base.windows).map((w) => ({ ...w })),
    years: [...years].sort((a, b) => a - b),
    holidays: byDate([...base.holidays.filter(keep(o.removedHolidays)), ...o.addedHolidays]),
    makeUpDays: byDate([...base.makeUpDays.filter(keep(o.removedMakeUpDays)), ...o.addedMakeUpDays]),
  };
}

/** Applies an edit to the overrides; the caller validates the merged result before storing it. */
export function applyEdit(base: CalendarData, current: CalendarOverrides, edit: CalendarEdit): CalendarOverrides {
  const o = cloneOverrides(current);
  if (edit.timeZone !== undefined) o.timeZone = edit.timeZone;
  if (edit.windows !== undefined) o.windows = edit.windows.map((w) => ({ ...w }));
  for (const year of edit.addYears ?? []) {
    o.removedYears = o.removedYears.filter((y) => y !== year);
    if (!base.years.includes(year) && !o.addedYears.includes(year)) o.addedYears.push(year);
  }
  for (const year of edit.removeYears ?? []) {
    o.addedYears = o.addedYears.filter((y) => y !== year);
    if (base.years.includes(year) && !o.removedYears.includes(year)) o.removedYears.push(year);
  }
  for (const entry of edit.addHolidays ?? []) setEntry(o, 'holiday', entry);
  for (const entry of edit.addMakeUpDays ?? []) setEntry(o, 'makeUp', entry);
  for (const date of edit.removeHolidays ?? []) removeEntry(o, base, 'holiday', date);
  for (const date of edit.removeMakeUpDays ?? []) removeEntry(o, base, 'makeUp', date);
  o.addedYears.sort((a, b) => a - b);
  o.removedYears.sort((a, b) => a - b);
  o.addedHolidays = byDate(o.addedHolidays);
  o.addedMakeUpDays = byDate(o.addedMakeUpDays);
  o.removedHolidays.sort();
  o.removedMakeUpDays.sort();
  return o;
}

/** The overrides that turn `base` into `desired` (a whole calendar sent by an admin). */
export function diffCalendar(base: CalendarData, desired: CalendarData): CalendarOverrides {
  const same = (a: DatedEntry[], e: DatedEntry) => a.some((x) => x.date === e.date && x.name === e.name);
  const dates = (a: DatedEntry[]) => new Set(a.map((e) => e.date));
  const desiredYears = new Set(desired.years);
  return {
    ...(desired.timeZone !== base.timeZone ? { timeZone: desired.timeZone } : {}),
    ...(JSON.stringify(desired.windows) !== JSON.stringify(base.windows) ? { windows: desired.windows.map((w) => ({ ...w })) } : {}),
    addedYears: [...desiredYears].filter((y) => !base.years.includes(y)).sort((a, b) => a - b),
    removedYears: base.years.filter((y) => !desiredYears.has(y)),
    addedHolidays: byDate(desired.holidays.filter((e) => !same(base.holidays, e))),
    removedHolidays: [...dates(base.holidays)].filter((d) => !dates(desired.holidays).has(d)).sort(),
    addedMakeUpDays: byDate(desired.makeUpDays.filter((e) => !same(base.makeUpDays, e))),
    removedMakeUpDays: [...dates(base.makeUpDays)].filter((d) => !dates(desired.makeUpDays).has(d)).sort(),
  };
}

function setEntry(o: CalendarOverrides, kind: 'holiday' | 'makeUp', entry: DatedEntry): void {
  // The date's new meaning replaces any earlier tenant entry of either kind (validation catches real clashes).
  o.addedHolidays = o.addedHolidays.filter((e) => e.date !== entry.date);
  o.addedMakeUpDays = o.addedMakeUpDays.filter((e) => e.date !== entry.date);
  if (kind === 'holiday') {
    o.removedHolidays = o.removedHolidays.filter((d) => d !== entry.date);
    o.addedHolidays.push({ date: entry.date, name: entry.name });
  } else {
    o.removedMakeUpDays = o.removedMakeUpDays.filter((d) => d !== entry.date);
    o.addedMakeUpDays.push({ date: entry.date, name: entry.name });
  }
}

function removeEntry(o: CalendarOverrides, base: CalendarData, kind: 'holiday' | 'makeUp', date: string): void {
  if (kind === 'holiday') {
    o.addedHolidays = o.addedHolidays.filter((e) => e.date !== date);
    if (base.holidays.some((e) => e.date === date) && !o.removedHolidays.includes(date)) o.removedHolidays.push(date);
  } else {
    o.addedMakeUpDays = o.addedMakeUpDays.filter((e) => e.date !== date);
    if (base.makeUpDays.some((e) => e.date === date) && !o.removedMakeUpDays.includes(date)) o.removedMakeUpDays.push(date);
  }
}

function cloneOverrides(o: CalendarOverrides): CalendarOverrides {
  return {
    ...(o.timeZone !== undefined ? { timeZone: o.timeZone } : {}),
    ...(o.windows !== undefined ? { windows: o.windows.map((w) => ({ ...w })) } : {}),
    addedYears: [...o.addedYears],
    removedYears: [...o.removedYears],
    addedHolidays: o.addedHolidays.map((e) => ({ ...e })),
    removedHolidays: [...o.removedHolidays],
    addedMakeUpDays: o.addedMakeUpDays.map((e) => ({ ...e })),
    removedMakeUpDays: [...o.removedMakeUpDays],
  };
}

function byDate(entries: DatedEntry[]): DatedEntry[] {
  return [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
