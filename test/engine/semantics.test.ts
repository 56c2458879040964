/** Engine behaviour the conformance suite does not reach: the opt-in inclusive join, modification edge cases, records. */
import { afterEach, describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { definitions, serviceChain } from './bpmn.js';

let engine: WorkflowEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

const cond = (expr: string): string => `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${expr}</bpmn:conditionExpression>`;
const task = (id: string, type: string): string =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements></bpmn:serviceTask>`;

const INCLUSIVE_JOIN = definitions(`<bpmn:process id="ij" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:inclusiveGateway id="fork" default="toC"/>
${task('a', 'ij.a')}${task('b', 'ij.b')}${task('c', 'ij.c')}
<bpmn:inclusiveGateway id="join"/>
${task('after', 'ij.after')}
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="fork"/>
<bpmn:sequenceFlow id="toA" sourceRef="fork" targetRef="a">${cond('=wantA')}</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toB" sourceRef="fork" targetRef="b">${cond('=wantB')}</bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toC" sourceRef="fork" targetRef="c"/>
<bpmn:sequenceFlow id="fa" sourceRef="a" targetRef="join"/>
<bpmn:sequenceFlow id="fb" sourceRef="b" targetRef="join"/>
<bpmn:sequenceFlow id="fc" sourceRef="c" targetRef="join"/>
<bpmn:sequenceFlow id="fj" sourceRef="join" targetRef="after"/>
<bpmn:sequenceFlow id="fe" sourceRef="after" targetRef="end"/>
</bpmn:process>`);

async function completeAll(e: WorkflowEngine, type: string): Promise<number> {
  const jobs = await e.activateJobs({ type, worker: 't', maxJobsToActivate: 10, timeout: 10_000 });
  for (const j of jobs) await e.completeJob(j.key);
  return jobs.length;
}

describe('inclusive join (opt-in, Zeebe 8.6 behaviour)', () => {
  test('without the option a converging inclusive gateway is rejected, naming the gateway', async () => {
    engine = createEmbeddedEngine();
    await expect(engine.deploy([{ name: 'ij.bpmn', content: INCLUSIVE_JOIN }])).rejects.toMatchObject({
      code: 'engine.deploy_invalid',
      details: [expect.objectContaining({ elementId: 'join' })],
    });
  });

  test('given two of three branches taken, then the join waits for both and continues once', async () => {
    engine = createEmbeddedEngine({ allowInclusiveJoin: true });
    await engine.deploy([{ name: 'ij.bpmn', content: INCLUSIVE_JOIN }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'ij', variables: { wantA: true, wantB: true } });
    expect(await completeAll(engine, 'ij.c')).toBe(0);
    expect(await completeAll(engine, 'ij.a')).toBe(1);
    expect(await completeAll(engine, 'ij.after')).toBe(0);
    expect(await completeAll(engine, 'ij.b')).toBe(1);
    expect(await completeAll(engine, 'ij.after')).toBe(1);
    const done = await engine.records({ processInstanceKey, intent: 'ELEMENT_COMPLETED', elementId: 'ij' });
    expect(done).toHaveLength(1);
  });
});

describe('modification', () => {
  test('terminating the only active element completes the process instance', async () => {
    engine = createEmbeddedEngine();
    await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['x']) }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await engine.activateJobs({ type: 'x', worker: 't', maxJobsToActivate: 1, timeout: 1000 });
    await engine.modifyInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: job!.elementInstanceKey }] });
    expect(await engine.records({ processInstanceKey, intent: 'ELEMENT_COMPLETED', elementId: 'p' })).toHaveLength(1);
    expect(await engine.records({ processInstanceKey, valueType: 'JOB', intent: 'CANCELED' })).toHaveLength(1);
    await expect(engine.completeJob(job!.key)).rejects.toMatchObject({ code: 'engine.not_found' });
  });

  test('activating an element inside a subprocess creates the subprocess scope and sets scoped variables', async () => {
    engine = createEmbeddedEngine();
    const xml = definitions(`<bpmn:process id="s" isExecutable="true">
<bpmn:startEvent id="start"/>${task('first', 's.first')}
<bpmn:subProcess id="sub"><bpmn:startEvent id="subStart"/>${task('inner', 's.inner')}<bpmn:endEvent id="subEnd"/>
<bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="inner"/><bpmn:sequenceFlow id="s2" sourceRef="inner" targetRef="subEnd"/></bpmn:subProcess>
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/><bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="sub"/>
<bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="end"/></bpmn:process>`);
    await engine.deploy([{ name: 's.bpmn', content: xml }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 's' });
    const [first] = await engine.activateJobs({ type: 's.first', worker: 't', maxJobsToActivate: 1, timeout: 1000 });
    await engine.modifyInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'inner', variableInstructions: [{ variables: { note: 'jumped' }, scopeId: 'sub' }] }],
      terminateInstructions: [{ elementInstanceKey: first!.elementInstanceKey }],
    });
    const [inner] = await engine.activateJobs({ type: 's.inner', worker: 't', maxJobsToActivate: 1, timeout: 1000 });
    expect(inner!.variables).toEqual({ note: 'jumped' });
    await engine.completeJob(inner!.key);
    expect(await engine.records({ processInstanceKey, intent: 'ELEMENT_COMPLETED', elementId: 's' })).toHaveLength(1);
  });
});

describe('message start events', () => {
  const MESSAGE_START = definitions(`<bpmn:process id="ms" isExecutable="true">
<bpmn:startEvent id="start"><bpmn:messageEventDefinition messageRef="msg"/></bpmn:startEvent>
${task('work', 'ms.work')}
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="end"/>
</bpmn:process>`, '<bpmn:message id="msg" name="case.reported"/>');

  test('given an instance started by key K is active, a second message with K waits buffered and starts the next instance when the first ends', async () => {
    engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-03-02T00:00:00Z') } });
    await engine.deploy([{ name: 'ms.bpmn', content: MESSAGE_START }]);
    await engine.publishMessage({ name: 'case.reported', correlationKey: 'K', variables: { n: 1 }, timeToLive: 60_000 });
    await engine.publishMessage({ name: 'case.reported', correlationKey: 'K', variables: { n: 2 }, timeToLive: 60_000 });
    await engine.publishMessage({ name: 'case.reported', correlationKey: 'L', variables: { n: 3 } });
    const first = await engine.activateJobs({ type: 'ms.work', worker: 't', maxJobsToActivate: 10, timeout: 10_000 });
    expect(first.map((j) => j.variables.n).sort()).toEqual([1, 3]);
    await engine.completeJob(first.find((j) => j.variables.n === 1)!.key);
    const next = await engine.activateJobs({ type: 'ms.work', worker: 't', maxJobsToActivate: 10, timeout: 10_000 });
    expect(next.map((j) => j.variables.n)).toEqual([2]);
    await engine.completeJob(next[0]!.key);
    expect(await engine.activateJobs({ type: 'ms.work', worker: 't', maxJobsToActivate: 10, timeout: 10_000 })).toHaveLength(0);
  });
});

describe('records', () => {
  test('every record has a growing position, and onRecord streams the same records live', async () => {
    engine = createEmbeddedEngine();
    const seen: number[] = [];
    const off = engine.onRecord((r) => seen.push(r.position));
    await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['x']) }]);
    await engine.createInstance({ bpmnProcessId: 'p', variables: { a: 1 } });
    off();
    const all = await engine.records({});
    expect(all.map((r) => r.position)).toEqual(seen);
    expect(all.map((r) => r.position)).toEqual([...all.map((r) => r.position)].sort((a, b) => a - b));
    const vars = await engine.records({ valueType: 'VARIABLE' });
    expect(vars.map((r) => [r.value.name, r.value.value])).toEqual([['a', 1]]);
    expect(await engine.records({ fromPosition: all[3]!.position, limit: 2 })).toEqual(all.slice(3, 5));
  });
});
