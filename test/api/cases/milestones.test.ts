/**
 * The `gongzhi-case` worker on the real embedded engine and store: a job whose milestone was applied but whose
 * completion was lost is delivered again after its timeout, and must not count twice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEmbeddedEngine, type WorkflowEngine } from '../../../engine/index.js';
import { CaseEvents } from '../../../server/cases/events.js';
import { CASE_JOB_TYPE, CaseMilestoneWorker } from '../../../server/cases/milestones.js';
import { CaseRepository } from '../../../server/cases/repository.js';
import type { CaseDoc } from '../../../server/cases/case.js';
import type { DocumentStore } from '../../../server/store/port.js';
import { availableStores } from '../../support/stores.js';

const stores = await availableStores();

const ms = (id: string, milestone: string, from: string, to: string) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="gongzhi-case" /><zeebe:taskHeaders><zeebe:header key="milestone" value="${milestone}" /></zeebe:taskHeaders></bpmn:extensionElements><bpmn:incoming>${from}</bpmn:incoming><bpmn:outgoing>${to}</bpmn:outgoing></bpmn:serviceTask>`;
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://gongzhi.test">
  <bpmn:process id="rework-close" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${ms('rework', 'rework', 'f1', 'f2')}
    ${ms('close', 'closed', 'f2', 'f3')}
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rework" /><bpmn:sequenceFlow id="f2" sourceRef="rework" targetRef="close" /><bpmn:sequenceFlow id="f3" sourceRef="close" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;

function caseDoc(id: string, dueAt: string): CaseDoc {
  return {
    _id: id, trackingNumber: `GZ-20260101-${id}`, unitId: 'u', unitPath: '/u/', channel: 'grid', intakeKey: `case:${id}`,
    category: { kind: 'event', major: '市容', minor: '垃圾' }, caseKind: 'committed', urgent: false, title: 't', description: '', location: {}, reporter: {},
    attachments: [], status: 'dispatched', slaState: 'normal', processInstanceKey: null, bpmnProcessId: 'rework-close', definitionKey: null, definitionVersion: null,
    relatedCaseIds: [], createdAt: new Date().toISOString(), dueAt, reworkCount: 0, returnCount: 0, extensionCount: 0, reopenCount: 0, warnings: [], appliedJobs: [], timeline: [],
  };
}

describe.each(stores.map((s) => [s.name, s] as const))('case milestone worker on %s', (_name, storeDef) => {
  let store: DocumentStore;
  let engine: WorkflowEngine;
  let repo: CaseRepository;

  beforeAll(async () => {
    store = await storeDef.open();
    engine = createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt: Date.now() } });
    await engine.start();
    await engine.deploy([{ name: 'rework-close.bpmn', content: XML }]);
    repo = new CaseRepository(store);
    await repo.init();
  });
  afterAll(async () => {
    await engine?.stop();
    await store?.close();
  });

  it('given a rework milestone applied but not completed, when the job is delivered again, then rework counts once and the case closes on time', async () => {
    await repo.cases.insertOne(caseDoc('c1', new Date(Date.now() + 86_400_000).toISOString()));
    const events = new CaseEvents();
    const seen: string[] = [];
    events.on('status', (e) => void seen.push(`${e.from}→${e.to}`));
    events.on('closed', (e) => void seen.push(`closed:${String(e.onTime)}`));
    const worker = new CaseMilestoneWorker(engine, repo, events);
    const instance = await engine.createInstance({ bpmnProcessId: 'rework-close', variables: { caseId: 'c1' } });

    const [job] = await engine.activateJobs({ type: CASE_JOB_TYPE, worker: 'crashing', maxJobsToActivate: 1, timeout: 1_000 });
    expect(await worker.apply(job!)).toBe('applied'); // ...and the server "stops" before completing the job
    await engine.clock!.advance(5_000);
    await worker.pass(); // the same job again: nothing counted, job completed
    await worker.pass(); // the closing milestone
    const c = await repo.byId('c1');
    expect(c).toMatchObject({ reworkCount: 1, status: 'closed', closedOnTime: true, processInstanceKey: instance.processInstanceKey });
    expect(c!.appliedJobs).toHaveLength(2);
    expect(seen).toEqual(['dispatched→handling', 'handling→closed', 'closed:true']);
  });

  it('a job without a case becomes an incident instead of being completed', async () => {
    const instance = await engine.createInstance({ bpmnProcessId: 'rework-close', variables: { caseId: 'missing' } });
    await new CaseMilestoneWorker(engine, repo, new CaseEvents()).pass();
    const incidents = await engine.incidents(instance.processInstanceKey);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.errorMessage).toContain('no case missing');
  });
});
