// The Zeebe adapter of the WorkflowEngine port against a real Zeebe 8.5 broker (started here; see
// test/setup/zeebe.ts). Skips loudly without JDK 21+/Maven, fails under CI=true.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createZeebeEngine } from '../../engine/zeebe/index.js';
import type { ZeebeEngine } from '../../engine/zeebe/index.js';
import { EngineError, USER_TASK_JOB_TYPE } from '../../engine/port.js';
import type { ActivatedJob, EngineRecord } from '../../engine/port.js';
import { acquireZeebe, zeebeSkipReason } from '../setup/zeebe.js';
import { boundaryProcess, eventGatewayProcess } from '../fixtures/declared-flows.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'zeebe-fixtures');
const skipReason = await zeebeSkipReason();
/** Correlation keys and message ids unique to this run: the broker may be shared with other suites and runs. */
const run = Date.now().toString(36);
const describeWithZeebe = skipReason ? describe.skip : describe;

describeWithZeebe('Zeebe adapter on a real Zeebe 8.5 broker', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let engine: ZeebeEngine;

  beforeAll(async () => {
    broker = await acquireZeebe();
    if (broker.startupMs !== undefined) console.log(`Zeebe healthy after ${broker.startupMs} ms at ${broker.gatewayAddress}`);
    engine = createZeebeEngine({
      gatewayAddress: broker.gatewayAddress,
      managementAddress: broker.managementAddress,
      recordsFile: broker.recordsFile,
    });
    await engine.start();
    await engine.deploy([
      { name: 'case-flow.bpmn', content: await readFile(join(fixtures, 'case-flow.bpmn')) },
      { name: 'timer-flow.bpmn', content: await readFile(join(fixtures, 'timer-flow.bpmn')) },
    ]);
  }, 180_000);

  afterAll(async () => {
    await engine?.stop();
    await broker?.release();
  }, 60_000);

  /** Jobs are created asynchronously after the command that reaches them; poll (long-polling gateway). */
  async function activateOne(type: string, processInstanceKey: string): Promise<ActivatedJob> {
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const jobs = await engine.activateJobs({ type, worker: 'zeebe-it', maxJobsToActivate: 10, timeout: 60_000 });
      const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey);
      for (const other of jobs.filter((j) => j !== mine)) {
        await engine.failJob({ jobKey: other.key, retries: other.retries, errorMessage: 'not this test' });
      }
      if (mine) return mine;
    }
    throw new Error(`no ${type} job for instance ${processInstanceKey}`);
  }

  const elementEvent = (pi: string, intent: string, elementId: string) => (r: EngineRecord) =>
    r.valueType === 'PROCESS_INSTANCE' && r.processInstanceKey === pi && r.intent === intent && r.elementId === elementId;

  it('deploying the same content again returns the existing version', async () => {
    const again = await engine.deploy([
      { name: 'case-flow.bpmn', content: await readFile(join(fixtures, 'case-flow.bpmn')) },
    ]);
    expect(again.processes).toEqual([
      expect.objectContaining({ bpmnProcessId: 'zeebe-it-case', version: 1, resourceName: 'case-flow.bpmn' }),
    ]);
  });

  it('runs a case through service task, user task, message, incident, resolution and modification', async () => {
    // given a started case
    const instance = await engine.createInstance({
      bpmnProcessId: 'zeebe-it-case',
      variables: { caseId: `C-${run}-1`, reviewer: 'wang.li' },
    });
    const pi = instance.processInstanceKey;
    expect(instance).toMatchObject({ bpmnProcessId: 'zeebe-it-case', version: 1, tenantId: '<default>' });

    // when the intake check completes
    const check = await activateOne('gz-it-check', pi);
    expect(check.variables).toMatchObject({ caseId: `C-${run}-1` });
    await engine.completeJob(check.key, { valid: true });

    // then a job-based user task arrives with the modelled assignment, form and due date in its headers
    const review = await activateOne(USER_TASK_JOB_TYPE, pi);
    expect(review.elementId).toBe('review');
    expect(review.customHeaders).toMatchObject({
      'io.camunda.zeebe:formKey': 'gongzhi:form:review:1',
      'io.camunda.zeebe:assignee': 'wang.li',
    });
    // Zeebe re-formats the date (ISO-8601, seconds dropped when zero: "2030-01-31T09:00+08:00"): compare instants
    expect(Date.parse(review.customHeaders['io.camunda.zeebe:dueDate']!)).toBe(Date.parse('2030-01-31T09:00:00+08:00'));
    expect(JSON.parse(review.customHeaders['io.camunda.zeebe:candidateGroups']!)).toEqual([
      'grid-officers',
      'street-office',
    ]);
    await engine.completeJob(review.key, { approved: true });

    // when the citizen's reply is published for this case
    await engine.waitForRecord(
      (r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.processInstanceKey === pi && r.intent === 'CREATED',
    );
    const published = await engine.publishMessage({
      name: 'citizen-reply',
      correlationKey: `C-${run}-1`,
      variables: { reply: '已处理' },
      timeToLive: 60_000,
      messageId: `reply-${run}`,
    });
    expect(published.messageKey).toMatch(/^\d+$/);

    // then notification runs with the reply; failing its last retry raises an incident
    const notify = await activateOne('gz-it-notify', pi);
    expect(notify.variables).toMatchObject({ reply: '已处理', approved: true, valid: true });
    await engine.failJob({ jobKey: notify.key, retries: 0, errorMessage: 'SMS gateway down' });
    await engine.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && r.processInstanceKey === pi);
    const [incident] = await engine.incidents(pi);
    expect(incident).toMatchObject({
      processInstanceKey: pi,
      elementId: 'notify',
      jobKey: notify.key,
      errorType: 'JOB_NO_RETRIES',
      errorMessage: 'SMS gateway down',
    });

    // when retries are given back and the incident is resolved, the job can be activated again
    await engine.updateJobRetries(notify.key, 1);
    await engine.resolveIncident(incident!.incidentKey);
    await engine.waitForRecord((r) => r.valueType === 'INCIDENT' && r.intent === 'RESOLVED' && r.key === incident!.incidentKey);
    expect(await engine.incidents(pi)).toEqual([]);
    const notifyAgain = await activateOne('gz-it-notify', pi);
    expect(notifyAgain.key).toBe(notify.key);

    // when the case is sent back (退回) to review: activate the earlier task, terminate the current one
    await engine.modifyInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'review' }],
      terminateInstructions: [{ elementInstanceKey: notifyAgain.elementInstanceKey }],
    });
    await engine.waitForRecord(elementEvent(pi, 'ELEMENT_TERMINATED', 'notify'));
    const reviewAgain = await activateOne(USER_TASK_JOB_TYPE, pi);
    expect(reviewAgain.elementId).toBe('review');
    expect(reviewAgain.key).not.toBe(review.key);

    // then the history, from the broker's exported records, shows the elements in execution order
    await engine.cancelInstance(pi);
    await engine.waitForRecord(elementEvent(pi, 'ELEMENT_TERMINATED', 'zeebe-it-case'));
    const activated = (await engine.records({ processInstanceKey: pi, valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATED' }))
      .map((r) => r.elementId);
    expect(activated).toEqual(['zeebe-it-case', 'received', 'check', 'review', 'wait-reply', 'notify', 'review']);
    // and the adapter's own commands are part of the same case history
    const commands = (await engine.records({ processInstanceKey: pi, valueType: 'COMMAND' })).map((r) => r.intent);
    expect(commands).toEqual([
      'CREATE_PROCESS_INSTANCE',
      'COMPLETE_JOB',
      'COMPLETE_JOB',
      'FAIL_JOB',
      'UPDATE_JOB_RETRIES',
      'RESOLVE_INCIDENT',
      'MODIFY_PROCESS_INSTANCE',
      'CANCEL_PROCESS_INSTANCE',
    ]);
  }, 120_000);

  it('sets local variables on an element instance', async () => {
    const { processInstanceKey: pi } = await engine.createInstance({
      bpmnProcessId: 'zeebe-it-case',
      variables: { caseId: `C-${run}-2`, reviewer: 'zhao.min' },
    });
    const check = await activateOne('gz-it-check', pi);
    await engine.setVariables({ elementInstanceKey: check.elementInstanceKey, variables: { note: 'local' }, local: true });
    await engine.setVariables({ elementInstanceKey: pi, variables: { priority: 2 } });
    const variableEvents = await engine.waitForRecord(
      (r) => r.valueType === 'VARIABLE' && r.processInstanceKey === pi && r.value.name === 'priority',
    );
    expect(variableEvents.value).toMatchObject({ name: 'priority', value: '2', scopeKey: Number(pi) });
    const note = await engine.waitForRecord(
      (r) => r.valueType === 'VARIABLE' && r.processInstanceKey === pi && r.value.name === 'note',
    );
    expect(String(note.value.scopeKey)).toBe(check.elementInstanceKey);
    await engine.cancelInstance(pi);
  }, 60_000);

  it('reports gateway rejections with the port error codes', async () => {
    const codeOf = async (attempt: Promise<unknown>) => {
      try {
        await attempt;
      } catch (error) {
        return error instanceof EngineError ? error.code : `not an EngineError: ${String(error)}`;
      }
      return 'no error';
    };
    expect(await codeOf(engine.completeJob('2251799813999999'))).toBe('engine.not_found');
    expect(await codeOf(engine.cancelInstance('2251799813999999'))).toBe('engine.not_found');
    expect(await codeOf(engine.deploy([{ name: 'broken.bpmn', content: '<definitions>not bpmn' }]))).toBe(
      'engine.deploy_invalid',
    );
    expect(await codeOf(engine.createInstance({ bpmnProcessId: 'no-such-process' }))).toBe('engine.not_found');
    const message = { name: 'citizen-reply', correlationKey: `nobody-${run}`, timeToLive: 60_000, messageId: `dup-${run}` };
    await engine.publishMessage(message);
    expect(await codeOf(engine.publishMessage(message))).toBe('engine.duplicate_message');
    // and rejected commands stay visible in the adapter's history
    const rejected = await engine.records({ valueType: 'COMMAND', intent: 'PUBLISH_MESSAGE' });
    expect(rejected.at(-1)?.value).toMatchObject({ outcome: 'REJECTED', rejection: 'engine.duplicate_message' });
  }, 60_000);

  it('rejects a boundary event or event-based gateway without <bpmn:outgoing> children, as the embedded engine does', async () => {
    const deployCode = async (name: string, xml: string) => {
      try {
        await engine.deploy([{ name, content: xml }]);
        return 'deployed';
      } catch (error) {
        return error instanceof EngineError ? error.code : `not an EngineError: ${String(error)}`;
      }
    };
    expect(await deployCode('bare-boundary.bpmn', boundaryProcess(`bare_boundary_${run}`, false))).toBe('engine.deploy_invalid');
    expect(await deployCode('bare-gateway.bpmn', eventGatewayProcess(`bare_gateway_${run}`, false))).toBe('engine.deploy_invalid');
    expect(await deployCode('listed-boundary.bpmn', boundaryProcess(`listed_boundary_${run}`, true))).toBe('deployed');
    expect(await deployCode('listed-gateway.bpmn', eventGatewayProcess(`listed_gateway_${run}`, true))).toBe('deployed');
  }, 60_000);

  it('moves the broker clock so that a one-hour timer fires without waiting an hour', async () => {
    const clock = engine.clock!;
    const { processInstanceKey: pi } = await engine.createInstance({ bpmnProcessId: 'zeebe-it-timer' });
    await engine.waitForRecord((r) => r.valueType === 'TIMER' && r.intent === 'CREATED' && r.processInstanceKey === pi);
    const before = clock.now();

    await clock.advance(60 * 60 * 1000 + 1000);

    expect(clock.now() - before).toBeGreaterThanOrEqual(60 * 60 * 1000);
    await engine.waitForRecord((r) => r.valueType === 'TIMER' && r.intent === 'TRIGGERED' && r.processInstanceKey === pi, 20_000);
    await engine.waitForRecord(elementEvent(pi, 'ELEMENT_COMPLETED', 'zeebe-it-timer'), 20_000);
  }, 60_000);

  it('reports a ready single-partition topology and streams records to listeners', async () => {
    // (runs after the clock test on purpose: a moved clock leaves the leader UNHEALTHY yet processing)
    const topology = await engine.topology();
    expect(topology).toMatchObject({ ready: true, engine: 'zeebe', detail: { partitionsCount: 1, leaders: 1 } });
    const seen: EngineRecord[] = [];
    const unsubscribe = engine.onRecord((r) => seen.push(r));
    const { processInstanceKey: pi } = await engine.createInstance({
      bpmnProcessId: 'zeebe-it-case',
      variables: { caseId: `C-${run}-3`, reviewer: 'li.na' },
    });
    await engine.waitForRecord(elementEvent(pi, 'ELEMENT_ACTIVATED', 'check'));
    unsubscribe();
    expect(seen.some((r) => r.valueType === 'COMMAND' && r.processInstanceKey === pi)).toBe(true);
    expect(seen.some(elementEvent(pi, 'ELEMENT_ACTIVATED', 'check'))).toBe(true);
    const positions = seen.map((r) => r.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    await engine.cancelInstance(pi);
  }, 60_000);
});
