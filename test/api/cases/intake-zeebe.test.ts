/**
 * The case lifecycle on a real Zeebe 8.5 broker through HTTP: intake starts the bound process, the built-in
 * `gongzhi-case` worker moves the case (jobs are all the server sees of Zeebe in production), the citizen's
 * dissatisfaction is published as a message that reopens handling.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { acquireZeebe, zeebeSkipReason } from '../../setup/zeebe.js';
import { availableStores } from '../../support/stores.js';
import { startHarness, type Harness } from '../security/harness.js';
import { caseProcessXml } from './case-bpmn.js';

const skipReason = await zeebeSkipReason();
const describeWithZeebe = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`cases on Zeebe skipped: ${skipReason}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type CaseView = { id: string; trackingNumber: string; status: string; reworkCount: number; reopenCount: number; closedAt?: string };

describeWithZeebe('cases on a real Zeebe broker', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let h: Harness;
  const cookies: Record<string, string> = {};
  // a broker may outlive one test file: a fresh process id per run
  const processId = `case-test-${Date.now().toString(36)}`;

  const getCase = async (id: string) => (await (await h.call('get', `/api/cases/${id}`, { cookie: cookies.dispatcher })).json()) as CaseView;
  const waitFor = async (id: string, ok: (c: CaseView) => boolean): Promise<CaseView> => {
    for (let i = 0; i < 120; i++) {
      const c = await getCase(id);
      if (ok(c)) return c;
      await sleep(250);
    }
    throw new Error(`case ${id} never reached the expected state: ${JSON.stringify(await getCase(id))}`);
  };
  const finishWork = async (caseId: string) => {
    const engine = h.server.engine.engine;
    for (let i = 0; i < 60; i++) {
      const jobs = await engine.activateJobs({ type: 'test-work', worker: 'dept', maxJobsToActivate: 10, timeout: 30_000 });
      const mine = jobs.filter((j) => j.variables.caseId === caseId);
      for (const j of jobs) await (mine.includes(j) ? engine.completeJob(j.key, {}) : engine.failJob({ jobKey: j.key, retries: j.retries, retryBackOff: 0 }));
      if (mine.length) return;
      await sleep(250);
    }
    throw new Error('no work job');
  };

  beforeAll(async () => {
    broker = await acquireZeebe();
    const [sqlite] = await availableStores();
    h = await startHarness(await sqlite!.open(), {}, {
      engine: 'zeebe',
      zeebeAddress: broker.gatewayAddress,
      zeebeManagementAddress: broker.managementAddress || undefined,
      zeebeRecordsFile: broker.recordsFile || undefined,
    });
    for (const [name, role] of [['admin', 'admin'], ['dispatcher', 'dispatcher'], ['clerk', 'intake_clerk']] as const) {
      await h.user(`u_${name}`, 'A', role);
      cookies[name] = await h.login(`u_${name}`);
    }
    expect((await h.call('post', '/api/definitions', { cookie: cookies.admin, body: { name: `${processId}.bpmn`, xml: caseProcessXml(processId), scopeUnitId: 'A' } })).status).toBe(201);
    expect((await h.call('put', '/api/intake/bindings', { cookie: cookies.admin, body: { unitId: 'A', channel: 'hotline', bpmnProcessId: processId } })).status).toBe(200);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await broker?.release();
  }, 60_000);

  it('a hotline case is filed, dispatched, closed, reopened by the citizen’s dissatisfaction and reworked once', async () => {
    const res = await h.call('post', '/api/intake/hotline', { cookie: cookies.clerk, body: { unitId: 'A1', category: { kind: 'event', major: '市容环境', minor: '噪音' }, title: '夜间施工', reporter: { phone: '13712345678' } } });
    expect(res.status).toBe(201);
    const c = (await res.json()) as CaseView;
    await waitFor(c.id, (x) => x.status === 'dispatched');
    await finishWork(c.id);
    await waitFor(c.id, (x) => x.status === 'closed');
    const unhappy = await h.call('post', `/api/public/cases/${c.trackingNumber}/satisfaction`, { body: { phone: '5678', score: 2 } });
    expect(await unhappy.json()).toMatchObject({ reopened: true });
    const reworked = await waitFor(c.id, (x) => x.reworkCount === 1);
    expect(reworked.reopenCount).toBe(1);
    await finishWork(c.id);
    const closed = await waitFor(c.id, (x) => x.status === 'closed');
    expect(closed).toMatchObject({ reworkCount: 1, reopenCount: 1 });
  }, 120_000);
});
