/**
 * Timers and SLA states agree on the embedded engine's controlled clock: the gongzhi-due worker puts the step's
 * due instant on the instance before the user task starts, a non-interrupting boundary timer `=due_handle` on the
 * task fires at it, and the SLA sweeper (reading the same clock) turns the task overdue at the same instant — not
 * a second earlier.
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
import { availableStores } from '../support/stores.js';

const ctx = systemContext('test-seed');
const stores = await availableStores();

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_slat" targetNamespace="https://gongzhi.example/slat">
  <bpmn:process id="sla-timer" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="due" name="计算期限">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="gongzhi-due" />
        <zeebe:taskHeaders><zeebe:header key="step" value="handle"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:userTask id="handle" name="处置">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="role:dept_handler@case.unit"/>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:boundaryEvent id="late" attachedToRef="handle" cancelActivity="false">
      <bpmn:outgoing>f4</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDate>=due_handle</bpmn:timeDate></bpmn:timerEventDefinition>
    </bpmn:boundaryEvent>
    <bpmn:userTask id="remind" name="超期提醒">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="role:dept_handler@case.unit"/>
      </bpmn:extensionElements>
      <bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end2"><bpmn:incoming>f5</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="due"/>
    <bpmn:sequenceFlow id="f2" sourceRef="due" targetRef="handle"/>
    <bpmn:sequenceFlow id="f3" sourceRef="handle" targetRef="end"/>
    <bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="remind"/>
    <bpmn:sequenceFlow id="f5" sourceRef="remind" targetRef="end2"/>
  </bpmn:process>
</bpmn:definitions>`;

describe.each(stores.map((s) => [s.name, s] as const))('BPMN timers and SLA states on one clock (%s)', (_name, storeDef) => {
  let server: RunningServer;
  let engine: WorkflowEngine;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-slat-'));
    const store = await storeDef.open();
    // the controlled clock starts at the real time: the projector stamps tasks with the system clock
    engine = createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt: Date.now() } });
    await engine.start();
    server = await startServer(loadConfig({}, { port: 0, dataDir, logLevel: 'silent', slaSweepMs: 0 }), { store, engine, identity: { authzRefreshMs: 0 }, logger: createLogger('silent') });
    const s = server.security;
    await s.org.create({ id: 'c', name: '某市', kind: 'city', parentId: null }, ctx);
    await s.org.create({ id: 'A', name: '甲区', kind: 'county', parentId: 'c' }, ctx);
    await s.org.create({ id: 'A1', name: '甲街道', kind: 'township', parentId: 'A' }, ctx);
    const u = await s.users.create({ username: 'handler', displayName: 'handler', unitId: 'A1', password: 'a-long-test-password-42' }, ctx);
    await s.authz.assign(userSubject(u._id), 'dept_handler', 'A1', ctx);
    // working days: the deadline is the end of a working day, the same instant from any start time that day
    await server.timeLimits.load({ id: 'sla-timer', name: '时限', source: 'test', rules: [{ step: 'handle', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 2, clock: 'workingDays' }, warnAt: 0.8 }] }, 'c');
    await engine.deploy([{ name: 'sla-timer.bpmn', content: BPMN }]);
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given the due instant from the table, then the boundary timer fires and the task turns overdue at that instant, not before', async () => {
    const inst = await engine.createInstance({ bpmnProcessId: 'sla-timer', variables: { caseId: 'case-t1', unitId: 'A1' } });
    const tasksOf = (elementId: string) => server.tasks.repo.tasks.find({ processInstanceKey: inst.processInstanceKey, elementId });
    for (let i = 0; i < 50 && (await tasksOf('handle')).length === 0; i++) {
      await server.tasks.projector.sync();
      await new Promise((r) => setTimeout(r, 100));
    }
    const [task] = await tasksOf('handle');
    expect(task).toBeDefined();
    const vars = JSON.parse(String((await server.tasks.repo.variables.findOne({ _id: task!._id }))!.json)) as Record<string, string>;
    // the task's due date (projector hook) and the timer's (gongzhi-due) are the same instant
    expect(vars.due_handle).toBe(task!.dueDate);
    const due = Date.parse(task!.dueDate!);

    await engine.clock!.advance(due - 1000 - engine.clock!.now());
    await server.tasks.projector.sync();
    expect(await tasksOf('remind')).toHaveLength(0);
    expect((await server.sla.sweeper.sweep()).overdue).toEqual([]);

    await engine.clock!.advance(2000);
    await server.tasks.projector.sync();
    expect(await tasksOf('remind')).toHaveLength(1);
    expect((await server.sla.sweeper.sweep()).overdue).toEqual([`task:${task!._id}`]);
  }, 30_000);
});
