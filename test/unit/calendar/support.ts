import { loadNationalCalendar } from '../../../server/calendar/national.js';
import { WorkCalendar, type WorkCalendarOptions } from '../../../server/calendar/work-calendar.js';
import type { CalendarData } from '../../../server/calendar/calendar-data.js';

/** Beijing wall time `YYYY-MM-DD HH:MM` → the instant. */
export function bj(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}:00+08:00`);
}

/** An instant shown as Beijing wall time `YYYY-MM-DD HH:MM`, for readable assertions. */
export function showBj(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The shipped national data (processes/calendars), as every tenant starts from it. */
export function nationalData(): CalendarData {
  return loadNationalCalendar().data;
}

export function nationalCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  return new WorkCalendar(nationalData(), options);
}
