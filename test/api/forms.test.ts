import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { availableStores } from '../support/stores.js';
import { problem, startHarness, type Harness } from './security/harness.js';
import { AUDIT_COLLECTION } from '../../server/audit/index.js';

const stores = await availableStores();
const fixture = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../fixtures/forms/${name}.json`, import.meta.url), 'utf8')) as { form: { components: unknown[] } }).form;

describe.each(stores.map((s) => [s.name, s] as const))('form registry API on %s', (_name, storeDef) => {
  let h: Harness;
  let countyAdmin: string;
  let otherAdmin: string;
  let worker: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('county_admin', 'A', 'admin');
    await h.user('other_admin', 'B', 'admin');
    await h.user('worker', 'A1', 'grid_worker');
    countyAdmin = await h.login('county_admin');
    otherAdmin = await h.login('other_admin');
    worker = await h.login('worker');
  }, 60_000);
  afterAll(async () => h?.close());

  const json = async <T>(res: Response) => (await res.json()) as T;

  it('given a draft, when published twice with an edit between, then there are two immutable versions with their own hashes', async () => {
    const created = await h.call('post', '/api/forms', { cookie: countyAdmin, body: { formKey: 'resident', title: '居民登记', unitId: 'A', definition: fixture('resident-registration') } });
    expect(created.status).toBe(201);
    const v1 = await json<{ version: number; hash: string }>(await h.call('post', '/api/forms/resident/publish', { cookie: countyAdmin }));
    expect(v1.version).toBe(1);

    const edited = fixture('resident-registration');
    edited.components.push({ type: 'textfield', key: 'note', label: '备注', input: true });
    const draft = await h.call('put', '/api/forms/resident/draft', { cookie: countyAdmin, body: { definition: edited } });
    expect(draft.status).toBe(200);
    expect((await json<{ problems: unknown[] }>(draft)).problems).toEqual([]);
    const v2 = await json<{ version: number; hash: string }>(await h.call('post', '/api/forms/resident/publish', { cookie: countyAdmin }));
    expect(v2.version).toBe(2);
    expect(v2.hash).not.toBe(v1.hash);

    const versions = await json<{ items: { version: number }[] }>(await h.call('get', '/api/forms/resident/versions', { cookie: countyAdmin }));
    expect(versions.items.map((v) => v.version)).toEqual([2, 1]);
    const first = await json<{ definition: { components: { key: string }[] } }>(await h.call('get', '/api/forms/resident/versions/1', { cookie: countyAdmin }));
    expect(first.definition.components.map((c) => c.key)).not.toContain('note');
  });

  it('given an invalid submission, when validated, then 422 lists per-field errors and nothing is written', async () => {
    const auditBefore = await h.server.store.collection(AUDIT_COLLECTION).count();
    const versionsBefore = await h.server.store.collection('form_versions').count();
    const res = await h.call('post', '/api/forms/resident/validate', { cookie: countyAdmin, body: { data: { name: '张三', mobile: '02012345678', age: 200 } } });
    const body = await problem(res);
    expect([body.status, body.code, body.contentType]).toEqual([422, 'form.submission_invalid', expect.stringContaining('application/problem+json')]);
    const errors = (body as unknown as { errors: { path: string; rule: string; message: string }[] }).errors;
    expect(errors.map((e) => [e.path, e.rule]).sort()).toEqual([['age', 'max'], ['mobile', 'pattern']]);
    expect(errors.find((e) => e.path === 'mobile')!.message).toContain('手机号');
    expect(await h.server.store.collection(AUDIT_COLLECTION).count()).toBe(auditBefore);
    expect(await h.server.store.collection('form_versions').count()).toBe(versionsBefore);
  });

  it('given a valid submission, then 200 with the normalised data of the latest or a pinned version', async () => {
    const data = { name: '张三', mobile: '13812345678', note: '无', extra: 'x' };
    const latest = await json<{ version: number; data: Record<string, unknown> }>(await h.call('post', '/api/forms/resident/validate', { cookie: countyAdmin, body: { data } }));
    expect(latest.version).toBe(2);
    expect(latest.data).toMatchObject({ name: '张三', mobile: '13812345678', note: '无' });
    expect(latest.data).not.toHaveProperty('extra');
    const pinned = await json<{ version: number; data: Record<string, unknown> }>(await h.call('post', '/api/forms/resident/validate', { cookie: countyAdmin, body: { data, version: 1 } }));
    expect(pinned.version).toBe(1);
    expect(pinned.data).not.toHaveProperty('note');
  });

  it('given step permissions, when a read-only field is changed, then 422 names it', async () => {
    const res = await h.call('post', '/api/forms/resident/validate', {
      cookie: countyAdmin,
      body: { data: { name: '李四', mobile: '13812345678' }, stepPermissions: { name: 'readonly' }, current: { name: '张三' } },
    });
    const body = (await problem(res)) as unknown as { code: string; errors: { path: string; rule: string }[] };
    expect(body.code).toBe('form.submission_invalid');
    expect(body.errors.map((e) => [e.path, e.rule])).toEqual([['name', 'readonly']]);
  });

  it('given a draft with JavaScript, a JSON Logic escape, an unknown type and duplicate keys, when published, then 422 form.invalid names the components and no version is created', async () => {
    await h.call('post', '/api/forms', { cookie: countyAdmin, body: { formKey: 'evil', title: '恶意表单', unitId: 'A' } });
    const definition = {
      components: [
        { type: 'textfield', key: 'a', label: 'A', input: true, validate: { custom: 'while(true){}' } },
        { type: 'number', key: 'b', label: 'B', input: true, calculateValue: 'process.exit(1)' },
        { type: 'textfield', key: 'b', label: 'B2', input: true },
        { type: 'signature', key: 'sig', input: true },
        { type: 'textfield', key: 'c', label: 'C', input: true, calculateValue: { _invokeMap: [[{ _invoke: [{ var: '' }, 'constructor.constructor', 'process.exit(1)'] }], 'call'] } },
      ],
    };
    const saved = await h.call('put', '/api/forms/evil/draft', { cookie: countyAdmin, body: { definition } });
    expect([saved.status, saved.status === 200 ? '' : await saved.text()]).toEqual([200, '']);
    const body = (await problem(await h.call('post', '/api/forms/evil/publish', { cookie: countyAdmin }))) as unknown as { status: number; code: string; errors: { key: string; rule: string }[] };
    expect([body.status, body.code]).toEqual([422, 'form.invalid']);
    expect(body.errors.map((e) => [e.key, e.rule])).toEqual([
      ['a', 'javascript_not_allowed'],
      ['b', 'javascript_not_allowed'],
      ['b', 'duplicate_key'],
      ['sig', 'unknown_type'],
      ['c', 'jsonlogic_not_allowed'],
    ]);
    expect(await json<{ items: unknown[] }>(await h.call('get', '/api/forms/evil/versions', { cookie: countyAdmin }))).toEqual({ items: [] });
    expect((await problem(await h.call('post', '/api/forms/evil/validate', { cookie: countyAdmin, body: { data: {} } }))).code).toBe('form.not_found');
  });

  it('given forms of different units, then lists and writes are scoped to the caller’s part of the tree', async () => {
    const mine = await json<{ items: { formKey: string }[] }>(await h.call('get', '/api/forms', { cookie: countyAdmin }));
    expect(mine.items.map((f) => f.formKey)).toEqual(['evil', 'resident']);
    expect((await json<{ items: unknown[] }>(await h.call('get', '/api/forms', { cookie: otherAdmin }))).items).toEqual([]);
    expect((await h.call('post', '/api/forms/resident/publish', { cookie: otherAdmin })).status).toBe(403);
    expect((await h.call('post', '/api/forms', { cookie: worker, body: { formKey: 'w', title: 'w', unitId: 'A1' } })).status).toBe(403);
  });

  it('every write is audited with the form and its unit', async () => {
    const entries = await h.server.store.collection(AUDIT_COLLECTION).find({ 'object.type': 'form' });
    const actions = entries.map((e) => `${e.action as string} ${(e.object as { id: string }).id}`);
    expect(actions).toEqual(expect.arrayContaining(['form.create resident', 'form.publish resident', 'form.draft.save resident', 'form.create evil']));
    expect(entries.every((e) => e.unitId === 'A')).toBe(true);
  });
});
