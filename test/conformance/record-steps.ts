/**
 * Expectations about what an instance did or does, read from the engine's records (element order and state)
 * and from its open incidents. Positive expectations poll with a bounded wait; negative ones wait the settle
 * time first, so that an asynchronous engine has had its chance to do the wrong thing.
 */
import { expect } from '@jest/globals';
import type { Incident, WorkflowEngine } from '../../engine/port.js';
import type { ScenarioContext } from './context.js';
import {
  activeElementInstances,
  completedElements,
  instanceState,
  instancesOfProcess,
  isSubsequence,
  pollUntil,
  processInstanceRecords,
  sleep,
  terminatedElements,
} from './observe.js';
import type {
  ExpectActiveStep,
  ExpectCompletedCountStep,
  ExpectCompletedStep,
  ExpectIncidentStep,
  ExpectInstanceCountStep,
  ExpectInstanceStep,
  ExpectNoIncidentStep,
  ExpectNotPassedStep,
  ExpectPassedStep,
  ExpectTerminatedStep,
} from './types.js';

/** Polls until `holds` is true of the instance's records; on timeout fails, showing `shown` of the last records. */
async function eventually(
  engine: WorkflowEngine,
  instanceKey: string,
  ctx: ScenarioContext,
  holds: (records: Awaited<ReturnType<typeof processInstanceRecords>>) => boolean,
  failure: (records: Awaited<ReturnType<typeof processInstanceRecords>>) => string,
): Promise<void> {
  let last: Awaited<ReturnType<typeof processInstanceRecords>> = [];
  const ok = await pollUntil(async () => {
    last = await processInstanceRecords(engine, instanceKey);
    return holds(last) ? true : undefined;
  }, ctx.poll);
  if (!ok) throw new Error(failure(last));
}

export async function expectInstance(engine: WorkflowEngine, step: ExpectInstanceStep, ctx: ScenarioContext): Promise<void> {
  const key = ctx.instanceKey(step.instance);
  if (step.state === 'active') await sleep(ctx.settleMs);
  await eventually(engine, key, ctx, (r) => instanceState(r) === step.state,
    (r) => `expected instance ${step.instance ?? 'main'} to be ${step.state}, it is ${instanceState(r)}; completed so far: ${completedElements(r).join(', ')}`);
}

export async function expectCompleted(engine: WorkflowEngine, step: ExpectCompletedStep, ctx: ScenarioContext): Promise<void> {
  await eventually(engine, ctx.instanceKey(step.instance), ctx, (r) => isSubsequence(step.elements, completedElements(r)),
    (r) => `expected completions in order [${step.elements.join(', ')}], completed: [${completedElements(r).join(', ')}]`);
}

export async function expectPassed(engine: WorkflowEngine, step: ExpectPassedStep, ctx: ScenarioContext): Promise<void> {
  await eventually(engine, ctx.instanceKey(step.instance), ctx, (r) => step.elements.every((id) => completedElements(r).includes(id)),
    (r) => `expected [${step.elements.join(', ')}] to have completed, completed: [${completedElements(r).join(', ')}]`);
}

export async function expectNotPassed(engine: WorkflowEngine, step: ExpectNotPassedStep, ctx: ScenarioContext): Promise<void> {
  await sleep(ctx.settleMs);
  const completed = completedElements(await processInstanceRecords(engine, ctx.instanceKey(step.instance)));
  expect(step.elements.filter((id) => completed.includes(id))).toEqual([]);
}

export async function expectTerminated(engine: WorkflowEngine, step: ExpectTerminatedStep, ctx: ScenarioContext): Promise<void> {
  await eventually(engine, ctx.instanceKey(step.instance), ctx, (r) => step.elements.every((id) => terminatedElements(r).includes(id)),
    (r) => `expected [${step.elements.join(', ')}] to have been terminated, terminated: [${terminatedElements(r).join(', ')}]`);
}

