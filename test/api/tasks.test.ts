/**
 * The task list over HTTP on the embedded engine (durable over each available store: SQLite, the Mongo-wire one): projection of
 * user-task jobs, assignment rules, list views, and every task operation including the forbidden ones.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { loadConfig } from '../../server/config/load.js';
import { systemContext } from '../../server/identity/context.js';
import { userSubject } from '../../server/identity/principal.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { AUDIT_COLLECTION } from '../../server/audit/audit-log.js';
import { availableStores } from '../support/stores.js';

const PASSWORD = 'a-long-test-password-42';
const ctx = systemContext('test-seed');
const fixture = (name: string) => ({ name, content: readFileSync(new URL(`../fixtures/bpmn/${name}`, import.meta.url), 'utf8') });
const stores = await availableStores();

type Task = Record<string, unknown> & { _id: string; state: string; assignee: string | null; elementId: string; candidateGroups: string[]; warnings: string[] };

describe.each(stores.map((s) => [s.name, s] as const))('the task list and task operations on the embedded engine (%s)', (_name, storeDef) => {
  let server: RunningServer;
  let engine: WorkflowEngine;
  let dataDir: string;
  const ids: Record<string, string> = {};
  const cookies: Record<string, string> = {};

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: cookies[who]! };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(server.url + path, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  const ok = async <T = Task>(who: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await call(who, method, path, body);
    const json = (await res.json()) as T;
    if (res.status !== 200) throw new Error(`${method} ${path} as ${who}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const fails = async (who: string, method: string, path: string, body?: unknown) => {
    const res = await call(who, method, path, body);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    return { status: res.status, ...((await res.json()) as { code: string; detail: string }) };
  };
  const list = async (who: string, query: string) => (await ok<{ items: Task[]; nextCursor: string | null }>(who, 'get', `/api/tasks?${query}`)).items;
  const sync = () => server.tasks!.projector.sync();
  const startCase = async (process: string, caseId: string, unitId = 'A1') => {
    const inst = await engine.createInstance({ bpmnProcessId: process, variables: { caseId, unitId } });
    await sync();
    return inst.processInstanceKey;
  };
  const openTask = async (pik: string) => {
    const [t] = await server.tasks!.repo.tasks.find({ processInstanceKey: pik, state: { $in: ['open', 'delegated', 'countersigning'] } });
    return t as unknown as Task;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-tasks-'));
    const store = await storeDef.open();
    engine = createEmbeddedEngine({ persistence: store });
    await engine.start();
    const config = loadConfig({}, { port: 0, dataDir, logLevel: 'silent' });
    server = await startServer(config, { store, engine, identity: { authzRefreshMs: 0 }, logger: createLogger('silent') });
    const s = server.security;
    await s.org.create({ id: 'c', name: '某市', kind: 'city', parentId: null }, ctx);
    for (const [id, kind, parentId] of [['A', 'county', 'c'], ['B', 'county', 'c'], ['A1', 'township', 'A'], ['B1', 'township', 'B']] as const) {
      await s.org.create({ id, name: id, kind, parentId }, ctx);
    }
    const people: [string, string, string, string][] = [
      ['clerk', 'A1', 'intake_clerk', 'A1'],
      ['handler1', 'A1', 'dept_handler', 'A1'],
      ['handler2', 'A1', 'dept_handler', 'A1'],
      ['headA', 'A', 'dept_head', 'A'],
      ['dispatcher', 'A1', 'dispatcher', 'A1'],
      ['outsider', 'B1', 'dept_handler', 'B1'],
      ['headB1', 'B1', 'dept_head', 'B1'],
    ];
    for (const [username, unitId, role, roleUnit] of people) {
      const u = await s.users.create({ username, displayName: username, unitId, password: PASSWORD }, ctx);
      await s.authz.assign(userSubject(u._id), role, roleUnit, ctx);
      ids[username] = u._id;
      const res = await fetch(server.url + '/api/session/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
      cookies[username] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    await engine.deploy([fixture('tasks-case.bpmn'), fixture('tasks-orphan.bpmn'), fixture('tasks-rules.bpmn'), fixture('tasks-form.bpmn')]);
    await server.forms.forms.create({ formKey: 'task-opinion', title: '处理意见', unitId: 'c', definition: { components: [{ type: 'textfield', key: 'opinion', label: '处理意见', input: true, validate: { required: true } }] } }, ctx);
    await server.forms.forms.publish('task-opinion', ctx);
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('projects a user-task job into a task assigned by the rule role:R@case.unit, shown in my tasks', async () => {
    const pik = await startCase('tasks-case', 'CASE-1');
    const mine = await list('clerk', 'view=mine');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ processInstanceKey: pik, elementId: 'intake', title: '受理', caseId: 'CASE-1', assignee: ids.clerk, state: 'open', unitPath: '/c/A/A1/', warnings: [], dueDate: '2026-12-01T02:00:00.000Z', sla: 'ok' });
    expect(await sync()).toBe(0); // projecting again is a no-op
    expect(await server.tasks!.repo.tasks.count({ processInstanceKey: pik })).toBe(1);
  });

  it('an assignment rule that finds nobody sends the task to the unit dispatcher queue with a warning', async () => {
    const pik = await startCase('tasks-orphan', 'CASE-ORPHAN');
    const task = await openTask(pik);
    expect(task).toMatchObject({ assignee: null, candidateGroups: ['dispatcher@A1'] });
    expect(task.warnings.join(' ')).toMatch(/nobody holds mediator at A1/);
    expect((await list('dispatcher', 'view=groups')).map((t) => t._id)).toContain(task._id);
    expect(await fails('handler1', 'post', `/api/tasks/${task._id}/claim`)).toMatchObject({ status: 403, code: 'task.not_candidate' });
    expect(await ok('dispatcher', 'post', `/api/tasks/${task._id}/claim`)).toMatchObject({ assignee: ids.dispatcher });
    expect(await ok('dispatcher', 'post', `/api/tasks/${task._id}/unclaim`)).toMatchObject({ assignee: null });
  });

  it('completing someone else\'s task fails with task.not_assignee; the assignee completes and the next step opens for the group', async () => {
    const pik = await startCase('tasks-case', 'CASE-2');
    const intake = await openTask(pik);
    expect(await fails('handler1', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 403, code: 'task.not_assignee' });
    expect(await fails('outsider', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 403, code: 'http.forbidden' });
    expect(await ok('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: { note: 'ok' }, comment: '受理完毕' })).toMatchObject({ state: 'completed', completedBy: ids.clerk });
    const handle = await openTask(pik);
    expect(handle).toMatchObject({ elementId: 'handle', candidateGroups: ['dept_handler@A1'], previousTaskId: intake._id });
    expect((await list('handler2', 'view=groups')).map((t) => t._id)).toContain(handle._id);
    expect(await fails('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 409, code: 'task.invalid_state' });
  });

  it('撤回: the previous assignee pulls the case back while the next task is untouched, not after it started', async () => {
    const pik = await startCase('tasks-case', 'CASE-3');
    const intake = await openTask(pik);
    await ok('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} });
    const handle = await openTask(pik);
    expect(await fails('handler1', 'post', `/api/tasks/${handle._id}/withdraw`, { reason: '不是我' })).toMatchObject({ status: 403, code: 'task.not_assignee' });
    expect(await ok('clerk', 'post', `/api/tasks/${handle._id}/withdraw`, { reason: '材料漏传' })).toMatchObject({ state: 'withdrawn' });
    const back = await openTask(pik);
    expect(back).toMatchObject({ elementId: 'intake', assignee: ids.clerk, state: 'open' });
    // again, but this time the next step is claimed first
    await ok('clerk', 'post', `/api/tasks/${back._id}/complete`, { variables: {} });
    const handle2 = await openTask(pik);
    await ok('handler1', 'post', `/api/tasks/${handle2._id}/claim`);
    const refused = await fails('clerk', 'post', `/api/tasks/${handle2._id}/withdraw`, { reason: '太晚了' });
    expect(refused).toMatchObject({ status: 409, code: 'task.invalid_state' });
    expect(refused.detail).toMatch(/already been started/);
  });

  it('退回 to an earlier step that ran re-opens it; to a step that never ran fails with task.invalid_target', async () => {
    const pik = await startCase('tasks-case', 'CASE-4');
    await ok('clerk', 'post', `/api/tasks/${(await openTask(pik))._id}/complete`, { variables: {} });
    const handle = await openTask(pik);
    await ok('handler1', 'post', `/api/tasks/${handle._id}/claim`);
    expect(await fails('handler1', 'post', `/api/tasks/${handle._id}/return`, { elementId: 'approve', reason: '?' })).toMatchObject({ status: 422, code: 'task.invalid_target' });
    expect(await ok('handler1', 'post', `/api/tasks/${handle._id}/return`, { elementId: 'intake', reason: '地址不全' })).toMatchObject({ state: 'returned' });
    expect(await openTask(pik)).toMatchObject({ elementId: 'intake', assignee: ids.clerk });
    const audit = await server.store.collection(AUDIT_COLLECTION).find({ action: 'task.return', 'object.id': handle._id });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0])).toContain('地址不全');
    expect(audit[0]).toMatchObject({ actor: { kind: 'user', id: ids.handler1 }, caseId: 'CASE-4' });
  });

  it('转办 to another user; 委派 returns to the delegator for confirmation; the leader:up rule assigns the next step', async () => {
    const pik = await startCase('tasks-case', 'CASE-5');
    await ok('clerk', 'post', `/api/tasks/${(await openTask(pik))._id}/complete`, { variables: {} });
    const handle = await openTask(pik);
    await ok('handler1', 'post', `/api/tasks/${handle._id}/claim`);
    expect(await ok('handler1', 'post', `/api/tasks/${handle._id}/transfer`, { userId: ids.handler2, reason: '请假' })).toMatchObject({ assignee: ids.handler2 });
    expect(await fails('handler2', 'post', `/api/tasks/${handle._id}/transfer`, { userId: 'nobody', reason: 'x' })).toMatchObject({ status: 422, code: 'task.invalid_target' });
    expect(await ok('handler2', 'post', `/api/tasks/${handle._id}/delegate`, { userId: ids.handler1, reason: '请协助' })).toMatchObject({ state: 'delegated', assignee: ids.handler1, delegatedBy: ids.handler2 });
    expect(await ok('handler1', 'post', `/api/tasks/${handle._id}/complete`, { variables: { finding: '已核实' } })).toMatchObject({ state: 'open', assignee: ids.handler2, pendingVariables: { finding: '已核实' } });
    await ok('handler2', 'post', `/api/tasks/${handle._id}/complete`, { variables: { confirmed: true } });
    expect(await openTask(pik)).toMatchObject({ elementId: 'approve', assignee: ids.headA });
  });

  it('加签 after: the task completes only when the added signer has signed', async () => {
    const pik = await startCase('tasks-case', 'CASE-6');
    const intake = await openTask(pik);
    await ok('clerk', 'post', `/api/tasks/${intake._id}/countersign`, { userIds: [ids.dispatcher], position: 'after', reason: '需值班长会签' });
    expect(await ok('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ state: 'countersigning' });
    expect((await openTask(pik))._id).toBe(intake._id); // the engine has not moved on
    expect(await fails('handler1', 'post', `/api/tasks/${intake._id}/sign`, { comment: 'x' })).toMatchObject({ status: 403, code: 'task.not_assignee' });
    expect(await ok('dispatcher', 'post', `/api/tasks/${intake._id}/sign`, { comment: '同意' })).toMatchObject({ state: 'completed' });
    expect(await openTask(pik)).toMatchObject({ elementId: 'handle' });
  });

  it('加签 before: the assignee cannot complete until the signer has signed', async () => {
    const pik = await startCase('tasks-case', 'CASE-7');
    const intake = await openTask(pik);
    await ok('clerk', 'post', `/api/tasks/${intake._id}/countersign`, { userIds: [ids.dispatcher], position: 'before', reason: '先会签' });
    expect(await fails('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 409, code: 'task.invalid_state' });
    await ok('dispatcher', 'post', `/api/tasks/${intake._id}/sign`, { comment: '同意' });
    expect(await ok('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ state: 'completed' });
  });

  it('抄送 and 催办 land in the inboxes; cc\'d users read the task but may not operate on it', async () => {
    const pik = await startCase('tasks-case', 'CASE-8');
    const intake = await openTask(pik);
    await ok('dispatcher', 'post', `/api/tasks/${intake._id}/cc`, { userIds: [ids.outsider], note: '知悉' });
    expect((await list('outsider', 'view=cc')).map((t) => t._id)).toEqual([intake._id]);
    expect(await ok('outsider', 'get', `/api/tasks/${intake._id}`)).toMatchObject({ _id: intake._id });
    expect(await fails('outsider', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 403 });
    await ok('dispatcher', 'post', `/api/tasks/${intake._id}/urge`, { message: '今天办结' });
    const inbox = await ok<{ items: { kind: string; message: string; taskId: string }[] }>('clerk', 'get', '/api/tasks/notifications');
    expect(inbox.items[0]).toMatchObject({ kind: 'urge', taskId: intake._id, message: expect.stringContaining('今天办结') });
    expect((await ok<{ items: { kind: string }[] }>('outsider', 'get', '/api/tasks/notifications')).items.map((n) => n.kind)).toEqual(['cc']);
  });

  it('延期申请 approved by the dept head moves the due date; a handler may not approve', async () => {
    const pik = await startCase('tasks-case', 'CASE-9');
    const intake = await openTask(pik);
    await ok('clerk', 'post', `/api/tasks/${intake._id}/extension`, { days: 4, reason: '等待鉴定' });
    expect(await fails('clerk', 'post', `/api/tasks/${intake._id}/extension`, { days: 3, reason: 'again' })).toMatchObject({ status: 409, code: 'task.invalid_state' });
    expect(await fails('handler1', 'post', `/api/tasks/${intake._id}/extension/decide`, { approve: true })).toMatchObject({ status: 403 });
    const approved = await ok('headA', 'post', `/api/tasks/${intake._id}/extension/decide`, { approve: true, reason: '同意' });
    // due Tue 2026-12-01; 4 working days skip the weekend and end at close of business, Mon 12-07 17:30 (+08:00)
    expect(approved).toMatchObject({ extension: { state: 'approved', decidedBy: ids.headA }, dueDate: '2026-12-07T09:30:00.000Z' });
  });

  it('挂起: no operation on a suspended case\'s tasks until 恢复', async () => {
    const pik = await startCase('tasks-case', 'CASE-10');
    const intake = await openTask(pik);
    expect(await fails('clerk', 'post', `/api/task-cases/${pik}/suspend`, { reason: '当事人失联' })).toMatchObject({ status: 403 });
    expect(await ok<{ tasks: number }>('dispatcher', 'post', `/api/task-cases/${pik}/suspend`, { reason: '当事人失联' })).toEqual({ tasks: 1 });
    expect(await fails('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ status: 409, code: 'task.suspended' });
    expect(await fails('dispatcher', 'post', `/api/task-cases/${pik}/suspend`, { reason: 'again' })).toMatchObject({ status: 409, code: 'task.invalid_state' });
    await ok('dispatcher', 'post', `/api/task-cases/${pik}/resume`, { reason: '已联系' });
    expect(await ok('clerk', 'post', `/api/tasks/${intake._id}/complete`, { variables: {} })).toMatchObject({ state: 'completed' });
  });

  it('rules head:dispatched-dept and starter-unit-head; several candidate groups (FEEL list) reach every group', async () => {
    const inst = await engine.createInstance({ bpmnProcessId: 'tasks-rules', variables: { caseId: 'CASE-R', unitId: 'A1', dispatchedDeptId: 'B1', starterId: ids.headA } });
    await sync();
    const pik = inst.processInstanceKey;
    const first = await openTask(pik);
    expect(first).toMatchObject({ elementId: 'deptHead', assignee: ids.headB1, warnings: [] });
    await ok('headB1', 'post', `/api/tasks/${first._id}/complete`, { variables: {} });
    const second = await openTask(pik);
    expect(second).toMatchObject({ elementId: 'starterHead', assignee: ids.headA });
    await ok('headA', 'post', `/api/tasks/${second._id}/complete`, { variables: {} });
    const joint = await openTask(pik);
    expect(joint.candidateGroups).toEqual(['dispatcher@A1', 'dept_handler@B1']);
    expect((await list('dispatcher', 'view=groups')).map((t) => t._id)).toContain(joint._id);
    expect((await list('outsider', 'view=groups')).map((t) => t._id)).toContain(joint._id);
    expect((await list('handler1', 'view=groups')).map((t) => t._id)).not.toContain(joint._id);
    expect(await ok('outsider', 'post', `/api/tasks/${joint._id}/claim`)).toMatchObject({ assignee: ids.outsider });
  });

  it('SLA state: past the due date a task is breached and the sla filter finds it', async () => {
    const pik = await startCase('tasks-case', 'CASE-SLA');
    const intake = await openTask(pik);
    expect(intake.sla).toBe('ok');
    await server.tasks!.projector.refreshSla(new Date('2026-12-01T02:00:01Z'));
    expect(await ok('clerk', 'get', `/api/tasks/${intake._id}`)).toMatchObject({ sla: 'breached' });
    expect((await list('clerk', 'view=mine&sla=breached')).map((t) => t._id)).toContain(intake._id);
    expect((await list('clerk', 'view=mine&sla=ok')).map((t) => t._id)).not.toContain(intake._id);
  });

  it('completing a task with a form validates the submission: invalid answers 422 and changes nothing', async () => {
    const pik = await startCase('tasks-form', 'CASE-FORM');
    const task = await openTask(pik);
    expect(task.formKey).toBe('task-opinion');
    expect(await fails('clerk', 'post', `/api/tasks/${task._id}/complete`, { variables: {} })).toMatchObject({ status: 422, code: 'form.submission_invalid' });
    expect(await openTask(pik)).toMatchObject({ _id: task._id, state: 'open' });
    expect(await ok('clerk', 'post', `/api/tasks/${task._id}/complete`, { variables: { opinion: '同意' } })).toMatchObject({ state: 'completed' });
    const vars = await engine.records({ processInstanceKey: pik, valueType: 'VARIABLE' });
    expect(vars.some((r) => r.value.name === 'opinion')).toBe(true);
  });

  it('scope view: a county head sees the open tasks of its subtree, filtered by text and paged by cursor', async () => {
    const scope = await list('headA', 'view=scope&limit=200');
    expect(scope.length).toBeGreaterThan(3);
    expect(scope.every((t) => String(t.unitPath).startsWith('/c/A/'))).toBe(true);
    expect(await list('outsider', 'view=scope')).toEqual([]);
    const byText = await list('headA', 'view=scope&text=case-1');
    expect(byText.length).toBeGreaterThan(0);
    expect(byText.every((t) => String(t.caseId).toLowerCase().startsWith('case-1'))).toBe(true);
    const first = await ok<{ items: Task[]; nextCursor: string }>('headA', 'get', '/api/tasks?view=scope&limit=2&sort=createdAt&order=desc');
    expect(first.items).toHaveLength(2);
    const second = await ok<{ items: Task[] }>('headA', 'get', `/api/tasks?view=scope&limit=2&sort=createdAt&order=desc&cursor=${encodeURIComponent(first.nextCursor)}`);
    expect(second.items.map((t) => t._id)).not.toContain(first.items[0]!._id);
  });
});
