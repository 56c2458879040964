/**
 * The engine through HTTP on the embedded engine (the server's default), durable on every available store:
 * deploy, start, history, a FEEL failure as an incident, resolve, cancel, modify, scoping, audit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../support/stores.js';
import { problem, startHarness, type Harness } from './security/harness.js';
import { AUDIT_COLLECTION } from '../../server/audit/index.js';
import { DEFINITIONS_COLLECTION } from '../../server/engine/index.js';
import { HOSTILE_XML, missingJobTypeXml, triageXml } from './engine-bpmn.js';

const stores = await availableStores();

interface InstanceBody { key: string; state: string; elements: { elementId: string; elementInstanceKey: string }[]; incidents: { incidentKey: string }[] }

describe.each(stores.map((s) => [s.name, s] as const))('engine API on %s (embedded engine)', (_name, storeDef) => {
  let h: Harness;
  let admin: string;
  let otherAdmin: string;
  let dispatcher: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('county_admin', 'A', 'admin');
    await h.user('other_admin', 'B', 'admin');
    await h.user('dispatcher', 'A1', 'dispatcher');
    admin = await h.login('county_admin');
    otherAdmin = await h.login('other_admin');
    dispatcher = await h.login('dispatcher');
  }, 60_000);
  afterAll(async () => h?.close());

  const json = async <T>(res: Response, status: number): Promise<T> => {
    const text = await res.text();
    expect([res.status, text]).toEqual([status, expect.any(String)]);
    return JSON.parse(text || 'null') as T;
  };
  const get = (path: string, cookie = admin) => h.call('get', path, { cookie });
  const instance = async (key: string, cookie = admin) => json<InstanceBody>(await get(`/api/instances/${key}`, cookie), 200);
  const completeReview = async () => {
    const jobs = await h.server.engine.engine.activateJobs({ type: 'review', worker: 'test', maxJobsToActivate: 10, timeout: 60_000 });
    for (const job of jobs) await h.server.engine.engine.completeJob(job.key);
    return jobs;
  };
  const start = async (variables: Record<string, unknown>, unitId = 'A1', cookie = dispatcher) =>
    json<{ key: string; state: string }>(await h.call('post', '/api/instances', { cookie, body: { bpmnProcessId: 'triage', variables, unitId } }), 201);

  it('given valid BPMN, when deployed twice unchanged, then one version is stored and readable', async () => {
    const first = await json<{ items: { key: string; version: number }[] }>(await h.call('post', '/api/definitions', { cookie: admin, body: { name: 'triage', xml: triageXml(), scopeUnitId: 'A' } }), 201);
    const again = await json<{ items: { key: string; version: number }[] }>(await h.call('post', '/api/definitions', { cookie: admin, body: { name: 'triage', xml: triageXml(), scopeUnitId: 'A' } }), 201);
    expect(again.items).toEqual(first.items);
    expect(first.items[0]!.version).toBe(1);
    expect(await h.server.store.collection(DEFINITIONS_COLLECTION).count({ bpmnProcessId: 'triage' })).toBe(1);
    const xml = await get(`/api/definitions/${first.items[0]!.key}/xml`);
    expect(await xml.text()).toBe(triageXml());
    const versions = await json<{ items: unknown[] }>(await get('/api/definitions/triage/versions'), 200);
    expect(versions.items).toHaveLength(1);
  });

  it('given BPMN with a service task lacking its job type, then 422 engine.deploy_invalid names the element and nothing is stored', async () => {
    const res = await h.call('post', '/api/definitions', { cookie: admin, body: { name: 'broken', xml: missingJobTypeXml(), scopeUnitId: 'A' } });
    const body = (await problem(res)) as unknown as { status: number; code: string; errors: { elementId?: string; message: string }[] };
    expect([body.status, body.code]).toEqual([422, 'engine.deploy_invalid']);
    expect(body.errors.some((e) => e.elementId === 'review')).toBe(true);
    expect(await h.server.store.collection(DEFINITIONS_COLLECTION).count({ bpmnProcessId: 'broken' })).toBe(0);
  });

  it('given XML with an entity expansion, then 422 and nothing stored', async () => {
    const body = await problem(await h.call('post', '/api/definitions', { cookie: admin, body: { name: 'lol', xml: HOSTILE_XML, scopeUnitId: 'A' } }));
    expect([body.status, body.code]).toEqual([422, 'engine.deploy_invalid']);
    expect(await h.server.store.collection(DEFINITIONS_COLLECTION).count({ bpmnProcessId: 'lol' })).toBe(0);
  });

  it('given a started instance without `amount`, when review completes, then the FEEL failure is an incident; fixed and resolved, the instance completes', async () => {
    const started = await start({ caseId: 'C-1' });
    expect((await instance(started.key)).elements.map((e) => e.elementId)).toEqual(['review']);
    expect(await completeReview()).toHaveLength(1);

    const incidents = await json<{ items: { incidentKey: string; processInstanceKey: string; elementId: string }[] }>(await get('/api/incidents'), 200);
    const incident = incidents.items.find((i) => i.processInstanceKey === started.key);
    expect(incident?.elementId).toBe('size');
    expect((await instance(started.key)).state).toBe('ACTIVE');

    const fix = await h.call('post', `/api/instances/${started.key}/variables`, { cookie: admin, body: { variables: { amount: 50 } } });
    expect(fix.status).toBe(204);
    expect((await h.call('post', `/api/incidents/${incident!.incidentKey}/resolve`, { cookie: admin, body: {} })).status).toBe(204);
    expect((await instance(started.key)).state).toBe('COMPLETED');

    const history = await json<{ items: { elementId?: string; intent: string }[] }>(await get(`/api/instances/${started.key}/history?limit=500`), 200);
    expect(history.items.some((r) => r.elementId === 'end_big' && r.intent === 'ELEMENT_COMPLETED')).toBe(true);
    const firstPage = await json<{ items: unknown[]; nextPosition?: number }>(await get(`/api/instances/${started.key}/history?limit=2`), 200);
    expect([firstPage.items.length, typeof firstPage.nextPosition]).toEqual([2, 'number']);
  });

  it('given a waiting instance, when cancelled, then its state is CANCELED', async () => {
    const started = await start({ amount: 1 });
    expect((await h.call('post', `/api/instances/${started.key}/cancel`, { cookie: admin, body: {} })).status).toBe(204);
    expect((await instance(started.key)).state).toBe('CANCELED');
  });

  it('given a waiting instance, when modified to jump past review, then it completes at the activated end', async () => {
    const started = await start({ amount: 1 });
    const [review] = (await instance(started.key)).elements;
    const res = await h.call('post', `/api/instances/${started.key}/modify`, { cookie: admin, body: { activate: [{ elementId: 'end_small' }], terminate: [review!.elementInstanceKey] } });
    expect(res.status).toBe(204);
    expect((await instance(started.key)).state).toBe('COMPLETED');
  });

  it('scoping: another county sees neither the definitions nor the instances, and cannot start them for its units', async () => {
    const started = await start({ amount: 1 });
    const defs = await json<{ items: { bpmnProcessId: string }[] }>(await get('/api/definitions', otherAdmin), 200);
    expect(defs.items.map((d) => d.bpmnProcessId)).not.toContain('triage');
    expect((await problem(await get(`/api/instances/${started.key}`, otherAdmin))).status).toBe(403);
    expect((await problem(await get('/api/definitions/triage/versions', otherAdmin))).status).toBe(403);
    const list = await json<{ items: { key: string }[] }>(await get('/api/instances', otherAdmin), 200);
    expect(list.items).toEqual([]);
    const own = await json<{ items: { key: string }[] }>(await get('/api/instances?state=ACTIVE', dispatcher), 200);
    expect(own.items.map((i) => i.key)).toContain(started.key);
    expect((await problem(await h.call('post', '/api/instances', { cookie: otherAdmin, body: { bpmnProcessId: 'triage', unitId: 'B1' } }))).status).toBe(403);
    const conflict = await problem(await h.call('post', '/api/definitions', { cookie: otherAdmin, body: { name: 'triage', xml: triageXml(), scopeUnitId: 'B' } }));
    expect([conflict.status, conflict.code]).toEqual([409, 'definition.conflict']);
  });

  it('every command is in the audit log with its instance', async () => {
    const audit = h.server.store.collection(AUDIT_COLLECTION);
    for (const action of ['engine.definition.deploy', 'engine.instance.start', 'engine.instance.cancel', 'engine.instance.modify', 'engine.incident.resolve']) {
      expect([action, (await audit.count({ action })) > 0]).toEqual([action, true]);
    }
    expect(await audit.count({ action: 'engine.instance.start', instanceId: { $exists: true } })).toBeGreaterThan(0);
  });

  it('/readyz reports the engine', async () => {
    const body = await json<{ checks: { name: string; ok: boolean }[] }>(await h.call('get', '/readyz'), 200);
    expect(body.checks).toContainEqual({ name: 'engine', ok: true });
  });
});
