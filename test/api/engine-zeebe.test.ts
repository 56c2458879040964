/**
 * The server with ENGINE=zeebe against a real Zeebe 8.5 broker, through HTTP: deploy, start, a service job
 * completed by a worker, and the instance seen completing (from the broker's exported records).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { acquireZeebe, zeebeSkipReason } from '../setup/zeebe.js';
import { availableStores } from '../support/stores.js';
import { startHarness, type Harness } from './security/harness.js';
import { triageXml } from './engine-bpmn.js';

const skipReason = await zeebeSkipReason();
const describeWithZeebe = skipReason ? describe.skip : describe;
/** The broker may be shared with other suites and runs: process id and job type unique to this run. */
const run = Date.now().toString(36);
const processId = `triage_${run}`;
const jobType = `review_${run}`;

describeWithZeebe('server with ENGINE=zeebe on a real broker', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let h: Harness;
  let admin: string;

  beforeAll(async () => {
    broker = await acquireZeebe();
    const [sqlite] = await availableStores();
    h = await startHarness(await sqlite!.open(), {}, {
      engine: 'zeebe',
      zeebeAddress: broker.gatewayAddress,
      zeebeManagementAddress: broker.managementAddress || undefined,
      zeebeRecordsFile: broker.recordsFile || undefined,
    });
    await h.user('county_admin', 'A', 'admin');
    admin = await h.login('county_admin');
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await broker?.release();
  }, 60_000);

  it('runs a Zeebe engine, deploys, starts, and sees the instance complete after its service job', async () => {
    expect(h.server.engine.engine.kind).toBe('zeebe');
    const ready = (await (await h.call('get', '/readyz')).json()) as { checks: { name: string; ok: boolean }[] };
    expect(ready.checks).toContainEqual({ name: 'engine', ok: true });

    const deployed = await h.call('post', '/api/definitions', { cookie: admin, body: { name: processId, xml: triageXml(processId, jobType), scopeUnitId: 'A' } });
    expect(deployed.status).toBe(201);
    const started = await h.call('post', '/api/instances', { cookie: admin, body: { bpmnProcessId: processId, variables: { amount: 3 }, unitId: 'A1' } });
    expect(started.status).toBe(201);
    const { key } = (await started.json()) as { key: string };

    const engine = h.server.engine.engine;
    let completed = 0;
    for (const deadline = Date.now() + 30_000; completed === 0 && Date.now() < deadline; ) {
      for (const job of await engine.activateJobs({ type: jobType, worker: 'engine-zeebe-test', maxJobsToActivate: 1, timeout: 30_000 })) {
        expect(job.processInstanceKey).toBe(key);
        await engine.completeJob(job.key);
        completed++;
      }
    }
    expect(completed).toBe(1);

    let state = '';
    for (const deadline = Date.now() + 30_000; state !== 'COMPLETED' && Date.now() < deadline; ) {
      state = ((await (await h.call('get', `/api/instances/${key}`, { cookie: admin })).json()) as { state: string }).state;
      if (state !== 'COMPLETED') await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe('COMPLETED');
    const history = (await (await h.call('get', `/api/instances/${key}/history?limit=500`, { cookie: admin })).json()) as { items: { elementId?: string; intent: string }[] };
    expect(history.items.some((r) => r.elementId === 'end_small' && r.intent === 'ELEMENT_COMPLETED')).toBe(true);
  }, 120_000);
});
