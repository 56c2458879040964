/**
 * End to end on a REAL Zeebe 8.5 broker, through the server's HTTP API with ENGINE=zeebe: an urban-management case
 * (一级监督、二级指挥、三级处理) goes from intake to closure — verify → file → dispatch → handle → check, with one
 * rework loop (返工) — each step claimed and completed by a user holding the step's role in the case's unit; and a
 * second case moved back by 撤回 and 退回 (Zeebe's ModifyProcessInstance: terminate the task, activate the step).
 * Only HTTP is used to drive and observe it: the server's own task projector must bring each step into the inbox.
 * The case is started through /api/instances; the multi-channel intake API arrives with issue #7.
 * Runtime on the 2-core dev machine: ~3 s per case once the broker is up (the broker starts in ~6–25 s).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { AUDIT_COLLECTION } from '../../server/audit/audit-log.js';
import { acquireZeebe, zeebeSkipReason } from '../setup/zeebe.js';
import { availableStores } from '../support/stores.js';
import { startHarness, type Harness } from '../api/security/harness.js';

const skipReason = await zeebeSkipReason();
const describeWithZeebe = skipReason ? describe.skip : describe;
/** The broker is shared with other suites and runs: a process id unique to this run. */
const processId = `urban_case_e2e_${Date.now().toString(36)}`;
const xml = readFileSync(new URL('../fixtures/bpmn/urban-case-e2e.bpmn', import.meta.url), 'utf8').replaceAll('urban_case_e2e', processId);
/** Generous for a 2-core CI machine; a step's task normally shows within about a second. */
const STEP_WAIT_MS = 60_000;

type Task = { _id: string; elementId: string; state: string; processInstanceKey: string };
type HistoryRecord = { elementId?: string; intent: string; valueType: string };

