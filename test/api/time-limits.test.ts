/**
 * Time-limit tables through HTTP and into tasks, on the embedded engine over each available store: validation
 * with JSON paths (nothing written), the nearest scope wins, the most specific rule wins, due dates on the
 * tenant calendar across Spring Festival 2026, the projector's due hook (task due date + process variable),
 * and the gongzhi-due worker.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { loadConfig } from '../../server/config/load.js';
import { systemContext } from '../../server/identity/context.js';
import { userSubject } from '../../server/identity/principal.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { resolveRule, parseTable, TimeLimitTableInvalidError } from '../../server/time-limits/index.js';
import { availableStores } from '../support/stores.js';

const PASSWORD = 'a-long-test-password-42';
const ctx = systemContext('test-seed');
const stores = await availableStores();

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_tl" targetNamespace="https://gongzhi.example/tl">
  <bpmn:process id="tl-proc" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="dueOfHandle" name="计算期限">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="gongzhi-due" />
        <zeebe:taskHeaders><zeebe:header key="step" value="handle"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="handle" name="处置">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="role:dept_handler@case.unit"/>
        <zeebe:taskHeaders><zeebe:header key="title" value="处置"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="dueOfHandle"/>
    <bpmn:sequenceFlow id="f2" sourceRef="dueOfHandle" targetRef="handle"/>
    <bpmn:sequenceFlow id="f3" sourceRef="handle" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;

const rule = (over: Record<string, unknown>) => ({ step: '*', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 5, clock: 'workingDays' }, warnAt: 0.8, ...over });
const cityTable = {
  id: 'tl-proc', name: '城市管理时限表', source: '某市城管委〔2026〕1号',
  rules: [
    rule({}),
    rule({ step: 'handle', limit: { amount: 3, clock: 'workingDays' } }),
    rule({ step: 'handle', category: '市容环境', limit: { amount: 2, clock: 'workingDays' } }),
    rule({ step: 'handle', category: '市容环境', urgent: true, limit: { amount: 24, clock: 'naturalHours' }, warnAt: 0.5 }),
    rule({ step: 'handle', category: '市容环境/暴露垃圾', caseKind: 'immediate', limit: { amount: 4, clock: 'workingHours' } }),
  ],
};

describe('time-limit rule resolution (pure)', () => {
  const table = parseTable(cityTable);
  const base = { processId: 'tl-proc', unitId: 'A1' };
  it('given no step rule, then the catch-all row applies', () => {
    expect(resolveRule(table, { ...base, step: 'check' })?.limit).toEqual({ amount: 5, clock: 'workingDays' });
  });
  it('given a category code, then the major-category row beats the step-only row', () => {
    expect(resolveRule(table, { ...base, step: 'handle', category: 'component/市容环境/乱堆物料' })?.ruleIndex).toBe(2);
    expect(resolveRule(table, { ...base, step: 'handle', category: 'event/宣传广告/违章招贴' })?.ruleIndex).toBe(1);
  });
  it('given an urgent case, then the urgency row (fewer wildcards) wins with its own warning share', () => {
    expect(resolveRule(table, { ...base, step: 'handle', category: { major: '市容环境', minor: '乱堆物料' }, urgent: true })).toMatchObject({ ruleIndex: 3, warnAt: 0.5 });
  });
  it('given the minor category and case kind, then the most specific row wins', () => {
    expect(resolveRule(table, { ...base, step: 'handle', category: 'component/市容环境/暴露垃圾', caseKind: 'immediate' })?.limit).toEqual({ amount: 4, clock: 'workingHours' });
  });
  it('given a table with mistakes, then every one is reported with its JSON path', () => {
    const bad = { ...cityTable, rules: [rule({ limit: { amount: -1, clock: 'weeks' } }), rule({ warnAt: 1.5, urgent: 'yes' })] };
    try {
      parseTable(bad);
      throw new Error('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(TimeLimitTableInvalidError);
      const paths = (err as TimeLimitTableInvalidError).details.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['$.rules[0].limit.amount', '$.rules[0].limit.clock', '$.rules[1].warnAt', '$.rules[1].urgent']));
    }
  });
});

describe.each(stores.map((s) => [s.name, s] as const))('time-limit tables over HTTP and in tasks (%s)', (_name, storeDef) => {
  let server: RunningServer;
  let engine: WorkflowEngine;
  let dataDir: string;
  const cookies: Record<string, string> = {};

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { cookie: cookies[who]! };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-tl-'));
    const store = await storeDef.open();
    engine = createEmbeddedEngine({ persistence: store });
    await engine.start();
    server = await startServer(loadConfig({}, { port: 0, dataDir, logLevel: 'silent', slaSweepMs: 0 }), { store, engine, identity: { authzRefreshMs: 0 }, logger: createLogger('silent') });
    const s = server.security;
    await s.org.create({ id: 'c', name: '某市', kind: 'city', parentId: null }, ctx);
    for (const [id, kind, parentId] of [['A', 'county', 'c'], ['B', 'county', 'c'], ['A1', 'township', 'A']] as const) await s.org.create({ id, name: id, kind, parentId }, ctx);
    for (const [name, unit, role] of [['cityAdmin', 'c', 'admin'], ['countyAdmin', 'A', 'admin'], ['handler', 'A1', 'dept_handler']] as const) {
      const u = await s.users.create({ username: name, displayName: name, unitId: unit, password: PASSWORD }, ctx);
      await s.authz.assign(userSubject(u._id), role, unit, ctx);
      const res = await fetch(`${server.url}/api/session/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: PASSWORD }) });
      cookies[name] = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    }
    await engine.deploy([{ name: 'tl-proc.bpmn', content: BPMN }]);
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given an invalid table, when an admin saves it, then 422 lists the JSON paths and nothing is written', async () => {
    const bad = { ...cityTable, rules: [rule({ limit: { amount: 3, clock: 'fortnights' } })] };
    const res = await call('cityAdmin', 'put', '/api/time-limits/tl-proc', { unitId: 'c', table: bad });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'time_limit.invalid', errors: [expect.objectContaining({ path: '$.rules[0].limit.clock' })] });
    expect((await call('cityAdmin', 'get', '/api/time-limits/tl-proc?unitId=c')).status).toBe(404);
  });

  it('given a city table and a county override, then each unit reads the nearest one, and nobody writes above their scope', async () => {
    expect((await call('cityAdmin', 'put', '/api/time-limits/tl-proc', { unitId: 'c', table: cityTable })).status).toBe(200);
    const county = { ...cityTable, name: '甲区时限表', rules: [rule({ step: 'handle', limit: { amount: 1, clock: 'workingDays' } })] };
    expect((await call('countyAdmin', 'put', '/api/time-limits/tl-proc', { unitId: 'A', table: county })).status).toBe(200);
    expect((await call('countyAdmin', 'put', '/api/time-limits/tl-proc', { unitId: 'c', table: county })).status).toBe(403);
    expect((await call('handler', 'get', '/api/time-limits/tl-proc?unitId=A1')).status).toBe(403);
    expect((await call('cityAdmin', 'get', '/api/time-limits/tl-proc?unitId=A1')).body).toMatchObject({ scopeUnitId: 'A', table: { name: '甲区时限表' } });
    expect((await call('cityAdmin', 'get', '/api/time-limits/tl-proc?unitId=B')).body).toMatchObject({ scopeUnitId: 'c', table: { name: '城市管理时限表' } });
  });

  it('given the eve of Spring Festival 2026, when a 2-working-day limit is computed, then the holiday is skipped and the make-up Saturday counts', async () => {
    // Friday 2026-02-13 10:00 +08:00; the start day never counts; day 1 = make-up Saturday 2/14; 2/15..2/23 holiday; day 2 = Tuesday 2/24, ends 17:30
    const due = await server.timeLimits.computeDue({ processId: 'tl-proc', step: 'handle', unitId: 'B', category: 'component/市容环境/乱堆物料' }, new Date('2026-02-13T10:00:00+08:00'));
    expect(due?.dueAt.toISOString()).toBe(new Date('2026-02-24T17:30:00+08:00').toISOString());
    // an urgent case runs on natural hours: 24 h later, the holiday does not matter; warning at half of it
    const urgent = await server.timeLimits.computeDue({ processId: 'tl-proc', step: 'handle', unitId: 'B', category: 'component/市容环境/乱堆物料', urgent: true }, new Date('2026-02-14T20:00:00+08:00'));
    expect(urgent?.dueAt.toISOString()).toBe(new Date('2026-02-15T20:00:00+08:00').toISOString());
    expect(urgent?.warnAt.toISOString()).toBe(new Date('2026-02-15T08:00:00+08:00').toISOString());
  });

  it('given a start at lunch on the make-up Saturday 2026-02-28, when 4 working hours run, then counting starts at 14:00 and ends Monday 09:00', async () => {
    // 14:00–17:30 = 3.5 h on Saturday 2/28 (a 调休 working day); Sunday 3/1 is off; the last 0.5 h is Monday 3/2 08:30–09:00
    const due = await server.timeLimits.computeDue(
      { processId: 'tl-proc', step: 'handle', unitId: 'B', category: 'component/市容环境/暴露垃圾', caseKind: 'immediate' },
      new Date('2026-02-28T12:30:00+08:00'),
    );
    expect(due?.limit).toEqual({ amount: 4, clock: 'workingHours' });
    expect(due?.dueAt.toISOString()).toBe(new Date('2026-03-02T09:00:00+08:00').toISOString());
    // 80 % of 4 h = 3.2 h: 14:00 + 3 h 12 min = 17:12 the same Saturday
    expect(due?.warnAt.toISOString()).toBe(new Date('2026-02-28T17:12:00+08:00').toISOString());
  });

  it('given a task without a dueDate header, when it is projected, then its due date comes from the county table and the process gets it back', async () => {
    const inst = await engine.createInstance({ bpmnProcessId: 'tl-proc', variables: { caseId: 'case-tl-1', unitId: 'A1', category: 'component/市容环境/乱堆物料' } });
    // the gongzhi-due job first (the worker runs on demand here; its poller may also have taken it)
    for (let i = 0; i < 50; i++) {
      await server.tasks.projector.sync();
      const t = await server.tasks.repo.tasks.findOne({ processInstanceKey: inst.processInstanceKey });
      if (t) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const task = await server.tasks.repo.tasks.findOne({ processInstanceKey: inst.processInstanceKey });
    expect(task).not.toBeNull();
    const expected = await server.timeLimits.computeDue({ processId: 'tl-proc', step: 'handle', unitId: 'A1' }, new Date(task!.createdAt));
    // the county's 1-working-day row applies at A1
    expect(expected?.limit).toEqual({ amount: 1, clock: 'workingDays' });
    expect(task!.dueDate).toBe(expected!.dueAt.toISOString());
    expect(task!.followUpDate).toBe(expected!.warnAt.toISOString());
    // the gongzhi-due worker put due_handle on the instance before the user task: the task's job variables carry it
    const vars = JSON.parse(String((await server.tasks.repo.variables.findOne({ _id: task!._id }))!.json)) as Record<string, unknown>;
    expect(typeof vars.due_handle).toBe('string');
    // and the hook set the task's own due date on its element scope
    const records = await engine.records({ processInstanceKey: inst.processInstanceKey });
    const set = records.filter((r) => r.valueType === 'VARIABLE' && (r.value as { name?: string }).name === 'due_handle');
    const values = set.map((r) => (r.value as { value?: unknown }).value).map((v) => (typeof v === 'string' && v.startsWith('"') ? JSON.parse(v) : v));
    expect(values).toContain(expected!.dueAt.toISOString());
  }, 30_000);
});
