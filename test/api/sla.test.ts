/**
 * SLA states with a controlled sweep clock, on the embedded engine over each available store: a task's due and
 * warning instants come from the time-limit table; sweeping at those instants moves it normal → warning →
 * overdue exactly once each, and notifies the assignee and the unit head (dept_head found up the org tree) in
 * their inboxes and through the SMS webhook (a real HTTP server on 127.0.0.1 that fails once, so the retry is
 * exercised); a WeChat gateway that is down never breaks a sweep. 督办 over HTTP; case deadlines on filing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { AUDIT_COLLECTION } from '../../server/audit/audit-log.js';
import { loadConfig } from '../../server/config/load.js';
import { systemContext } from '../../server/identity/context.js';
import { userSubject } from '../../server/identity/principal.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { availableStores } from '../support/stores.js';

const PASSWORD = 'a-long-test-password-42';
const ctx = systemContext('test-seed');
const stores = await availableStores();

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_sla" targetNamespace="https://gongzhi.example/sla">
  <bpmn:process id="sla-proc" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" name="处置">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="role:dept_handler@case.unit"/>
        <zeebe:taskHeaders><zeebe:header key="title" value="处置"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle"/>
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;

const TABLE = {
  id: 'sla-proc', name: 'SLA 测试时限表', source: 'test',
  rules: [
    { step: 'handle', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 2, clock: 'workingDays' }, warnAt: 0.8 },
    { step: 'case', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 5, clock: 'workingDays' }, warnAt: 0.8 },
  ],
};

interface Inbox { items: { _id: string; kind: string; taskId?: string; caseId?: string; readAt: string | null }[]; unread: number }

describe.each(stores.map((s) => [s.name, s] as const))('SLA states and notifications (%s)', (_name, storeDef) => {
  let server: RunningServer;
  let engine: WorkflowEngine;
  let dataDir: string;
  let gateway: Server;
  const smsReceived: Record<string, unknown>[] = [];
  let smsAnswers = 0;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let taskId = '';

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: cookies[who]! };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const inbox = async (who: string) => (await call(who, 'get', '/api/notifications')).body as unknown as Inbox;

  beforeAll(async () => {
    // the SMS gateway: the very first delivery fails with 503, every other one is accepted
    gateway = createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString('utf8')));
      req.on('end', () => {
        smsAnswers++;
        if (smsAnswers === 1) return void res.writeHead(503).end();
        smsReceived.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', () => r()));
    const smsUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-sla-'));
    const store = await storeDef.open();
    engine = createEmbeddedEngine({ persistence: store });
    await engine.start();
    const config = loadConfig({}, { port: 0, dataDir, logLevel: 'silent', slaSweepMs: 0, smsWebhookUrl: smsUrl, wechatWebhookUrl: 'http://127.0.0.1:9/down' });
    server = await startServer(config, { store, engine, identity: { authzRefreshMs: 0 }, logger: createLogger('silent') });
    const s = server.security;
    await s.org.create({ id: 'c', name: '某市', kind: 'city', parentId: null }, ctx);
    for (const [id, kind, parentId] of [['A', 'county', 'c'], ['A1', 'township', 'A']] as const) await s.org.create({ id, name: id, kind, parentId }, ctx);
    // the head sits at the county: the town A1 has none, so the walk up the tree finds A's
    for (const [name, unit, role] of [['handler', 'A1', 'dept_handler'], ['head', 'A', 'dept_head'], ['other', 'A1', 'mediator']] as const) {
      const u = await s.users.create({ username: name, displayName: name, unitId: unit, password: PASSWORD }, ctx);
      ids[name] = u._id;
      await s.authz.assign(userSubject(u._id), role, unit, ctx);
      const res = await fetch(`${server.url}/api/session/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: PASSWORD }) });
      cookies[name] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    await server.timeLimits.load(TABLE, 'c');
    await engine.deploy([{ name: 'sla-proc.bpmn', content: BPMN }]);
    const inst = await engine.createInstance({ bpmnProcessId: 'sla-proc', variables: { caseId: 'case-sla-1', unitId: 'A1', title: '井盖缺失' } });
    await server.tasks.projector.sync();
    taskId = (await server.tasks.repo.tasks.findOne({ processInstanceKey: inst.processInstanceKey }))!._id;
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await server?.close();
    await new Promise((r) => gateway?.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a new task, then it is normal with due and warning instants from the table', async () => {
    const task = (await server.tasks.repo.tasks.findOne({ _id: taskId }))!;
    expect(task.assignee).toBe(ids.handler);
    expect(task.slaState).toBeUndefined(); // normal
    expect(task.followUpDate! < task.dueDate!).toBe(true);
    expect((await server.sla.sweeper.sweep(new Date(Date.parse(task.followUpDate!) - 60_000))).warning).toEqual([]);
  });

  it('given the warning instant, when swept (twice), then it turns warning once and the assignee and head are told in-app and by SMS', async () => {
    const task = (await server.tasks.repo.tasks.findOne({ _id: taskId }))!;
    const first = await server.sla.sweeper.sweep(new Date(task.followUpDate!));
    expect(first).toEqual({ warning: [`task:${taskId}`], overdue: [] });
    expect(await server.sla.sweeper.sweep(new Date(task.followUpDate!))).toEqual({ warning: [], overdue: [] });
    expect((await server.tasks.repo.tasks.findOne({ _id: taskId }))!.slaState).toBe('warning');
    for (const who of ['handler', 'head']) {
      const box = await inbox(who);
      expect(box).toMatchObject({ unread: 1, items: [{ kind: 'sla.warning', taskId, caseId: 'case-sla-1', readAt: null }] });
    }
    expect((await inbox('other')).unread).toBe(0);
    // two recipients reached by SMS; the gateway's first 503 was retried, so it answered three times
    expect(smsReceived.map((m) => [m.channel, m.recipientId, m.kind]).sort()).toEqual([['sms', ids.head, 'sla.warning'], ['sms', ids.handler, 'sla.warning']].sort());
    expect(smsAnswers).toBe(3);
  }, 30_000);

  it('given the due instant passed, when swept, then it is overdue, and only a supervisor may put it under 督办 — once', async () => {
    const task = (await server.tasks.repo.tasks.findOne({ _id: taskId }))!;
    expect(await server.sla.sweeper.sweep(new Date(Date.parse(task.dueDate!) + 60_000))).toEqual({ warning: [], overdue: [`task:${taskId}`] });
    expect((await inbox('handler')).items[0]).toMatchObject({ kind: 'sla.overdue', taskId });
    expect((await call('handler', 'post', '/api/sla/supervise', { taskId, reason: '请立即处置' })).status).toBe(403);
    expect((await call('head', 'post', '/api/sla/supervise', { taskId, caseId: 'x', reason: '两个目标' })).status).toBe(400);
    const ok = await call('head', 'post', '/api/sla/supervise', { taskId, reason: '请立即处置' });
    expect(ok).toMatchObject({ status: 201, body: { target: 'task', targetId: taskId, caseId: 'case-sla-1', reason: '请立即处置', by: ids.head } });
    expect((await server.tasks.repo.tasks.findOne({ _id: taskId }))!.slaState).toBe('supervised');
    expect((await inbox('handler')).items[0]).toMatchObject({ kind: 'sla.supervised', taskId });
    const audit = await server.store.collection(AUDIT_COLLECTION).find({ action: 'sla.task.supervise' });
    expect(audit).toHaveLength(1);
    expect(await call('head', 'post', '/api/sla/supervise', { taskId, reason: '再次督办' })).toMatchObject({ status: 409, body: { code: 'sla.not_overdue' } });
    // a supervised task is not swept back to overdue
    expect(await server.sla.sweeper.sweep(new Date(Date.parse(task.dueDate!) + 3600_000))).toEqual({ warning: [], overdue: [] });
  }, 30_000);

  it('given my notifications, when I mark one read, then the unread count drops; someone else’s is not found', async () => {
    const before = await inbox('handler');
    const first = before.items[0]!;
    expect((await call('handler', 'post', `/api/notifications/${first._id}/read`)).body).toMatchObject({ _id: first._id, readAt: expect.any(String) });
    expect((await inbox('handler')).unread).toBe(before.unread - 1);
    expect(await call('other', 'post', `/api/notifications/${first._id}/read`)).toMatchObject({ status: 404, body: { code: 'notification.not_found' } });
  });

  it('given a filed case, then its deadline comes from the table’s case row, and past it the case turns overdue and the head is told', async () => {
    // Monday 2026-11-02 10:00 +08:00 + 5 working days (start day not counted) → Monday 11/9 17:30
    await server.store.collection('cases').insertOne({
      _id: 'case-sla-2', trackingNumber: 'GZ-20261102-000001', intakeKey: 'sla-test:case-sla-2', unitId: 'A1', unitPath: '/c/A/A1/', bpmnProcessId: 'sla-proc', status: 'filed',
      title: '占道经营', category: { kind: 'event', major: '街面秩序', minor: '占道经营' }, caseKind: 'committed', urgent: false, filedAt: new Date('2026-11-02T10:00:00+08:00').toISOString(),
    });
    expect(await server.sla.caseFiled('case-sla-2')).toMatchObject({ dueAt: new Date('2026-11-09T17:30:00+08:00').toISOString() });
    const headBefore = (await inbox('head')).unread;
    const result = await server.sla.sweeper.sweep(new Date('2026-11-10T09:00:00+08:00'));
    expect(result.overdue).toEqual(['case:case-sla-2']);
    expect((await server.store.collection('cases').findOne({ _id: 'case-sla-2' }))!.slaState).toBe('overdue');
    const box = await inbox('head');
    expect(box.unread).toBe(headBefore + 1);
    expect(box.items[0]).toMatchObject({ kind: 'sla.overdue', caseId: 'case-sla-2' });
  }, 30_000);
});
