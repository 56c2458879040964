/** Jobs: timeouts, retries with backoff, incidents, and clear rejections for unknown or finished jobs. */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine, EngineError, type WorkflowEngine } from '../../engine/index.js';
import { serviceChain } from './bpmn.js';

let engine: WorkflowEngine;
const T0 = Date.parse('2026-03-02T00:00:00Z');

beforeEach(async () => {
  engine = createEmbeddedEngine({ clock: { manual: true, startAt: T0 } });
  await engine.start();
  await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['work']) }]);
});
afterEach(() => engine.stop());

const activate = (timeout = 1000) => engine.activateJobs({ type: 'work', worker: 'w', maxJobsToActivate: 10, timeout });

describe('job timeouts', () => {
  test('given an activated job, when its timeout passes, then it is activatable again (and not before)', async () => {
    await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await activate(1000);
    expect(job!.deadline).toBe(T0 + 1000);
    await engine.clock!.advance(999);
    expect(await activate()).toHaveLength(0);
    await engine.clock!.advance(1);
    const again = await activate();
    expect(again.map((j) => j.key)).toEqual([job!.key]);
    const timedOut = await engine.records({ valueType: 'JOB', intent: 'TIMED_OUT' });
    expect(timedOut.map((r) => r.key)).toEqual([job!.key]);
  });
});

describe('failures and retries', () => {
  test('given a failed job with retries left and a backoff, then it is activatable only after the backoff', async () => {
    await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await activate();
    await engine.failJob({ jobKey: job!.key, retries: 2, errorMessage: 'flaky', retryBackOff: 5000 });
    expect(await activate()).toHaveLength(0);
    await engine.clock!.advance(5000);
    const [again] = await activate();
    expect(again!.retries).toBe(2);
  });

  test('given retries exhausted, then an incident JOB_NO_RETRIES; after updating retries and resolving, the job completes the instance', async () => {
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await activate();
    await engine.failJob({ jobKey: job!.key, retries: 0, errorMessage: 'down' });
    const [incident] = await engine.incidents(processInstanceKey);
    expect(incident).toMatchObject({ errorType: 'JOB_NO_RETRIES', errorMessage: 'down', jobKey: job!.key, elementId: 'task0' });
    expect(await activate()).toHaveLength(0);
    await engine.updateJobRetries(job!.key, 1);
    await engine.resolveIncident(incident!.incidentKey);
    const [again] = await activate();
    await engine.completeJob(again!.key, { done: true });
    const completed = await engine.records({ processInstanceKey, intent: 'ELEMENT_COMPLETED', elementId: 'p' });
    expect(completed).toHaveLength(1);
  });
});

describe('rejections', () => {
  test('completing an unknown job is engine.not_found; completing it twice is engine.not_found the second time', async () => {
    await expect(engine.completeJob('123')).rejects.toMatchObject({ code: 'engine.not_found' });
    await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await activate();
    await engine.completeJob(job!.key);
    const second = await engine.completeJob(job!.key).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(EngineError);
    expect((second as EngineError).code).toBe('engine.not_found');
    expect((second as EngineError).message).toContain(job!.key);
  });

  test('completing a job whose retries ran out is engine.invalid_state; failing a job that is not activated is engine.invalid_state', async () => {
    await engine.createInstance({ bpmnProcessId: 'p' });
    const [job] = await activate();
    await engine.failJob({ jobKey: job!.key, retries: 0 });
    await expect(engine.completeJob(job!.key)).rejects.toMatchObject({ code: 'engine.invalid_state' });
    await engine.createInstance({ bpmnProcessId: 'p' });
    const open = (await engine.records({ valueType: 'JOB', intent: 'CREATED' })).at(-1)!;
    await expect(engine.failJob({ jobKey: open.key, retries: 1 })).rejects.toMatchObject({ code: 'engine.invalid_state' });
  });

  test('a bad command is rejected and the engine keeps working', async () => {
    await expect(engine.createInstance({ bpmnProcessId: 'nope' })).rejects.toMatchObject({ code: 'engine.not_found' });
    await expect(engine.setVariables({ elementInstanceKey: '1', variables: {} })).rejects.toMatchObject({ code: 'engine.not_found' });
    await expect(engine.createInstance({ bpmnProcessId: 'p', variables: [1] as never })).rejects.toMatchObject({ code: 'engine.invalid_argument' });
    await engine.createInstance({ bpmnProcessId: 'p' });
    expect(await activate()).toHaveLength(1);
  });
});
