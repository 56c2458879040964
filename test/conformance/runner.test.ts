/**
 * The runner's expectations must bite: each scenario below is wrong on purpose (it claims what Zeebe does not do),
 * and running it on the embedded engine must fail at the wrong step — otherwise a passing conformance run would
 * prove nothing.
 */
import { describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine } from '../../engine/index.js';
import { ScenarioContext } from './context.js';
import { runScenario } from './runner.js';
import type { Scenario, Step } from './types.js';

const wrong = (name: string, resources: string[], steps: Step[]): Scenario => ({
  name, description: 'deliberately wrong', zeebeDoc: 'https://docs.camunda.io/docs/8.5/', resources, steps,
});

const cases: [Scenario, string][] = [
  [wrong('takes-the-default-although-the-condition-holds', ['exclusive.bpmn'], [
    { step: 'createInstance', process: 'xor', variables: { amount: 5000 } },
    { step: 'activateAndComplete', jobType: 'ct.xor.small' },
  ]), 'step 2'],
  [wrong('no-job-although-there-is-one', ['service-task.bpmn'], [
    { step: 'createInstance', process: 'svc-basic' },
    { step: 'expectNoJob', jobType: 'ct.svc' },
  ]), 'step 2'],
  [wrong('completed-although-waiting', ['service-task.bpmn'], [
    { step: 'createInstance', process: 'svc-basic' },
    { step: 'expectInstance', state: 'completed' },
  ]), 'step 2'],
  [wrong('wrong-order', ['service-task.bpmn'], [
    { step: 'createInstance', process: 'svc-basic' },
    { step: 'activateAndComplete', jobType: 'ct.svc' },
    { step: 'activateAndComplete', jobType: 'ct.svc.check' },
    { step: 'expectCompleted', elements: ['check', 'svc'] },
  ]), 'step 4'],
  [wrong('wrong-variable-value', ['script-task.bpmn'], [
    { step: 'createInstance', process: 'script-feel', variables: { a: 2, b: 3 } },
    { step: 'activateAndComplete', jobType: 'ct.script.check', expectVariables: { sum: 6 } },
  ]), 'step 2'],
  [wrong('absent-variable-that-is-present', ['script-task.bpmn'], [
    { step: 'createInstance', process: 'script-feel', variables: { a: 2, b: 3 } },
    { step: 'activateAndComplete', jobType: 'ct.script.check', expectAbsentVariables: ['sum'] },
  ]), 'step 2'],
  [wrong('wrong-header', ['service-task.bpmn'], [
    { step: 'createInstance', process: 'svc-basic' },
    { step: 'activateAndComplete', jobType: 'ct.svc', expectHeaders: { caseType: 'rural' } },
  ]), 'step 2'],
  [wrong('incident-of-the-wrong-type', ['exclusive-no-default.bpmn'], [
    { step: 'createInstance', process: 'xor-strict', variables: { amount: 10 } },
    { step: 'expectIncident', errorType: 'JOB_NO_RETRIES', elementId: 'gw' },
  ]), 'step 2'],
  [wrong('count-too-high', ['parallel.bpmn'], [
    { step: 'createInstance', process: 'par' },
    { step: 'activateAndComplete', jobType: 'ct.par.a' },
    { step: 'activateAndComplete', jobType: 'ct.par.b' },
    { step: 'expectCompletedCount', elementId: 'join', count: 2 },
  ]), 'step 4'],
  [wrong('duplicate-message-accepted-as-rejected', ['message-catch.bpmn'], [
    { step: 'publishMessage', name: 'inspection.done', correlationKey: 'K', messageId: 'M-1', timeToLive: 60_000, expectRejected: true },
  ]), 'step 1'],
  [wrong('valid-deployment-expected-to-be-rejected', [], [
    { step: 'deploy', resources: ['parallel.bpmn'], expectRejected: true },
  ]), 'step 1'],
];

describe('the conformance runner rejects wrong expectations', () => {
  test.each(cases.map(([scenario, step]) => [scenario.name, scenario, step] as const))('%s', async (_name, scenario, failingStep) => {
    const engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-03-02T01:00:00.000Z') } });
    await engine.start();
    try {
      const ctx = new ScenarioContext({ timeoutMs: 400, intervalMs: 20 }, 50);
      await expect(runScenario(engine, scenario, ctx)).rejects.toThrow(`${scenario.name}: ${failingStep} `);
    } finally {
      await engine.stop();
    }
  });
});
