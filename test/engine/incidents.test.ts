/** Faults in the model or the data become incidents on the element — never crashes — and resolving repeats the step. */
import { afterEach, describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { definitions } from './bpmn.js';

let engine: WorkflowEngine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

const after = `<bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="inc.after"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:endEvent id="end"/><bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after"/><bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end"/>`;

const TIMER_FROM_VARIABLE = definitions(`<bpmn:process id="tv" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>=waitFor</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
</bpmn:process>`);

const KEY_FROM_VARIABLE = definitions(`<bpmn:process id="kv" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
</bpmn:process>`, '<bpmn:message id="m" name="reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>');

const SCRIPT = definitions(`<bpmn:process id="sc" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:scriptTask id="wait"><bpmn:extensionElements><zeebe:script expression="=assert(score, score != null) * 2" resultVariable="double"/></bpmn:extensionElements></bpmn:scriptTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
</bpmn:process>`);

async function fixAndResolve(e: WorkflowEngine, processInstanceKey: string, variables: Record<string, unknown>): Promise<void> {
  const [incident] = await e.incidents(processInstanceKey);
  await e.setVariables({ elementInstanceKey: processInstanceKey, variables });
  await e.resolveIncident(incident!.incidentKey);
}

describe('incidents from expressions', () => {
  test('a timer expression that is not a duration raises an incident at the timer; fixed and resolved, the timer runs', async () => {
    engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-03-02T00:00:00Z') } });
    await engine.deploy([{ name: 'tv.bpmn', content: TIMER_FROM_VARIABLE }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'tv', variables: { waitFor: 42 } });
    expect(await engine.incidents(processInstanceKey)).toEqual([expect.objectContaining({ elementId: 'wait', errorType: 'EXTRACT_VALUE_ERROR' })]);
    await fixAndResolve(engine, processInstanceKey, { waitFor: 'PT10M' });
    expect(await engine.incidents(processInstanceKey)).toEqual([]);
    await engine.clock!.advance(10 * 60_000);
    expect(await engine.activateJobs({ type: 'inc.after', worker: 't', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
  });

  test('a correlation key that is not a string or number raises an incident; fixed and resolved, the message correlates', async () => {
    engine = createEmbeddedEngine();
    await engine.deploy([{ name: 'kv.bpmn', content: KEY_FROM_VARIABLE }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'kv', variables: { caseId: { nested: true } } });
    expect(await engine.incidents(processInstanceKey)).toEqual([expect.objectContaining({ elementId: 'wait', errorType: 'EXTRACT_VALUE_ERROR' })]);
    await fixAndResolve(engine, processInstanceKey, { caseId: 'C-7' });
    await engine.publishMessage({ name: 'reply', correlationKey: 'C-7', variables: { answer: 'yes' } });
    const [job] = await engine.activateJobs({ type: 'inc.after', worker: 't', maxJobsToActivate: 5, timeout: 1000 });
    expect(job!.variables.answer).toBe('yes');
  });

  test('a failing script raises an incident at the script task; fixed and resolved, its result is written', async () => {
    engine = createEmbeddedEngine();
    await engine.deploy([{ name: 'sc.bpmn', content: SCRIPT }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'sc' });
    expect(await engine.incidents(processInstanceKey)).toEqual([expect.objectContaining({ elementId: 'wait' })]);
    await fixAndResolve(engine, processInstanceKey, { score: 21 });
    const [job] = await engine.activateJobs({ type: 'inc.after', worker: 't', maxJobsToActivate: 5, timeout: 1000 });
    expect(job!.variables.double).toBe(42);
  });

  test('a failing event subprocess timer at process start is an incident on the process; resolved, the instance enters its start event', async () => {
    engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-03-02T00:00:00Z') } });
    const xml = definitions(`<bpmn:process id="esp" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="inc.first"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
<bpmn:subProcess id="reminder" triggeredByEvent="true">
  <bpmn:startEvent id="remind" isInterrupting="false"><bpmn:timerEventDefinition><bpmn:timeDuration>=remindAfter</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
  <bpmn:endEvent id="reminded"/><bpmn:sequenceFlow id="r1" sourceRef="remind" targetRef="reminded"/>
</bpmn:subProcess>
</bpmn:process>`);
    await engine.deploy([{ name: 'esp.bpmn', content: xml }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'esp' });
    expect(await engine.incidents(processInstanceKey)).toEqual([expect.objectContaining({ elementId: 'esp', errorType: 'EXTRACT_VALUE_ERROR' })]);
    expect(await engine.activateJobs({ type: 'inc.first', worker: 't', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(0);
    await fixAndResolve(engine, processInstanceKey, { remindAfter: 'PT1H' });
    expect(await engine.activateJobs({ type: 'inc.first', worker: 't', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
    await engine.clock!.advance(3_600_000);
    expect(await engine.records({ processInstanceKey, intent: 'ELEMENT_COMPLETED', elementId: 'reminded' })).toHaveLength(1);
  });

  test('a failing completion condition of a sequential multi-instance is an incident on the body; resolved, the loop goes on without repeating', async () => {
    engine = createEmbeddedEngine();
    const xml = definitions(`<bpmn:process id="mi" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="inc.each"/></bpmn:extensionElements>
  <bpmn:multiInstanceLoopCharacteristics isSequential="true">
    <bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item"/></bpmn:extensionElements>
    <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=assert(stop, stop != null)</bpmn:completionCondition>
  </bpmn:multiInstanceLoopCharacteristics>
</bpmn:serviceTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
</bpmn:process>`);
    await engine.deploy([{ name: 'mi.bpmn', content: xml }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'mi', variables: { items: [1, 2, 3] } });
    const each = async (): Promise<unknown[]> => {
      const jobs = await engine!.activateJobs({ type: 'inc.each', worker: 't', maxJobsToActivate: 5, timeout: 1000 });
      for (const j of jobs) await engine!.completeJob(j.key);
      return jobs.map((j) => j.variables.item);
    };
    expect(await each()).toEqual([1]);
    expect(await engine.incidents(processInstanceKey)).toEqual([expect.objectContaining({ elementId: 'wait' })]);
    await fixAndResolve(engine, processInstanceKey, { stop: false });
    expect(await each()).toEqual([2]);
    expect(await each()).toEqual([3]);
    expect(await engine.activateJobs({ type: 'inc.after', worker: 't', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
  });

  test('resolving an unknown incident is engine.not_found', async () => {
    engine = createEmbeddedEngine();
    await expect(engine.resolveIncident('42')).rejects.toMatchObject({ code: 'engine.not_found' });
  });
});

const WORKER_ERROR = definitions(`<bpmn:process id="we" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="wait"><bpmn:extensionElements><zeebe:taskDefinition type="inc.lookup"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>${after}
</bpmn:process>`);

describe('incidents from workers', () => {
  test('an error thrown by a worker that nothing catches names NO_CATCH_EVENT_FOUND like Zeebe 8.5, on the task instance', async () => {
    engine = createEmbeddedEngine();
    await engine.deploy([{ name: 'we.bpmn', content: WORKER_ERROR }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'we' });
    const [job] = await engine.activateJobs({ type: 'inc.lookup', worker: 't', maxJobsToActivate: 1, timeout: 1000 });
    await engine.throwError({ jobKey: job!.key, errorCode: 'TIMEOUT' });
    expect(await engine.incidents(processInstanceKey)).toEqual([
      expect.objectContaining({ elementId: 'NO_CATCH_EVENT_FOUND', elementInstanceKey: job!.elementInstanceKey, errorType: 'UNHANDLED_ERROR_EVENT', jobKey: job!.key }),
    ]);
  });
});
