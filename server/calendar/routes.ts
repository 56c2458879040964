import type { Request } from 'express';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../http/route.js';
import { ProblemError } from '../http/problems.js';
import { CalendarInvalidError } from './calendar-data.js';
import type { CalendarService, TenantCalendar } from './calendar-service.js';
import { CLOCK_UNITS } from './work-calendar.js';

export interface CalendarRouteDeps {
  calendars: CalendarService;
  /**
   * Per-tenant check after the route guard's (calendar, read|write): a tenant id is an org unit id (the root
   * unit a tenant's admins hold their role at), so the composition root passes
   * `(req, action, tenantId) => authz.require(principalOf(req), 'calendar', action, tenantId)`.
   */
  authorize?: (req: Request, action: 'read' | 'write', tenantId: string) => void;
}

const date = z.string().max(10).describe('local date YYYY-MM-DD');
const clock = z.string().max(5).describe('local time HH:MM');
const window = z.object({ start: clock, end: clock });
const entry = z.object({ date, name: z.string().min(1).max(100) });
const year = z.number().int();
const calendarData = z.object({
  timeZone: z.string().min(1).max(64).describe('IANA time zone, Asia/Shanghai by default'),
  windows: z.array(window).max(12).describe('working-hour windows, in order, not overlapping'),
  years: z.array(year).max(200).describe('years whose holiday schedule is known; other years fall back to weekends only'),
  holidays: z.array(entry).max(5000),
  makeUpDays: z.array(entry).max(5000).describe('weekend dates that are working days (调休上班)'),
});
const overrides = z.object({
  timeZone: z.string().optional(),
  windows: z.array(window).optional(),
  addedYears: z.array(year),
  removedYears: z.array(year),
  addedHolidays: z.array(entry),
  removedHolidays: z.array(date),
  addedMakeUpDays: z.array(entry),
  removedMakeUpDays: z.array(date),
});
const tenantCalendar = z.object({
  tenantId: z.string(),
  calendar: calendarData,
  overrides,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  sources: z.array(z.object({ year, title: z.string(), documentNumber: z.string().nullable(), publishedOn: z.string(), url: z.string() })),
});
const expectedVersion = z.number().int().min(0).optional().describe('the version the edit is based on; a newer one makes it fail with 409');
const editBody = z.object({
  timeZone: z.string().min(1).max(64).optional(),
  windows: z.array(window).max(12).optional(),
  addYears: z.array(year).max(50).optional(),
  removeYears: z.array(year).max(50).optional(),
  addHolidays: z.array(entry).max(400).optional(),
  removeHolidays: z.array(date).max(400).optional(),
  addMakeUpDays: z.array(entry).max(400).optional(),
  removeMakeUpDays: z.array(date).max(400).optional(),
  expectedVersion,
});
const dueBody = z
  .object({
    start: z.iso.datetime({ offset: true }),
    amount: z.number().min(0).max(100_000),
    unit: z.enum(CLOCK_UNITS as [string, ...string[]]),
    warnShare: z.number().min(0).max(1).optional().describe('e.g. 0.8: also answer when 80 % of the limit is used (黄牌)'),
  })
  .refine((b) => b.unit !== 'workingDays' || Number.isInteger(b.amount), { message: 'working days are whole days', path: ['amount'] });
const coverage = z.object({ complete: z.boolean(), missingYears: z.array(year) });
const params = z.object({ tenantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Admin edits and the designer's "when would this be due?" on the per-tenant working-day calendars. */
export function calendarRoutes({ calendars, authorize = () => undefined }: CalendarRouteDeps): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/calendars/:tenantId',
      operationId: 'getCalendar',
      summary: 'A tenant’s working-day calendar: national schedules with the tenant’s edits on top.',
      tags: ['calendar'],
      access: { object: 'calendar', action: 'read' },
      params,
      response: tenantCalendar,
      handler: async ({ params, req }) => {
        authorize(req, 'read', params.tenantId);
        return view(await calendars.get(params.tenantId));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/calendars/:tenantId',
      operationId: 'replaceCalendar',
      summary: 'Replace a tenant’s whole calendar (kept as differences from the national schedules).',
      tags: ['calendar'],
      access: { object: 'calendar', action: 'write' },
      params,
      body: z.object({ calendar: calendarData, expectedVersion }),
      response: tenantCalendar,
      handler: async ({ params, body, req }) => {
        authorize(req, 'write', params.tenantId);
        return view(await invalidAsProblem(() => calendars.replace(params.tenantId, body.calendar, editContext(req, body.expectedVersion))));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/calendars/:tenantId',
      operationId: 'editCalendar',
      summary: 'Add or remove holidays and make-up working days, mark years covered, change windows or zone.',
      tags: ['calendar'],
      access: { object: 'calendar', action: 'write' },
      params,
      body: editBody,
      response: tenantCalendar,
      handler: async ({ params, body, req }) => {
        const { expectedVersion: version, ...edit } = body;
        authorize(req, 'write', params.tenantId);
        return view(await invalidAsProblem(() => calendars.edit(params.tenantId, edit, editContext(req, version))));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/calendars/:tenantId/overrides',
      operationId: 'resetCalendar',
      summary: 'Drop a tenant’s edits: back to the national schedules as shipped.',
      tags: ['calendar'],
      access: { object: 'calendar', action: 'write' },
      params,
      response: tenantCalendar,
      handler: async ({ params, req }) => {
        authorize(req, 'write', params.tenantId);
        return view(await calendars.reset(params.tenantId));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/calendars/:tenantId/due',
      operationId: 'computeDueDate',
      summary: 'When a time limit started at `start` is due on one of the three clocks.',
      description: 'workingDays: the start day never counts; due at the end of working hours of the N-th working day after it.',
      tags: ['calendar'],
      access: { object: 'calendar', action: 'read' },
      params,
      body: dueBody,
      response: z.object({ due: z.string(), warningAt: z.string().optional(), coverage, warnings: z.array(z.string()) }),
      handler: async ({ params, body, req }) => {
        authorize(req, 'read', params.tenantId);
        const unit = body.unit as (typeof CLOCK_UNITS)[number];
        const result = await calendars.computeDue(params.tenantId, new Date(body.start), body.amount, unit, body.warnShare);
        return {
          due: result.due.toISOString(),
          ...(result.warningAt ? { warningAt: result.warningAt.toISOString() } : {}),
          coverage: result.coverage,
          warnings: result.warnings,
        };
      },
    }),
  ];
}

function view(t: TenantCalendar): z.infer<typeof tenantCalendar> {
  return t;
}

function editContext(req: Request, expected: number | undefined) {
  return { by: req.principal?.subject ?? null, ...(expected !== undefined ? { expectedVersion: expected } : {}) };
}

async function invalidAsProblem<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CalendarInvalidError) throw new ProblemError('calendar.invalid', err.message, { errors: err.details });
    throw err;
  }
}
