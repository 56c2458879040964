/**
 * The indicators API on fixed case documents (C7's case contract) inserted into each available store, against
 * values computed by hand below. Period: October 2026 in China, [2026-10-01 00:00+08, 2026-11-01 00:00+08).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../support/stores.js';
import { startHarness, type Harness } from './security/harness.js';

const stores = await availableStores();
const at = (local: string) => new Date(`${local}+08:00`).toISOString();
const base = { reworkCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0, relatedCaseIds: [], attachments: [], urgent: false, caseKind: 'committed' };
const inA1 = { unitId: 'A1', unitPath: '/c/A/A1/' };
const cityLook = { kind: 'component', major: '市容环境', minor: '暴露垃圾' };
const street = { kind: 'event', major: '街面秩序', minor: '占道经营' };

/** a1..a9 under county A, b1 under county B (outside A's subtree). */
const CASES = [
  { _id: 'a1', ...base, ...inA1, category: cityLook, urgent: true, status: 'closed', filedAt: at('2026-10-05T10:00:00'), dueAt: at('2026-10-10T17:30:00'), closedAt: at('2026-10-09T11:00:00'), closedOnTime: true, satisfaction: { score: 5, satisfied: true, at: at('2026-10-10T09:00:00') } },
  { _id: 'a2', ...base, ...inA1, category: cityLook, status: 'closed', filedAt: at('2026-10-06T10:00:00'), dueAt: at('2026-10-12T17:30:00'), closedAt: at('2026-10-15T11:00:00'), closedOnTime: false, reworkCount: 1, satisfaction: { score: 2, satisfied: false, at: at('2026-10-16T09:00:00') } },
  { _id: 'a3', ...base, ...inA1, category: street, status: 'deferred', filedAt: at('2026-10-07T10:00:00'), dueAt: at('2026-10-20T17:30:00'), deferredAt: at('2026-10-15T10:00:00') },
  { _id: 'a4', ...base, unitId: 'A_d', unitPath: '/c/A/A_d/', category: street, urgent: true, status: 'handling', filedAt: at('2026-10-08T10:00:00'), dueAt: at('2026-10-25T17:30:00'), extensionCount: 1 },
  { _id: 'a5', ...base, ...inA1, category: cityLook, status: 'closed', filedAt: at('2026-09-25T10:00:00'), dueAt: at('2026-10-03T17:30:00'), closedAt: at('2026-10-02T10:00:00'), closedOnTime: true, returnCount: 1 },
  { _id: 'a6', ...base, ...inA1, category: cityLook, status: 'handling', filedAt: at('2026-10-28T10:00:00'), dueAt: at('2026-11-05T17:30:00') },
  { _id: 'a7', ...base, ...inA1, category: cityLook, status: 'rejected', filedAt: at('2026-10-09T10:00:00'), dueAt: at('2026-10-14T17:30:00') },
  { _id: 'a8', ...base, ...inA1, category: street, status: 'closed', filedAt: at('2026-10-10T10:00:00'), dueAt: at('2026-10-30T17:30:00'), closedAt: at('2026-11-02T10:00:00'), closedOnTime: false },
  // filed half an hour into November in China (still 31 October in UTC): not October's
  { _id: 'a9', ...base, ...inA1, category: street, status: 'filed', filedAt: at('2026-11-01T00:30:00'), dueAt: at('2026-11-10T17:30:00') },
  { _id: 'b1', ...base, unitId: 'B1', unitPath: '/c/B/B1/', category: cityLook, status: 'closed', filedAt: at('2026-10-05T10:00:00'), dueAt: at('2026-10-10T17:30:00'), closedAt: at('2026-10-06T10:00:00'), closedOnTime: true },
];