export async function expectActive(engine: WorkflowEngine, step: ExpectActiveStep, ctx: ScenarioContext): Promise<void> {
  const activeIds = (r: Awaited<ReturnType<typeof processInstanceRecords>>) => activeElementInstances(r).map((e) => e.elementId);
  await eventually(engine, ctx.instanceKey(step.instance), ctx, (r) => step.elements.every((id) => activeIds(r).includes(id)),
    (r) => `expected [${step.elements.join(', ')}] to be active, active: [${activeIds(r).join(', ')}]`);
}

export async function expectCompletedCount(engine: WorkflowEngine, step: ExpectCompletedCountStep, ctx: ScenarioContext): Promise<void> {
  const key = ctx.instanceKey(step.instance);
  const count = async () =>
    (await processInstanceRecords(engine, key)).filter(
      (r) => r.intent === 'ELEMENT_COMPLETED' && r.elementId === step.elementId &&
        (step.bpmnElementType === undefined || r.bpmnElementType === step.bpmnElementType),
    ).length;
  await pollUntil(async () => ((await count()) >= step.count ? true : undefined), ctx.poll);
  await sleep(ctx.settleMs);
  expect({ [step.elementId]: await count() }).toEqual({ [step.elementId]: step.count });
}

export async function expectInstanceCount(engine: WorkflowEngine, step: ExpectInstanceCountStep, ctx: ScenarioContext): Promise<void> {
  await pollUntil(async () => ((await instancesOfProcess(engine, step.process, ctx.positionFloor)).length >= step.count ? true : undefined), ctx.poll);
  await sleep(ctx.settleMs);
  expect({ [step.process]: (await instancesOfProcess(engine, step.process, ctx.positionFloor)).length }).toEqual({ [step.process]: step.count });
}

/**
 * The element an incident is at, by its element instance. (Zeebe 8.5 writes the literal elementId
 * `NO_CATCH_EVENT_FOUND` into the incident of an unhandled error thrown by a job worker; its elementInstanceKey
 * still names the task, which is what Operate shows and what the scenarios assert.)
 */
async function incidentElements(engine: WorkflowEngine, instanceKey: string, incidents: Incident[]): Promise<Map<Incident, string>> {
  const elementOf = new Map<string, string>();
  for (const r of await processInstanceRecords(engine, instanceKey)) if (r.elementId !== undefined) elementOf.set(r.key, r.elementId);
  return new Map(incidents.map((i) => [i, elementOf.get(i.elementInstanceKey) ?? i.elementId]));
}

/** The open incident of the instance at `elementId` (or its only one), waiting for it to appear. */
export async function findIncident(engine: WorkflowEngine, instanceKey: string, elementId: string | undefined, ctx: ScenarioContext): Promise<{ incident: Incident; elementId: string }> {
  let seen = new Map<Incident, string>();
  const found = await pollUntil(async () => {
    seen = await incidentElements(engine, instanceKey, await engine.incidents(instanceKey));
    const match = [...seen].find(([, at]) => elementId === undefined || at === elementId);
    return match && (elementId !== undefined || seen.size === 1) ? { incident: match[0], elementId: match[1] } : undefined;
  }, ctx.poll);
  if (!found) {
    throw new Error(`expected an open incident${elementId ? ` at ${elementId}` : ''}, open: ${JSON.stringify([...seen].map(([i, at]) => [at, i.errorType, i.errorMessage]))}`);
  }
  return found;
}

export async function expectIncident(engine: WorkflowEngine, step: ExpectIncidentStep, ctx: ScenarioContext): Promise<void> {
  const found = await findIncident(engine, ctx.instanceKey(step.instance), step.elementId, ctx);
  expect({ elementId: found.elementId, errorType: found.incident.errorType }).toEqual({ elementId: step.elementId, errorType: step.errorType });
}

export async function expectNoIncident(engine: WorkflowEngine, step: ExpectNoIncidentStep, ctx: ScenarioContext): Promise<void> {
  await sleep(ctx.settleMs);
  const open = await engine.incidents(ctx.instanceKey(step.instance));
  expect(open.map((i) => `${i.errorType}@${i.elementId}: ${i.errorMessage}`)).toEqual([]);
}
