/**
 * The task projector on its own (embedded engine, in-memory SQLite store): the jobs of one activation pass are
 * projected side by side, and a job whose projection fails goes back to the engine — activated and projected
 * again after the back-off, or an incident after five failures in a row — instead of staying locked for 30 days
 * with no task document.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { createEmbeddedEngine, type WorkflowEngine } from '../../../engine/index.js';
import type { Unit } from '../../../server/org/unit.js';
import { openSqliteStore } from '../../../server/store/sqlite/index.js';
import type { OrgDirectory } from '../../../server/tasks/assignment.js';
import { TaskProjector, type ProjectorExtras } from '../../../server/tasks/projector.js';
import { TaskRepository } from '../../../server/tasks/repository.js';

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="u" name="处置">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="handlers"/>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u"/>
    <bpmn:sequenceFlow id="f2" sourceRef="u" targetRef="e"/>
  </bpmn:process>
</bpmn:definitions>`;

const unit: Unit = { _id: 'A1', name: '甲街道', kind: 'township', parentId: null, path: '/A1/', disabled: false };
const dir: OrgDirectory = { unit: (id) => (id === 'A1' ? unit : undefined), usersWithRole: async () => [], homeUnitOf: async () => undefined };

let engine: WorkflowEngine | undefined;
afterEach(async () => engine?.stop());

async function setup(resolveDue: ProjectorExtras['resolveDue']) {
  engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-11-24T01:00:00Z') } });
  await engine.start();
  await engine.deploy([{ name: 'p.bpmn', content: BPMN }]);
  const repo = new TaskRepository(openSqliteStore({ file: ':memory:' }));
  await repo.init();
  const projector = new TaskProjector(engine, repo, dir, undefined, () => new Date(engine!.clock!.now()), { resolveDue });
  return { engine, repo, projector };
}

describe('the task projector', () => {
  it('projects every job of a pass (more than fit in one lane) exactly once', async () => {
    const { engine, repo, projector } = await setup(undefined);
    for (let i = 0; i < 40; i++) await engine.createInstance({ bpmnProcessId: 'p', variables: { caseId: `c${i}`, unitId: 'A1' } });
    expect(await projector.sync()).toBe(40);
    expect(await projector.sync()).toBe(0);
    const tasks = await repo.tasks.find({});
    expect(new Set(tasks.map((t) => t.caseId)).size).toBe(40);
  });

  it('a failed projection gives the job back: the task appears on a later pass, and the others of the pass are not held up', async () => {
    let failures = 0;
    const { engine, repo, projector } = await setup(async (doc) => {
      if (doc.caseId === 'bad' && failures++ === 0) throw new Error('time-limit table unreadable');
      return undefined;
    });
    await engine.createInstance({ bpmnProcessId: 'p', variables: { caseId: 'bad', unitId: 'A1' } });
    await engine.createInstance({ bpmnProcessId: 'p', variables: { caseId: 'good', unitId: 'A1' } });
    expect(await projector.sync()).toBe(1);
    expect((await repo.tasks.find({})).map((t) => t.caseId)).toEqual(['good']);
    expect(await projector.sync()).toBe(0); // backing off: not activatable yet
    await engine.clock!.advance(6_000);
    expect(await projector.sync()).toBe(1);
    expect((await repo.tasks.find({}, { sort: { caseId: 1 } })).map((t) => t.caseId)).toEqual(['bad', 'good']);
    expect(await engine.incidents()).toEqual([]);
  });

  it('a projection that keeps failing ends in an incident naming the cause, not a silently lost task', async () => {
    const { engine, repo, projector } = await setup(async () => {
      throw new Error('time-limit table unreadable');
    });
    const inst = await engine.createInstance({ bpmnProcessId: 'p', variables: { caseId: 'bad', unitId: 'A1' } });
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await engine.incidents(inst.processInstanceKey)).toEqual([]); // still retrying
      await projector.sync();
      await engine.clock!.advance(6_000);
    }
    expect(await repo.tasks.count({})).toBe(0);
    const incidents = await engine.incidents(inst.processInstanceKey);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toMatch(/task projection failed: time-limit table unreadable/);
  });
});
