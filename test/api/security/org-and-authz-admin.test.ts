import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../../support/stores.js';
import { problem, startHarness, type Harness } from './harness.js';

const stores = await availableStores();

describe.each(stores.map((s) => [s.name, s] as const))('org tree and authorisation administration on %s', (_name, storeDef) => {
  let h: Harness;
  let cityAdmin: string;
  let countyAdmin: string;
  let worker: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('city_admin', 'c', 'admin');
    await h.user('county_admin', 'A', 'admin');
    await h.user('worker', 'A1', 'grid_worker');
    cityAdmin = await h.login('city_admin');
    countyAdmin = await h.login('county_admin');
    worker = await h.login('worker');
  }, 60_000);
  afterAll(async () => h?.close());

  const units = async (cookie: string, under?: string) =>
    ((await (await h.call('get', `/api/org/units${under ? `?under=${under}` : ''}`, { cookie })).json()) as { items: { _id: string; path: string; parentId: string }[] }).items;

  it('the OpenAPI document describes these routes with their Casbin (object, action)', async () => {
    const doc = (await (await h.call('get', '/api/openapi.json')).json()) as { paths: Record<string, Record<string, { 'x-gongzhi-access': unknown }>> };
    expect(doc.paths['/api/org/units/{unitId}/move']!.post!['x-gongzhi-access']).toEqual({ object: 'org', action: 'manage' });
    expect(doc.paths['/api/audit/export']!.get!['x-gongzhi-access']).toEqual({ object: 'audit', action: 'export' });
    expect(doc.paths['/api/session/login']!.post!['x-gongzhi-access']).toMatchObject({ public: true });
  });

  it('lists only the caller’s part of the tree', async () => {
    expect((await units(countyAdmin)).map((u) => u._id).sort()).toEqual(['A', 'A1', 'A1_d', 'A_d']);
    expect((await units(cityAdmin)).length).toBeGreaterThanOrEqual(9);
  });

  it('moving a unit re-paths its whole subtree, and authority follows the new place', async () => {
    await h.call('post', '/api/org/units', { cookie: countyAdmin, body: { id: 'v1', name: '一村', kind: 'village', parentId: 'A1' } });
    const grid = await h.call('post', '/api/org/units', {
      cookie: countyAdmin,
      body: { id: 'g1', name: '一网格', kind: 'grid', parentId: 'v1', boundary: { type: 'Polygon', coordinates: [[[102.7, 25], [102.8, 25], [102.8, 25.1], [102.7, 25]]] } },
    });
    expect({ status: grid.status, body: grid.status === 201 ? null : await grid.text() }).toEqual({ status: 201, body: null });
    // the county admin may not move A1 out of the county (needs authority at the new parent B)
    expect((await h.call('post', '/api/org/units/v1/move', { cookie: countyAdmin, body: { parentId: 'B1' } })).status).toBe(403);
    const moved = await h.call('post', '/api/org/units/v1/move', { cookie: cityAdmin, body: { parentId: 'B1' } });
    expect(moved.status).toBe(200);
    const under = await units(cityAdmin, 'B1');
    expect(under.find((u) => u._id === 'g1')).toMatchObject({ path: '/c/B/B1/v1/g1/' });
    expect(under.find((u) => u._id === 'v1')).toMatchObject({ path: '/c/B/B1/v1/', parentId: 'B1' });
    // the county admin of A lost it; moving into the own subtree is refused
    expect((await h.call('get', '/api/org/units/g1', { cookie: countyAdmin })).status).toBe(403);
    expect(await problem(await h.call('post', '/api/org/units/B/move', { cookie: cityAdmin, body: { parentId: 'v1' } }))).toMatchObject({ status: 422, code: 'org.invalid_unit' });
  });

  it('rejects an invalid GeoJSON boundary with 422', async () => {
    const res = await h.call('patch', '/api/org/units/g1', { cookie: cityAdmin, body: { boundary: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } } });
    expect(await problem(res)).toMatchObject({ status: 422, code: 'org.invalid_unit' });
  });

  it('a CSV import with a bad row answers 422 with row numbers and writes nothing', async () => {
    const csv = 'id,name,kind,parentId\nt9,新街道,township,A\nv9,新村,village,t9\nbad,坏,village,A\nv10,缺父,village,nowhere\n';
    const res = await h.call('post', '/api/org/import', { cookie: countyAdmin, body: { format: 'csv', csv } });
    const body = (await res.json()) as { status: number; code: string; errors: { row: number }[] };
    expect(body).toMatchObject({ status: 422, code: 'org.import_invalid' });
    expect(body.errors.map((e) => e.row).sort()).toEqual([4, 5]);
    expect((await units(cityAdmin)).map((u) => u._id)).not.toContain('t9');
    const good = await h.call('post', '/api/org/import', { cookie: countyAdmin, body: { format: 'csv', csv: 'id,name,kind,parentId\nt9,新街道,township,A\nv9,新村,village,t9\n' } });
    expect(await good.json()).toEqual({ imported: 2 });
    expect((await units(countyAdmin, 't9')).map((u) => u.path)).toEqual(['/c/A/t9/', '/c/A/t9/v9/']);
  });

  it('a disabled unit stays in the tree and is marked disabled; an empty patch changes nothing', async () => {
    const res = await h.call('patch', '/api/org/units/v9', { cookie: countyAdmin, body: { disabled: true } });
    expect(await res.json()).toMatchObject({ _id: 'v9', disabled: true });
    const same = await h.call('patch', '/api/org/units/v9', { cookie: countyAdmin, body: {} });
    expect(await same.json()).toMatchObject({ _id: 'v9', disabled: true, name: '新村' });
  });

  it('a permission change takes effect on the next request, without restart, and is audited', async () => {
    expect((await h.call('get', '/api/org/units', { cookie: worker })).status).toBe(200);
    // a county admin may not change role permissions (they hold everywhere)
    expect((await h.call('delete', '/api/authz/roles/grid_worker/permissions?object=org&action=read', { cookie: countyAdmin })).status).toBe(403);
    const removed = await h.call('delete', '/api/authz/roles/grid_worker/permissions?object=org&action=read', { cookie: cityAdmin });
    expect(await removed.json()).toEqual({ removed: true });
    expect(await problem(await h.call('get', '/api/org/units', { cookie: worker }))).toMatchObject({ status: 403, code: 'http.forbidden' });
    const added = await h.call('post', '/api/authz/roles/grid_worker/permissions', { cookie: cityAdmin, body: { object: 'org', action: 'read' } });
    expect(await added.json()).toEqual({ added: true });
    expect((await h.call('get', '/api/org/units', { cookie: worker })).status).toBe(200);
    const entries = h.server.security.audit.query({ action: 'authz.permission.remove' }, { limit: 10 });
    expect((await entries).items[0]).toMatchObject({ actor: { name: 'city_admin' }, before: { role: 'grid_worker', object: 'org', action: 'read' } });
  });

  it('role assignments: a county admin assigns within the county only, and the assignment applies at once', async () => {
    const res = await h.call('post', '/api/users', { cookie: countyAdmin, body: { username: 'new_mediator', displayName: '调解员甲', unitId: 'A1' } });
    expect(res.status).toBe(201);
    const { user, generatedPassword } = (await res.json()) as { user: { _id: string }; generatedPassword: string };
    expect(generatedPassword.length).toBeGreaterThanOrEqual(20);
    const cookie = await h.login('new_mediator', generatedPassword);
    expect((await h.call('get', '/api/org/units', { cookie })).status).toBe(403);
    expect((await h.call('post', '/api/authz/assignments', { cookie: countyAdmin, body: { userId: user._id, role: 'mediator', unitId: 'B' } })).status).toBe(403);
    expect((await h.call('post', '/api/authz/assignments', { cookie: countyAdmin, body: { userId: user._id, role: 'no_such_role', unitId: 'A1' } })).status).toBe(404);
    expect((await h.call('post', '/api/authz/assignments', { cookie: countyAdmin, body: { userId: user._id, role: 'mediator', unitId: 'A1' } })).status).toBe(201);
    expect((await units(cookie)).map((u) => u._id)).toContain('A1');
    const list = (await (await h.call('get', `/api/authz/assignments?userId=${user._id}`, { cookie: countyAdmin })).json()) as { items: unknown[] };
    expect(list.items).toEqual([{ subject: `user:${user._id}`, role: 'mediator', unitId: 'A1' }]);
    const del = await h.call('delete', `/api/authz/assignments?userId=${user._id}&role=mediator&unitId=A1`, { cookie: countyAdmin });
    expect(await del.json()).toEqual({ removed: true });
    expect((await h.call('get', '/api/org/units', { cookie })).status).toBe(403);
  });

  it('a city admin creates a custom role, assigns it, and removes it again', async () => {
    expect((await h.call('post', '/api/authz/roles/hotline_reviewer/permissions', { cookie: cityAdmin, body: { object: 'audit', action: 'read' } })).status).toBe(200);
    const roles = (await (await h.call('get', '/api/authz/roles', { cookie: cityAdmin })).json()) as { items: { role: string; permissions: unknown[] }[] };
    expect(roles.items.find((r) => r.role === 'hotline_reviewer')).toEqual({ role: 'hotline_reviewer', permissions: [{ object: 'audit', action: 'read' }] });
    const id = await h.user('reviewer', 'A1', 'hotline_reviewer');
    const cookie = await h.login('reviewer');
    expect((await h.call('get', '/api/audit/entries', { cookie })).status).toBe(200);
    expect((await h.call('delete', '/api/authz/roles/hotline_reviewer', { cookie: countyAdmin })).status).toBe(403);
    const removed = await h.call('delete', '/api/authz/roles/hotline_reviewer', { cookie: cityAdmin });
    expect(await removed.json()).toEqual({ permissions: 1, assignments: 1 });
    expect((await h.call('get', '/api/audit/entries', { cookie })).status).toBe(403);
    expect(h.server.security.authz.decisions().assignmentsOf(`user:${id}`)).toEqual([]);
  });

  it('disabling a user revokes their sessions', async () => {
    const users = (await (await h.call('get', '/api/users?unitId=A1', { cookie: countyAdmin })).json()) as { items: { _id: string; username: string }[] };
    const w = users.items.find((u) => u.username === 'worker')!;
    expect((await h.call('patch', `/api/users/${w._id}`, { cookie: countyAdmin, body: { disabled: true } })).status).toBe(200);
    expect((await h.call('get', '/api/session/me', { cookie: worker })).status).toBe(401);
  });

  it('a second server on the same store sees policy changes within the refresh interval', async () => {
    // both "servers" share the store; the second reloads when it sees a newer revision
    const { AuthzService } = await import('../../../server/authz/authz-service.js');
    const { DocumentStoreAdapter } = await import('../../../server/authz/store-adapter.js');
    const { Revision } = await import('../../../server/authz/revision.js');
    const { OrgService } = await import('../../../server/org/org-service.js');
    const store = h.server.store;
    const revision = new Revision(store);
    const org = new OrgService(store, h.server.security.audit, revision);
    await org.init();
    const other = new AuthzService(new DocumentStoreAdapter(store), org, h.server.security.audit, revision);
    await other.init({ refreshMs: 0 });
    const p = { kind: 'user' as const, id: 'x', username: 'x', displayName: 'x', unitId: 'A', subject: 'user:remote', sessionId: '' };
    expect(other.allows(p, 'audit', 'read', 'A')).toBe(false);
    await h.server.security.authz.assign('user:remote', 'auditor', 'A', { actor: { kind: 'system', id: 'test' } });
    expect(await other.refreshIfStale()).toBe(true);
    expect(other.allows(p, 'audit', 'read', 'A1')).toBe(true);
    expect(other.allows(p, 'audit', 'read', 'B')).toBe(false);
  });
});