describeWithZeebe('an urban-management case from intake to closure on Zeebe, through HTTP', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let h: Harness;
  const cookie: Record<string, string> = {};

  beforeAll(async () => {
    broker = await acquireZeebe();
    const [sqlite] = await availableStores();
    h = await startHarness(await sqlite!.open(), {}, {
      engine: 'zeebe',
      zeebeAddress: broker.gatewayAddress,
      zeebeManagementAddress: broker.managementAddress || undefined,
      zeebeRecordsFile: broker.recordsFile || undefined,
    });
    for (const [username, role] of [
      ['admin', 'admin'], ['supervisor', 'field_supervisor'], ['clerk', 'intake_clerk'], ['dispatcher', 'dispatcher'], ['handler', 'dept_handler'],
    ] as const) {
      await h.user(username, 'A1', role);
      cookie[username] = await h.login(username);
    }
  }, 320_000);

  afterAll(async () => {
    await h?.close();
    await broker?.release();
  }, 60_000);

  const call = async <T>(who: string, method: string, path: string, body?: unknown, expected = 200): Promise<T> => {
    const res = await h.call(method, path, { cookie: cookie[who], body });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path} as ${who}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  /**
   * Zeebe is asynchronous: poll the user's group inbox over HTTP (bounded) until the step's task shows. Nothing
   * nudges the projector: the server's own polling must bring the task in.
   */
  async function taskFor(who: string, pik: string, elementId: string): Promise<Task> {
    for (const deadline = Date.now() + STEP_WAIT_MS; Date.now() < deadline; ) {
      const { items } = await call<{ items: Task[] }>(who, 'get', `/api/tasks?view=groups&elementId=${elementId}&limit=200`);
      const task = items.find((t) => t.processInstanceKey === pik && t.state === 'open');
      if (task) return task;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`no open task ${elementId} for ${who} within ${STEP_WAIT_MS} ms`);
  }

  async function work(who: string, pik: string, elementId: string, variables: Record<string, unknown>): Promise<void> {
    const task = await taskFor(who, pik, elementId);
    await call(who, 'post', `/api/tasks/${task._id}/claim`);
    await call(who, 'post', `/api/tasks/${task._id}/complete`, { variables, comment: `${elementId} done` });
  }

  async function deployOnce(): Promise<void> {
    const res = await h.call('post', '/api/definitions', { cookie: cookie.admin, body: { name: `${processId}.bpmn`, xml, scopeUnitId: 'A1' } });
    // the second scenario finds the definition deployed by the first (identical content keeps its version)
    if (res.status !== 201 && res.status !== 200) throw new Error(`deploy: ${res.status} ${await res.text()}`);
  }

  async function startCase(caseId: string): Promise<string> {
    await deployOnce();
    const { key } = await call<{ key: string }>('admin', 'post', '/api/instances',
      { bpmnProcessId: processId, unitId: 'A1', variables: { caseId, unitId: 'A1', category: '市容环境/暴露垃圾' } }, 201);
    return key;
  }

  async function untilCompleted(pik: string): Promise<string> {
    let state = '';
    for (const deadline = Date.now() + STEP_WAIT_MS; state !== 'COMPLETED' && Date.now() < deadline; ) {
      state = (await call<{ state: string }>('admin', 'get', `/api/instances/${pik}`)).state;
      if (state !== 'COMPLETED') await new Promise((r) => setTimeout(r, 250));
    }
    return state;
  }

  /** The user-task and end-event elements the broker completed (or terminated), in the order it did. */
  async function path(pik: string, intent: 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATED'): Promise<string[]> {
    const records: HistoryRecord[] = [];
    for (let from: number | undefined = 0; from !== undefined; ) {
      const page: { items: HistoryRecord[]; nextPosition?: number } = await call('admin', 'get', `/api/instances/${pik}/history?limit=500&fromPosition=${from}`);
      records.push(...page.items);
      from = page.nextPosition;
    }
    return records
      .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === intent && r.elementId && /^(verify|file|dispatch|handle|check|closed|rejected)$/.test(r.elementId))
      .map((r) => r.elementId!);
  }

  async function auditActions(pik: string): Promise<string[]> {
    const audit = await h.server.store.collection(AUDIT_COLLECTION).find({ instanceId: pik });
    return audit.map((e) => e.action as string);
  }

  const count = (list: string[], item: string): number => list.filter((x) => x === item).length;

  it('closes after one rework loop; the history shows the path and the audit log every command', async () => {
    expect(h.server.engine.engine.kind).toBe('zeebe');
    const pik = await startCase(`CASE-${processId}-rework`);

    await work('supervisor', pik, 'verify', { verified: true });
    await work('clerk', pik, 'file', { filed: true });
    await work('dispatcher', pik, 'dispatch', { department: 'A1_d' });
    await work('handler', pik, 'handle', { result: '已清理' });
    await work('supervisor', pik, 'check', { passed: false });
    await work('handler', pik, 'handle', { result: '已彻底清理' });
    await work('supervisor', pik, 'check', { passed: true });

    expect(await untilCompleted(pik)).toBe('COMPLETED');
    expect(await path(pik, 'ELEMENT_COMPLETED')).toEqual(['verify', 'file', 'dispatch', 'handle', 'check', 'handle', 'check', 'closed']);
    const actions = await auditActions(pik);
    expect(actions).toContain('engine.instance.start');
    expect(count(actions, 'task.claim')).toBe(7);
    expect(count(actions, 'task.complete.job')).toBe(7);
  }, 240_000);

  it('撤回 and 退回 move the case back on Zeebe (instance modification) and it still closes', async () => {
    const pik = await startCase(`CASE-${processId}-back`);
    await work('supervisor', pik, 'verify', { verified: true });
    await work('clerk', pik, 'file', { filed: true });
    await work('dispatcher', pik, 'dispatch', { department: 'A1_d' });

    // 撤回: the dispatcher pulls the untouched handling task back to dispatch
    const untouched = await taskFor('handler', pik, 'handle');
    const withdrawn = await call<{ state: string }>('dispatcher', 'post', `/api/tasks/${untouched._id}/withdraw`, { reason: '派错部门' });
    expect(withdrawn.state).toBe('withdrawn');
    await work('dispatcher', pik, 'dispatch', { department: 'A1_d' });

    // 退回: the handler claims the task and returns the case to dispatch
    const claimed = await taskFor('handler', pik, 'handle');
    await call('handler', 'post', `/api/tasks/${claimed._id}/claim`);
    const returned = await call<{ state: string }>('handler', 'post', `/api/tasks/${claimed._id}/return`, { elementId: 'dispatch', reason: '不属本部门职责' });
    expect(returned.state).toBe('returned');
    await work('dispatcher', pik, 'dispatch', { department: 'A1_d' });

    await work('handler', pik, 'handle', { result: '已清理' });
    await work('supervisor', pik, 'check', { passed: true });

    expect(await untilCompleted(pik)).toBe('COMPLETED');
    expect(await path(pik, 'ELEMENT_COMPLETED')).toEqual(['verify', 'file', 'dispatch', 'dispatch', 'dispatch', 'handle', 'check', 'closed']);
    expect(await path(pik, 'ELEMENT_TERMINATED')).toEqual(['handle', 'handle']);
    const actions = await auditActions(pik);
    expect(count(actions, 'task.withdraw')).toBe(1);
    expect(count(actions, 'task.return')).toBe(1);
    expect(count(actions, 'task.complete.job')).toBe(7);
  }, 240_000);

  it('the task projector keeps at most one activation pass queued, however often it is asked to sync', async () => {
    // Regression: every sync() used to queue its own pass; on Zeebe each pass long-polls the gateway for about a
    // second, longer than the server's poll interval, so the queue grew by a pass per second and new tasks reached
    // the inboxes minutes late (the reason this suite once timed out).
    const projector = h.server.tasks!.projector;
    const calls = Array.from({ length: 10 }, () => projector.sync());
    expect(new Set(calls.slice(1)).size).toBe(1);
    await Promise.all(calls);
  }, 60_000);
});
