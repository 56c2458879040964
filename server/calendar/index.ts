/** Working-day calendars (节假日与调休) and the three clocks: the public face of server/calendar. */
export { CalendarInvalidError, DEFAULT_TIME_ZONE, DEFAULT_WINDOWS, calendarIssues, type CalendarData, type CalendarIssue, type DatedEntry, type WorkWindow } from './calendar-data.js';
export { CalendarService, type CalendarWarnings, type DueDate, type EditContext, type TenantCalendar } from './calendar-service.js';
export { loadNationalCalendar, defaultNationalCalendarDir, type NationalCalendar, type NationalSource } from './national.js';
export type { CalendarEdit, CalendarOverrides } from './overrides.js';
export { CALENDAR_COLLECTION } from './repository.js';
export { calendarRoutes, type CalendarRouteDeps } from './routes.js';
export { CLOCK_UNITS, WorkCalendar, type ClockUnit, type Coverage, type DayInfo, type DueResult, type WorkCalendarOptions, type WorkingTimeResult } from './work-calendar.js';