describe.each(stores.map((s) => [s.name, s] as const))('indicators API (%s)', (_name, storeDef) => {
  let h: Harness;
  let head: string;
  let handler: string;
  const get = async (cookie: string, query: string) => {
    const res = await h.call('get', `/api/metrics/indicators?${query}`, { cookie });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    h = await startHarness(await storeDef.open(), {}, { slaSweepMs: 0 });
    // trackingNumber and intakeKey are unique in C7's case collection
    await h.server.store.collection('cases').insertMany(CASES.map((c) => ({ ...c, trackingNumber: `GZ-20261001-${c._id}`, intakeKey: `metrics:${c._id}` })));
    await h.user('headA', 'A', 'dept_head');
    await h.user('handlerA1', 'A1', 'dept_handler');
    head = await h.login('headA');
    handler = await h.login('handlerA1');
  }, 60_000);
  afterAll(async () => h?.close());

  it('given county A in October, then every indicator equals the hand-computed value', async () => {
    const { status, body } = await get(head, 'unitId=A&from=2026-10-01&to=2026-11-01');
    expect(status).toBe(200);
    expect(body.total).toEqual({
      filed: 7, // a1 a2 a3 a4 a6 a7 a8 (a5 filed in September, a9 in November in China, b1 outside A)
      due: 6, // a1 a2 a3 a4 a5 a8 (a6, a9 due in November; a7 rejected)
      closed: 3, // a1 a2 a5 (a8 closed on 11/2, after the period)
      closedOnTime: 2, // a1 a5
      deferred: 1, // a3
      closureRate: 60, // 3 / (6 − 1) = 60 %
      onTimeClosureRate: 40, // 2 / (6 − 1) = 40 %
      reworkRate: 33.33, // a2 of the 3 closed
      extensionRate: 16.67, // a4 of the 6 due
      firstTimeRate: 33.33, // a1 only (a2 reworked, a5 returned) of 3 closed
      satisfactionRate: 50, // a1 satisfied, a2 not: 1 / 2
      satisfactionScore: 3.5, // (5 + 2) / 2
      rated: 2,
      urgentFiled: 2, // a1 a4
      urgentDue: 2, // a1 a4
      urgentOnTimeClosureRate: 50, // a1 on time / (2 urgent due − 0 deferred)
    });
  });

  it('given groupBy=unit, then the town and the department are counted apart', async () => {
    const { body } = await get(head, 'unitId=A&from=2026-10-01&to=2026-11-01&groupBy=unit');
    const byKey = Object.fromEntries((body.groups as { key: string }[]).map((g) => [g.key, g])) as Record<string, Record<string, unknown>>;
    expect(Object.keys(byKey).sort()).toEqual(['A1', 'A_d']);
    // A1: filed a1 a2 a3 a6 a7 a8 = 6; due a1 a2 a3 a5 a8 = 5; closed 3, on time 2, deferred 1 → 3/4 = 75 %, 2/4 = 50 %
    expect(byKey.A1).toMatchObject({ filed: 6, due: 5, closed: 3, closedOnTime: 2, deferred: 1, closureRate: 75, onTimeClosureRate: 50 });
    // A_d: a4 only, open → 0/1 = 0 %; nothing closed, so the rates over closed cases are null, not NaN
    expect(byKey.A_d).toMatchObject({ filed: 1, due: 1, closed: 0, closureRate: 0, reworkRate: null, firstTimeRate: null, satisfactionRate: null, satisfactionScore: null, extensionRate: 100 });
  });

  it('given groupBy=category and month, then the groups add up', async () => {
    const cat = (await get(head, 'unitId=A&from=2026-10-01&to=2026-11-01&groupBy=category')).body;
    const byKey = Object.fromEntries((cat.groups as { key: string }[]).map((g) => [g.key, g])) as Record<string, Record<string, unknown>>;
    // 市容环境: filed a1 a2 a6 a7 = 4; due a1 a2 a5 = 3, all closed, on time a1 a5 → 3/3, 2/3
    expect(byKey['市容环境']).toMatchObject({ filed: 4, due: 3, closed: 3, closedOnTime: 2, closureRate: 100, onTimeClosureRate: 66.67 });
    // 街面秩序: filed a3 a4 a8 = 3; due a3 a4 a8 = 3, deferred a3 → base 2, closed 0
    expect(byKey['街面秩序']).toMatchObject({ filed: 3, due: 3, closed: 0, deferred: 1, closureRate: 0 });
    const month = (await get(head, 'unitId=A&from=2026-09-01&to=2026-11-01&groupBy=month')).body;
    const byMonth = Object.fromEntries((month.groups as { key: string }[]).map((g) => [g.key, g])) as Record<string, Record<string, unknown>>;
    // September: a5 filed (due in October); October: the seven above, all six due
    expect(byMonth['2026-09']).toMatchObject({ filed: 1, due: 0, closureRate: null });
    expect(byMonth['2026-10']).toMatchObject({ filed: 7, due: 6, closed: 3 });
  });

  it('given a period without cases, then counts are zero and every rate is null', async () => {
    const { body } = await get(head, 'unitId=A&from=2025-01-01&to=2025-02-01');
    expect(body.total).toMatchObject({ filed: 0, due: 0, closureRate: null, onTimeClosureRate: null, reworkRate: null, extensionRate: null, urgentOnTimeClosureRate: null });
  });

  it('refuses another county, a handler without the permission, and a reversed period', async () => {
    expect((await get(head, 'unitId=B&from=2026-10-01&to=2026-11-01')).status).toBe(403);
    expect((await get(handler, 'unitId=A1&from=2026-10-01&to=2026-11-01')).status).toBe(403);
    const reversed = await get(head, 'unitId=A&from=2026-11-01&to=2026-10-01');
    expect(reversed).toMatchObject({ status: 400, body: { code: 'metrics.invalid_query' } });
  });
});
