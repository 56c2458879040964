/**
 * Command steps of the conformance runner: what a client of the engine does (deploy, create, publish, set
 * variables, modify, cancel, resolve, move the clock). Element ids are resolved to element instance keys
 * through the records, as an operator does through Operate.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from '@jest/globals';
import { EngineError } from '../../engine/port.js';
import type { Variables, WorkflowEngine } from '../../engine/port.js';
import type { ScenarioContext } from './context.js';
import { activeElementInstances, instancesOfProcess, pollUntil, processInstanceRecords } from './observe.js';
import { findIncident } from './record-steps.js';
import type {
  AdvanceClockStep,
  CancelInstanceStep,
  CaptureInstanceStep,
  CreateInstanceStep,
  ModifyInstanceStep,
  PublishMessageStep,
  ResolveIncidentStep,
  SetVariablesStep,
} from './types.js';

const BPMN_DIR = fileURLToPath(new URL('./bpmn/', import.meta.url));

export async function deploy(engine: WorkflowEngine, resources: string[], expectRejected = false): Promise<void> {
  if (resources.length === 0) return;
  const deployment = engine.deploy(resources.map((name) => ({ name, content: readFileSync(BPMN_DIR + name, 'utf8') })));
  if (!expectRejected) {
    await deployment;
    return;
  }
  const outcome = await deployment.then(() => undefined, (error: unknown) => error);
  expect(outcome).toBeInstanceOf(EngineError);
  expect((outcome as EngineError).code).toBe('engine.deploy_invalid');
}

export async function createInstance(engine: WorkflowEngine, step: CreateInstanceStep, ctx: ScenarioContext): Promise<void> {
  const now = engine.clock?.now() ?? Date.now();
  const dates: Variables = {};
  for (const [name, offset] of Object.entries(step.dateVariablesFromNow ?? {})) dates[name] = new Date(now + offset).toISOString();
  const ref = await engine.createInstance({
    bpmnProcessId: step.process,
    variables: { ...(step.variables ?? {}), ...dates },
    ...(step.startAt ? { startInstructions: step.startAt.map((elementId) => ({ elementId })) } : {}),
  });
  ctx.bind(step.instance ?? 'main', ref.processInstanceKey);
}

export async function captureInstance(engine: WorkflowEngine, step: CaptureInstanceStep, ctx: ScenarioContext): Promise<void> {
  const known = ctx.knownInstanceKeys();
  const key = await pollUntil(async () => (await instancesOfProcess(engine, step.process, ctx.positionFloor)).find((k) => !known.has(k)), ctx.poll);
  if (key === undefined) throw new Error(`no new instance of '${step.process}' appeared`);
  ctx.bind(step.as, key);
}

/** The key of the single active instance of `elementId` in the instance, waiting for it to become active. */
async function activeElementInstanceKey(engine: WorkflowEngine, instanceKey: string, elementId: string, ctx: ScenarioContext): Promise<string> {
  const key = await pollUntil(async () => {
    const active = activeElementInstances(await processInstanceRecords(engine, instanceKey)).filter(
      (e) => e.elementId === elementId && e.bpmnElementType !== 'MULTI_INSTANCE_BODY',
    );
    return active.length === 1 ? active[0]!.key : undefined;
  }, ctx.poll);
  if (key === undefined) throw new Error(`expected exactly one active instance of '${elementId}'`);
  return key;
}

export async function setVariables(engine: WorkflowEngine, step: SetVariablesStep, ctx: ScenarioContext): Promise<void> {
  const instanceKey = ctx.instanceKey(step.instance);
  const scopeKey = step.elementId === undefined ? instanceKey : await activeElementInstanceKey(engine, instanceKey, step.elementId, ctx);
  await engine.setVariables({ elementInstanceKey: scopeKey, variables: step.variables, local: step.local ?? false });
}

export async function modifyInstance(engine: WorkflowEngine, step: ModifyInstanceStep, ctx: ScenarioContext): Promise<void> {
  const processInstanceKey = ctx.instanceKey(step.instance);
  const terminateInstructions = [];
  for (const elementId of step.terminate ?? []) {
    terminateInstructions.push({ elementInstanceKey: await activeElementInstanceKey(engine, processInstanceKey, elementId, ctx) });
  }
  await engine.modifyInstance({
    processInstanceKey,
    activateInstructions: (step.activate ?? []).map((elementId) => ({ elementId })),
    terminateInstructions,
  });
}

export async function cancelInstance(engine: WorkflowEngine, step: CancelInstanceStep, ctx: ScenarioContext): Promise<void> {
  await engine.cancelInstance(ctx.instanceKey(step.instance));
}

export async function resolveIncident(engine: WorkflowEngine, step: ResolveIncidentStep, ctx: ScenarioContext): Promise<void> {
  const { incident } = await findIncident(engine, ctx.instanceKey(step.instance), step.elementId, ctx);
  if (step.updateJobRetries !== undefined) {
    if (incident.jobKey === undefined) throw new Error(`incident at ${incident.elementId} has no job to give retries to`);
    await engine.updateJobRetries(incident.jobKey, step.updateJobRetries);
  }
  await engine.resolveIncident(incident.incidentKey);
}

export async function publishMessage(engine: WorkflowEngine, step: PublishMessageStep): Promise<void> {
  const publish = engine.publishMessage({
    name: step.name,
    correlationKey: step.correlationKey,
    ...(step.variables !== undefined ? { variables: step.variables } : {}),
    ...(step.timeToLive !== undefined ? { timeToLive: step.timeToLive } : {}),
    ...(step.messageId !== undefined ? { messageId: step.messageId } : {}),
  });
  if (!step.expectRejected) {
    await publish;
    return;
  }
  const outcome = await publish.then(() => undefined, (error: unknown) => error);
  expect(outcome).toBeInstanceOf(EngineError);
  expect((outcome as EngineError).code).toBe('engine.duplicate_message');
}

export async function advanceClock(engine: WorkflowEngine, step: AdvanceClockStep): Promise<void> {
  if (!engine.clock) throw new Error('this scenario moves the clock, but the engine exposes no controllable clock');
  await engine.clock.advance(step.ms);
}
