/**
 * Job creation for job-worker elements. User tasks become jobs of type io.camunda.zeebe:userTask whose custom
 * headers carry the assignment, form and schedule under Zeebe's header names.
 */
import { USER_TASK_JOB_TYPE } from '../../port.js';
import { evalStaticOrFeel, evalString, IncidentFault } from '../expression.js';
import type { ElementDef } from '../model/types.js';
import type { ElementInstance } from '../state/types.js';
import type { EngineState } from '../state/state.js';
import type { RecordWriter } from './writer.js';

const LIST_HEADERS = new Set(['io.camunda.zeebe:candidateGroups', 'io.camunda.zeebe:candidateUsers']);

/** Zeebe turns candidate lists (static "a, b" or a FEEL list) into a JSON array string. */
function headerValue(header: string, raw: string, ctx: Record<string, unknown>, now: number): string {
  const isList = LIST_HEADERS.has(header);
  if (!raw.trimStart().startsWith('=')) {
    return isList ? JSON.stringify(raw.split(',').map((s) => s.trim()).filter(Boolean)) : raw;
  }
  const v = evalStaticOrFeel(raw, ctx, 'EXTRACT_VALUE_ERROR', now);
  if (isList) {
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return JSON.stringify(v);
    if (typeof v === 'string') return JSON.stringify([v]);
    throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected result of the expression '${raw}' to be a list of strings`);
  }
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected result of the expression '${raw}' to be 'STRING', but was '${typeof v}'`);
}

export function createJob(
  state: EngineState, writer: RecordWriter, inst: ElementInstance, def: ElementDef, ctx: Record<string, unknown>, now: number,
): void {
  const job = def.job!;
  const type = def.type === 'USER_TASK' ? USER_TASK_JOB_TYPE : evalString(job.type, ctx, 'EXTRACT_VALUE_ERROR', 'job type');
  const retriesRaw = evalStaticOrFeel(job.retries, ctx, 'EXTRACT_VALUE_ERROR', now);
  const retries = Number(retriesRaw);
  if (!Number.isFinite(retries)) throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected job retries '${job.retries}' to be a number`);
  let customHeaders = job.headers;
  if (def.type === 'USER_TASK') {
    customHeaders = {};
    for (const [k, v] of Object.entries(job.headers)) {
      const value = k.startsWith('io.camunda.zeebe:') ? headerValue(k, v, ctx, now) : v;
      if (value !== '') customHeaders[k] = value;
    }
  }
  writer.about(inst, 'JOB', 'CREATED', state.newKey(), {
    type,
    retries,
    customHeaders,
    elementInstanceKey: inst.key,
    processDefinitionVersion: inst.pi.version,
  });
}

export function cancelJob(state: EngineState, writer: RecordWriter, inst: ElementInstance): void {
  const job = inst.jobKey ? state.jobs.get(inst.jobKey) : undefined;
  if (!job) return;
  writer.about(inst, 'JOB', 'CANCELED', job.key, { type: job.type, elementInstanceKey: inst.key });
}
