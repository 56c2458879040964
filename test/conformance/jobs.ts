/**
 * Job steps of the conformance runner: activate (polling with a bounded wait, since jobs are created
 * asynchronously on Zeebe), check what the worker sees (variables, headers, element), then complete, fail or
 * throw a BPMN error — exactly what a real job worker can observe and do.
 */
import { expect } from '@jest/globals';
import type { ActivatedJob, Variables, WorkflowEngine } from '../../engine/port.js';
import { pollUntil, sleep } from './observe.js';
import type { ScenarioContext } from './context.js';
import type {
  ActivateAndAbandonStep,
  ActivateAndCompleteStep,
  ActivateAndFailStep,
  ActivateAndThrowErrorStep,
  ExpectNoJobStep,
} from './types.js';

const WORKER = 'conformance-runner';
/** Long enough that no activated job times out while a scenario moves the engine clock. */
const JOB_TIMEOUT_MS = 365 * 24 * 3600 * 1000;

/**
 * Activates jobs of the type and keeps the first that belongs to an instance of this scenario (created or
 * captured) — to the wanted instance, when the step names one. Other jobs are handed back at once (failed with
 * unchanged retries): on a broker shared by several scenarios, a leftover of one scenario must not be mistaken for
 * another's, and activation order among instances is not part of Zeebe's contract.
 */
async function activateOne(
  engine: WorkflowEngine,
  step: { jobType: string; expectInstance?: string },
  ctx: ScenarioContext,
  timeout = JOB_TIMEOUT_MS,
): Promise<ActivatedJob> {
  const wanted = step.expectInstance === undefined ? undefined : ctx.instanceKey(step.expectInstance);
  const jobType = step.jobType;
  const job = await pollUntil(async () => {
    const jobs = await engine.activateJobs({ type: jobType, worker: WORKER, maxJobsToActivate: 5, timeout });
    const ours = ctx.knownInstanceKeys();
    const mine = jobs.find((j) => (wanted === undefined ? ours.has(j.processInstanceKey) : j.processInstanceKey === wanted));
    for (const other of jobs.filter((j) => j !== mine)) await handBack(engine, other);
    return mine;
  }, ctx.poll);
  if (!job) throw new Error(`no job of type '${jobType}' became activatable within ${ctx.poll.timeoutMs} ms`);
  return job;
}

async function handBack(engine: WorkflowEngine, job: ActivatedJob): Promise<void> {
  await engine.failJob({ jobKey: job.key, retries: job.retries, errorMessage: 'handed back by the conformance runner' });
}

function checkJob(
  job: ActivatedJob,
  step: ActivateAndCompleteStep | ActivateAndFailStep | ActivateAndThrowErrorStep | ActivateAndAbandonStep,
  ctx: ScenarioContext,
): void {
  if (step.expectElementId !== undefined) expect(job.elementId).toBe(step.expectElementId);
  if (step.expectInstance !== undefined) expect(job.processInstanceKey).toBe(ctx.instanceKey(step.expectInstance));
  for (const [name, value] of Object.entries(step.expectVariables ?? {})) {
    expect({ [name]: job.variables[name] }).toEqual({ [name]: value });
  }
  for (const name of step.expectAbsentVariables ?? []) {
    expect(Object.keys(job.variables)).not.toContain(name);
  }
  for (const [name, value] of Object.entries(step.expectHeaders ?? {})) {
    expect({ [name]: job.customHeaders[name] }).toEqual({ [name]: value });
  }
}

function completionVariables(job: ActivatedJob, step: ActivateAndCompleteStep): Variables {
  const echoed: Variables = {};
  for (const [target, source] of Object.entries(step.echo ?? {})) echoed[target] = job.variables[source];
  return { ...(step.variables ?? {}), ...echoed };
}

export async function activateAndComplete(engine: WorkflowEngine, step: ActivateAndCompleteStep, ctx: ScenarioContext): Promise<void> {
  for (let i = 0; i < (step.count ?? 1); i += 1) {
    const job = await activateOne(engine, step, ctx);
    checkJob(job, step, ctx);
    await engine.completeJob(job.key, completionVariables(job, step));
  }
}

export async function activateAndFail(engine: WorkflowEngine, step: ActivateAndFailStep, ctx: ScenarioContext): Promise<void> {
  const job = await activateOne(engine, step, ctx);
  checkJob(job, step, ctx);
  await engine.failJob({
    jobKey: job.key,
    retries: step.retries,
    errorMessage: step.errorMessage ?? 'failed by the conformance runner',
    ...(step.retryBackOffMs !== undefined ? { retryBackOff: step.retryBackOffMs } : {}),
  });
}

export async function activateAndAbandon(engine: WorkflowEngine, step: ActivateAndAbandonStep, ctx: ScenarioContext): Promise<void> {
  checkJob(await activateOne(engine, step, ctx, step.timeoutMs), step, ctx);
}

export async function activateAndThrowError(engine: WorkflowEngine, step: ActivateAndThrowErrorStep, ctx: ScenarioContext): Promise<void> {
  const job = await activateOne(engine, step, ctx);
  checkJob(job, step, ctx);
  await engine.throwError({
    jobKey: job.key,
    errorCode: step.errorCode,
    ...(step.errorMessage !== undefined ? { errorMessage: step.errorMessage } : {}),
    ...(step.variables !== undefined ? { variables: step.variables } : {}),
  });
}

export async function expectNoJob(engine: WorkflowEngine, step: ExpectNoJobStep, ctx: ScenarioContext): Promise<void> {
  await sleep(ctx.settleMs);
  const jobs = await engine.activateJobs({ type: step.jobType, worker: WORKER, maxJobsToActivate: 5, timeout: JOB_TIMEOUT_MS });
  const ours = ctx.knownInstanceKeys();
  for (const other of jobs.filter((j) => !ours.has(j.processInstanceKey))) await handBack(engine, other);
  expect(jobs.filter((j) => ours.has(j.processInstanceKey)).map((j) => `${j.type}@${j.elementId}`)).toEqual([]);
}
