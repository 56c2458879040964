import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../support/stores.js';
import { problem, startHarness, type Harness } from './security/harness.js';
import { AUDIT_COLLECTION } from '../../server/audit/index.js';
import { MAPPING_VERSIONS_COLLECTION } from '../../server/forms/index.js';

const stores = await availableStores();

describe.each(stores.map((s) => [s.name, s] as const))('JSONata mapping API on %s', (_name, storeDef) => {
  let h: Harness;
  let admin: string;
  let otherAdmin: string;
  let worker: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('county_admin', 'A', 'admin');
    await h.user('other_admin', 'B', 'admin');
    await h.user('worker', 'A1', 'grid_worker');
    admin = await h.login('county_admin');
    otherAdmin = await h.login('other_admin');
    worker = await h.login('worker');
  }, 60_000);
  afterAll(async () => h?.close());

  const intake = { kind: 'intake_to_variables', title: '12345 热线 → 案件变量', unitId: 'A' };

  it('given a mapping saved twice, then it is versioned, readable, and each save audited', async () => {
    const first = await h.call('put', '/api/mappings/hotline-intake', { cookie: admin, body: { ...intake, source: '{ "reporter": caller.name }' } });
    expect(first.status).toBe(200);
    const second = await h.call('put', '/api/mappings/hotline-intake', { cookie: admin, body: { ...intake, source: '{ "reporter": caller.name, "phone": caller.mobile }' } });
    expect(((await second.json()) as { version: number }).version).toBe(2);
    const got = (await (await h.call('get', '/api/mappings/hotline-intake', { cookie: admin })).json()) as { version: number; source: string };
    expect(got).toMatchObject({ version: 2, source: '{ "reporter": caller.name, "phone": caller.mobile }' });
    expect(await h.server.store.collection(MAPPING_VERSIONS_COLLECTION).count({ mappingId: 'hotline-intake' })).toBe(2);
    expect(await h.server.store.collection(AUDIT_COLLECTION).count({ action: 'mapping.save' })).toBe(2);
  });

  it('given a syntax error, when saved, then 422 mapping.invalid carries the position and the stored mapping is unchanged', async () => {
    const res = await h.call('put', '/api/mappings/hotline-intake', { cookie: admin, body: { ...intake, source: '{ "reporter": caller.name, }' } });
    const body = (await problem(res)) as unknown as { status: number; code: string; position: number };
    expect([body.status, body.code, typeof body.position]).toEqual([422, 'mapping.invalid', 'number']);
    const got = (await (await h.call('get', '/api/mappings/hotline-intake', { cookie: admin })).json()) as { version: number };
    expect(got.version).toBe(2);
  });

  it('the live tester evaluates on sample data', async () => {
    const res = await h.call('post', '/api/mappings/test', { cookie: admin, body: { source: '$sum(items.qty)', input: { items: [{ qty: 2 }, { qty: 3 }] } } });
    expect(await res.json()).toEqual({ result: 5 });
  });

  it.each([
    ['$count([1..10000000])', 'mapping.too_large'],
    ['($f := function($n){ $f($n + 1) }; $f(0))', 'mapping.timeout'],
    ['$pad("", 300000, "码")', 'mapping.too_large'],
    ['"a" - 1', 'mapping.failed'],
  ])('given %s, then the tester answers a bounded %s problem', async (source, code) => {
    const body = await problem(await h.call('post', '/api/mappings/test', { cookie: admin, body: { source, input: {} } }));
    expect([body.status, body.code]).toEqual([422, code]);
  });

  it('given mappings of another unit or a worker, then reads and writes are refused', async () => {
    expect((await h.call('get', '/api/mappings/hotline-intake', { cookie: otherAdmin })).status).toBe(403);
    expect((await h.call('put', '/api/mappings/hotline-intake', { cookie: otherAdmin, body: { ...intake, unitId: 'B', source: '1' } })).status).toBe(403);
    expect((await h.call('put', '/api/mappings/w', { cookie: worker, body: { ...intake, unitId: 'A1', source: '1' } })).status).toBe(403);
    expect((await h.call('get', '/api/mappings/nope', { cookie: admin })).status).toBe(404);
  });

  it('the mapping list shows the caller\'s subtree only, optionally of one kind', async () => {
    await h.call('put', '/api/mappings/b-prefill', { cookie: otherAdmin, body: { kind: 'variables_to_prefill', title: '乙县预填', source: '{ "t": title }', unitId: 'B' } });
    const ids = async (cookie: string, query = '') => ((await (await h.call('get', `/api/mappings${query}`, { cookie })).json()) as { items: { id: string }[] }).items.map((m) => m.id);
    expect(await ids(admin)).toEqual(['hotline-intake']);
    expect(await ids(otherAdmin)).toEqual(['b-prefill']);
    expect(await ids(otherAdmin, '?kind=intake_to_variables')).toEqual([]);
    expect((await h.call('get', '/api/mappings', { cookie: worker })).status).toBe(403);
  });
});
