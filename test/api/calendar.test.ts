/**
 * The calendar routes over HTTP, behind the real access guard (sessions, Casbin) of a running server on every
 * store. server.ts does not mount them yet, so the test mounts them on a second app that shares the server's
 * store and security services — exactly the wiring the composition root will do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableStores } from '../support/stores.js';
import { problem, startHarness, type Harness } from './security/harness.js';
import { createApp } from '../../server/http/app.js';
import { buildOpenApi } from '../../server/http/openapi.js';
import { loadConfig } from '../../server/config/load.js';
import { createLogger } from '../../server/log/logger.js';
import { principalOf } from '../../server/authz/guard.js';
import { systemContext } from '../../server/identity/context.js';
import { CalendarService, calendarRoutes, loadNationalCalendar } from '../../server/calendar/index.js';

const stores = await availableStores();

describe.each(stores.map((s) => [s.name, s] as const))('calendar API on %s', (_name, storeDef) => {
  let h: Harness;
  let server: Server;
  let base: string;
  let adminA: string;
  let worker: string;

  const call = (method: string, path: string, cookie: string, body?: unknown) =>
    fetch(base + path, {
      method: method.toUpperCase(),
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    const s = h.server.security;
    await s.authz.addPermission('admin', 'calendar', 'read', systemContext('test'));
    await s.authz.addPermission('admin', 'calendar', 'write', systemContext('test'));
    await h.user('admin_a', 'A', 'admin');
    await h.user('worker_a', 'A1', 'grid_worker');
    adminA = await h.login('admin_a');
    worker = await h.login('worker_a');
    const routes = calendarRoutes({
      calendars: new CalendarService(h.server.store, loadNationalCalendar(), h.server.logger),
      authorize: (req, action, tenantId) => s.authz.require(principalOf(req), 'calendar', action, tenantId),
    });
    const app = createApp({ config: loadConfig({}, { logLevel: 'silent' }), logger: createLogger('silent'), routes, guard: s.guard });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  it('given an admin of county A, when A’s calendar is read, then it is the national one at version 0 with its sources', async () => {
    const res = await call('get', '/api/calendars/A', adminA);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { version: number; calendar: { years: number[]; makeUpDays: unknown[] }; sources: Array<{ year: number }> };
    expect(body.version).toBe(0);
    expect(body.calendar.years).toEqual([2025, 2026]);
    expect(body.calendar.makeUpDays).toContainEqual({ date: '2026-02-28', name: '春节' });
    expect(body.sources.map((x) => x.year)).toEqual([2025, 2026]);
  });

  it('given a due-date question, when it crosses Spring Festival 2026, then the answer skips the holiday and counts the make-up Saturday', async () => {
    const res = await call('post', '/api/calendars/A/due', adminA, { start: '2026-02-13T09:00:00+08:00', amount: 2, unit: 'workingDays' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ due: '2026-02-24T09:30:00.000Z', coverage: { complete: true, missingYears: [] }, warnings: [] });
    const urgent = await call('post', '/api/calendars/A/due', adminA, { start: '2026-02-13T09:00:00+08:00', amount: 2, unit: 'naturalHours', warnShare: 0.5 });
    expect(await urgent.json()).toMatchObject({ due: '2026-02-13T03:00:00.000Z', warningAt: '2026-02-13T02:00:00.000Z' });
  });

  it('given a year without data, when a due date is asked, then the answer carries a warning and the coverage flag', async () => {
    const res = await call('post', '/api/calendars/A/due', adminA, { start: '2027-10-01T09:00:00+08:00', amount: 1, unit: 'workingHours' });
    const body = (await res.json()) as { coverage: unknown; warnings: string[] };
    expect(body.coverage).toEqual({ complete: false, missingYears: [2027] });
    expect(body.warnings).toEqual([expect.stringContaining('2027')]);
  });

  it('given an edit, when it is patched with the right version, then it is stored; with a stale version, then 409', async () => {
    const first = await call('patch', '/api/calendars/A', adminA, { addHolidays: [{ date: '2025-03-10', name: '地方假日' }], expectedVersion: 0 });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { version: number; updatedBy: string }).version).toBe(1);
    const stale = await call('patch', '/api/calendars/A', adminA, { removeHolidays: ['2025-03-10'], expectedVersion: 0 });
    expect(await problem(stale)).toMatchObject({ status: 409, code: 'store.version_conflict', contentType: expect.stringContaining('application/problem+json') });
    const due = await call('post', '/api/calendars/A/due', adminA, { start: '2025-03-07T10:00:00+08:00', amount: 1, unit: 'workingDays' });
    expect(((await due.json()) as { due: string }).due).toBe('2025-03-11T09:30:00.000Z');
  });

  it('given invalid edits, then 422 calendar.invalid says what is wrong and nothing changes', async () => {
    const before = ((await (await call('get', '/api/calendars/A', adminA)).json()) as { version: number }).version;
    const overlap = await call('patch', '/api/calendars/A', adminA, { windows: [{ start: '08:30', end: '12:00' }, { start: '11:00', end: '17:30' }] });
    const body = (await overlap.json()) as { status: number; code: string; errors: Array<{ path: string }> };
    expect(body).toMatchObject({ status: 422, code: 'calendar.invalid', errors: [{ path: 'windows.1' }] });
    const both = await call('patch', '/api/calendars/A', adminA, { addHolidays: [{ date: '2025-03-12', name: 'x' }], addMakeUpDays: [{ date: '2025-03-12', name: 'y' }] });
    expect(await problem(both)).toMatchObject({ status: 422, code: 'calendar.invalid' });
    const clock = await call('patch', '/api/calendars/A', adminA, { windows: [{ start: '8:30', end: '12:00' }] });
    expect(await problem(clock)).toMatchObject({ status: 422, code: 'calendar.invalid' });
    const fraction = await call('post', '/api/calendars/A/due', adminA, { start: '2025-03-07T10:00:00+08:00', amount: 1.5, unit: 'workingDays' });
    expect(await problem(fraction)).toMatchObject({ status: 400, code: 'http.validation_failed' });
    expect(((await (await call('get', '/api/calendars/A', adminA)).json()) as { version: number }).version).toBe(before);
  });

  it('given a whole calendar, when it is put and then reset, then the tenant goes back to the national schedules', async () => {
    const current = (await (await call('get', '/api/calendars/A', adminA)).json()) as { version: number; calendar: { holidays: Array<{ date: string }> } };
    const calendar = { ...(current.calendar as object), holidays: current.calendar.holidays.filter((x) => x.date !== '2025-01-01') };
    const put = await call('put', '/api/calendars/A', adminA, { calendar, expectedVersion: current.version });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { overrides: { removedHolidays: string[] } }).overrides.removedHolidays).toEqual(['2025-01-01']);
    const reset = await call('delete', '/api/calendars/A/overrides', adminA);
    expect(((await reset.json()) as { version: number }).version).toBe(0);
  });

  it('given callers without the right, then 403: a worker cannot edit, an admin of A cannot touch tenant B', async () => {
    expect((await problem(await call('patch', '/api/calendars/A', worker, { addYears: [2027] }))).status).toBe(403);
    expect((await problem(await call('get', '/api/calendars/B', adminA))).status).toBe(403);
    expect((await problem(await call('get', '/api/calendars/A', ''))).status).toBe(401);
  });

  it('describes every calendar route in the OpenAPI document', () => {
    const doc = buildOpenApi(calendarRoutes({ calendars: undefined as never }), { version: 'test' }) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/calendars/{tenantId}', '/api/calendars/{tenantId}/due', '/api/calendars/{tenantId}/overrides']);
    expect(Object.keys(doc.paths['/api/calendars/{tenantId}']!).sort()).toEqual(['get', 'patch', 'put']);
  });
});
