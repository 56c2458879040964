/**
 * The conformance runner: one jest test per scenario, each on a fresh engine, interpreting the scenario's steps
 * through the `WorkflowEngine` port only — so that the very same scenarios prove the embedded engine and run on
 * a real Zeebe broker.
 */
import { describe, test } from '@jest/globals';
import type { WorkflowEngine } from '../../engine/port.js';
import { ScenarioContext } from './context.js';
import { lastPosition } from './observe.js';
import * as commands from './command-steps.js';
import * as jobs from './jobs.js';
import * as records from './record-steps.js';
import { scenarios as allScenarios } from './scenarios/index.js';
import type { Scenario, Step } from './types.js';

export interface ConformanceOptions {
  /** Returns a reason to skip a scenario on this engine (shown in the test name), or undefined to run it. */
  skip?: (scenario: Scenario) => string | undefined;
  /** Real-time bound for anything that must eventually happen (default 5 s). */
  waitMs?: number;
  /** Real time to wait before asserting that something did not happen (default 150 ms). */
  settleMs?: number;
  /** Run these scenarios instead of all of them. */
  scenarios?: Scenario[];
  /** Jest timeout of one scenario (default: jest's configured timeout). */
  testTimeoutMs?: number;
}

export function describeConformance(
  engineName: string,
  createEngine: () => Promise<WorkflowEngine>,
  options: ConformanceOptions = {},
): void {
  describe(`BPMN conformance on ${engineName}`, () => {
    for (const scenario of options.scenarios ?? allScenarios) {
      const skipReason = options.skip?.(scenario);
      if (skipReason !== undefined) {
        test.skip(`${scenario.name} (skipped: ${skipReason})`, () => undefined);
        continue;
      }
      test(scenario.name, async () => {
        const engine = await createEngine();
        await engine.start();
        try {
          const ctx = new ScenarioContext({ timeoutMs: options.waitMs ?? 5000, intervalMs: 20 }, options.settleMs ?? 150);
          await runScenario(engine, scenario, ctx);
        } finally {
          await engine.stop();
        }
      }, options.testTimeoutMs);
    }
  });
}

export async function runScenario(engine: WorkflowEngine, scenario: Scenario, ctx: ScenarioContext): Promise<void> {
  ctx.positionFloor = await lastPosition(engine);
  await commands.deploy(engine, scenario.resources);
  for (const [index, step] of scenario.steps.entries()) {
    try {
      await runStep(engine, step, ctx);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${scenario.name}: step ${index + 1} ${JSON.stringify(step)} failed:\n${reason}`, { cause: error });
    }
  }
}

function runStep(engine: WorkflowEngine, step: Step, ctx: ScenarioContext): Promise<void> {
  switch (step.step) {
    case 'deploy': return commands.deploy(engine, step.resources, step.expectRejected);
    case 'createInstance': return commands.createInstance(engine, step, ctx);
    case 'captureInstance': return commands.captureInstance(engine, step, ctx);
    case 'expectInstanceCount': return records.expectInstanceCount(engine, step, ctx);
    case 'activateAndComplete': return jobs.activateAndComplete(engine, step, ctx);
    case 'activateAndFail': return jobs.activateAndFail(engine, step, ctx);
    case 'activateAndAbandon': return jobs.activateAndAbandon(engine, step, ctx);
    case 'activateAndThrowError': return jobs.activateAndThrowError(engine, step, ctx);
    case 'expectNoJob': return jobs.expectNoJob(engine, step, ctx);
    case 'publishMessage': return commands.publishMessage(engine, step);
    case 'advanceClock': return commands.advanceClock(engine, step);
    case 'setVariables': return commands.setVariables(engine, step, ctx);
    case 'modifyInstance': return commands.modifyInstance(engine, step, ctx);
    case 'cancelInstance': return commands.cancelInstance(engine, step, ctx);
    case 'expectIncident': return records.expectIncident(engine, step, ctx);
    case 'expectNoIncident': return records.expectNoIncident(engine, step, ctx);
    case 'resolveIncident': return commands.resolveIncident(engine, step, ctx);
    case 'expectInstance': return records.expectInstance(engine, step, ctx);
    case 'expectCompleted': return records.expectCompleted(engine, step, ctx);
    case 'expectPassed': return records.expectPassed(engine, step, ctx);
    case 'expectNotPassed': return records.expectNotPassed(engine, step, ctx);
    case 'expectTerminated': return records.expectTerminated(engine, step, ctx);
    case 'expectActive': return records.expectActive(engine, step, ctx);
    case 'expectCompletedCount': return records.expectCompletedCount(engine, step, ctx);
  }
}
