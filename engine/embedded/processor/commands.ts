/**
 * Command handlers: validate a client command (rejections are EngineErrors, thrown before anything is
 * written), then write its records and let the BPMN lifecycle do the rest. One command runs at a time.
 */
import {
  DEFAULT_TENANT, EngineError,
  type ActivateJobsRequest, type ActivatedJob, type CreateInstanceRequest, type FailJobRequest, type ModifyInstanceRequest,
  type ProcessInstanceRef, type PublishMessageRequest, type SetVariablesRequest, type ThrowErrorRequest, type Variables as Vars,
} from '../../port.js';
import { correlationIndexKey, tenantKey, type EngineState } from '../state/state.js';
import type { DeployedProcess, ElementInstance, JobEntity, TimerEntity } from '../state/types.js';
import type { Bpmn } from './bpmn.js';
import { nextCycleDueDate } from './timers.js';
import type { RecordWriter } from './writer.js';

/** The element id Zeebe 8.5 gives the incident of a worker error that no catch event handles. */
const NO_CATCH_EVENT_FOUND = 'NO_CATCH_EVENT_FOUND';

const isObject = (v: unknown): v is Vars => typeof v === 'object' && v !== null && !Array.isArray(v);

export class Commands {
  constructor(private readonly state: EngineState, private readonly writer: RecordWriter, private readonly bpmn: Bpmn) {}

  private variables(v: unknown, what: string): Vars | undefined {
    if (v === undefined || v === null) return undefined;
    if (!isObject(v)) throw new EngineError('engine.invalid_argument', `${what} must be a JSON object`);
    return v;
  }

  createInstance(req: CreateInstanceRequest): ProcessInstanceRef {
    const tenantId = req.tenantId ?? DEFAULT_TENANT;
    const versions = this.state.versions.get(tenantKey(tenantId, req.bpmnProcessId)) ?? [];
    const proc = req.version === undefined || req.version === -1 ? versions[versions.length - 1] : versions.find((p) => p.version === req.version);
    if (!proc) {
      throw new EngineError('engine.not_found',
        `Expected to find process definition with process ID '${req.bpmnProcessId}'${req.version ? ` and version ${req.version}` : ''}, but none found`);
    }
    const variables = this.variables(req.variables, 'variables');
    const startAt = req.startInstructions?.map((s) => s.elementId);
    const model = proc.model;
    for (const id of startAt ?? []) {
      const el = model.elements.get(id);
      if (!el || el.type === 'PROCESS' || el.type === 'BOUNDARY_EVENT' || el.type === 'SEQUENCE_FLOW') {
        throw new EngineError('engine.invalid_argument', `Expected to start at element '${id}', but no such element can be activated in '${proc.bpmnProcessId}'`);
      }
    }
    if (!startAt?.length && !model.elements.get(proc.bpmnProcessId)?.noneStartId) {
      throw new EngineError('engine.invalid_argument', `Expected process '${proc.bpmnProcessId}' to have a none start event, but it has none`);
    }
    const pi = this.bpmn.createProcessInstance(proc, variables, startAt?.length ? startAt : undefined);
    this.writer.about(pi, 'PROCESS_INSTANCE_CREATION', 'CREATED', pi.key, { variables: variables ?? {}, processInstanceKey: pi.key });
    return { processInstanceKey: pi.key, bpmnProcessId: proc.bpmnProcessId, version: proc.version, processDefinitionKey: proc.key, tenantId };
  }

  private processInstance(key: string, verb: string): ElementInstance {
    const pi = this.state.instances.get(key);
    if (!pi || pi.type !== 'PROCESS') {
      throw new EngineError('engine.not_found', `Expected to ${verb} a process instance with key '${key}', but no such process was found`);
    }
    return pi;
  }

  cancelInstance(key: string): void {
    const pi = this.processInstance(key, 'cancel');
    if (pi.pi.parentElementInstanceKey) {
      throw new EngineError('engine.invalid_state',
        `Expected to cancel a process instance with key '${key}', but it is created by a parent process instance. Cancel the root process instance '${pi.pi.parentProcessInstanceKey}' instead.`);
    }
    this.bpmn.terminate(pi);
  }

  modifyInstance(req: ModifyInstanceRequest): void {
    const pi = this.processInstance(req.processInstanceKey, 'modify');
    const model = pi.pi.process.model;
    const activations = (req.activateInstructions ?? []).map((a) => {
      const def = model.elements.get(a.elementId);
      if (!def || def.type === 'PROCESS' || def.type === 'SEQUENCE_FLOW' || def.type === 'BOUNDARY_EVENT') {
        throw new EngineError('engine.invalid_argument', `Expected to activate element '${a.elementId}', but no such element can be activated in '${pi.pi.bpmnProcessId}'`);
      }
      const ancestor = a.ancestorElementInstanceKey ? this.state.instances.get(a.ancestorElementInstanceKey) : pi;
      if (!ancestor || ancestor.pi !== pi.pi) {
        throw new EngineError('engine.invalid_argument', `Expected ancestor element instance '${a.ancestorElementInstanceKey}' to be active in process instance '${pi.key}'`);
      }
      return { def, ancestor, vars: a.variableInstructions ?? [] };
    });
    const terminations = (req.terminateInstructions ?? []).map((t) => {
      const inst = this.state.instances.get(t.elementInstanceKey);
      if (!inst || inst.pi !== pi.pi || inst.type === 'PROCESS') {
        throw new EngineError('engine.invalid_argument',
          `Expected to terminate element instance '${t.elementInstanceKey}', but it is not an active element instance of process instance '${pi.key}'`);
      }
      return inst;
    });
    this.writer.about(pi, 'PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', pi.key, {
      activateInstructions: req.activateInstructions ?? [], terminateInstructions: req.terminateInstructions ?? [],
    });
    for (const a of activations) this.bpmn.guard(pi, () => this.bpmn.activateInScopes(a.ancestor, a.def, a.vars));
    for (const inst of terminations) {
      const scope = this.bpmn.scopeOf(inst);
      this.bpmn.terminate(inst);
      if (scope) this.bpmn.childFinished(scope);
    }
  }

  setVariables(req: SetVariablesRequest): void {
    const inst = this.state.instances.get(req.elementInstanceKey);
    if (!inst) {
      throw new EngineError('engine.not_found', `Expected to update variables for element with key '${req.elementInstanceKey}', but no such element was found`);
    }
    const vars = this.variables(req.variables, 'variables') ?? {};
    if (req.local) this.bpmn.vars.setLocalAll(inst, vars);
    else this.bpmn.vars.merge(inst, vars);
  }

  publishMessage(req: PublishMessageRequest): { messageKey: string } {
    const tenantId = req.tenantId ?? DEFAULT_TENANT;
    if (!req.name) throw new EngineError('engine.invalid_argument', 'a message needs a name');
    const ttl = Math.max(0, req.timeToLive ?? 0);
    if (req.messageId && ttl > 0 && this.state.messageIds.has(correlationIndexKey(tenantId, req.name, req.messageId))) {
      throw new EngineError('engine.duplicate_message',
        `Expected to publish a new message with id '${req.messageId}', but a message with that id was already published`);
    }
    const variables = this.variables(req.variables, 'message variables') ?? {};
    const correlationKey = req.correlationKey ?? '';
    const key = this.state.newKey();
    this.writer.write({
      key, valueType: 'MESSAGE', intent: 'PUBLISHED', tenantId,
      value: { name: req.name, correlationKey, variables, timeToLive: ttl, deadline: this.bpmn.now() + ttl, ...(req.messageId ? { messageId: req.messageId } : {}) },
    });
    // Zeebe: a message correlates to at most one instance per process (bpmnProcessId)
    const correlated = new Set<string>();
    for (const subKey of [...(this.state.subscriptionsByCorrelation.get(correlationIndexKey(tenantId, req.name, correlationKey)) ?? [])]) {
      const sub = this.state.subscriptions.get(subKey);
      if (!sub || correlated.has(sub.bpmnProcessId)) continue;
      if (this.bpmn.events.correlate(sub, key, variables)) correlated.add(sub.bpmnProcessId);
      this.bpmn.drain();
    }
    for (const start of [...(this.state.startSubscriptions.get(tenantKey(tenantId, req.name)) ?? [])]) {
      const startCorrelation = correlationKey ? `${start.bpmnProcessId}\u0000${correlationKey}` : undefined;
      if (correlated.has(start.bpmnProcessId)) continue;
      if (startCorrelation && this.state.messageStartedInstances.has(startCorrelation)) continue;
      correlated.add(start.bpmnProcessId);
      const proc = this.state.processes.get(start.processDefinitionKey);
      if (!proc) continue;
      this.writer.write({
        key: this.state.newKey(), valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'CORRELATED', tenantId,
        bpmnProcessId: proc.bpmnProcessId, processDefinitionKey: proc.key, elementId: start.targetElementId,
        value: { messageKey: key, correlatedTo: proc.bpmnProcessId, messageName: req.name, correlationKey },
      });
      this.bpmn.createProcessInstance(proc, variables, [start.targetElementId], startCorrelation ? { startCorrelation } : {});
    }
    return { messageKey: key };
  }

  activateJobs(req: ActivateJobsRequest): ActivatedJob[] {
    if (!req.type) throw new EngineError('engine.invalid_argument', 'activateJobs needs a job type');
    const max = Math.max(0, req.maxJobsToActivate ?? 0);
    const now = this.bpmn.now();
    const out: ActivatedJob[] = [];
    for (const tenantId of req.tenantIds?.length ? req.tenantIds : [DEFAULT_TENANT]) {
      const keys = this.state.activatable.get(tenantKey(tenantId, req.type));
      if (!keys) continue;
      const picked: JobEntity[] = [];
      for (const k of keys) {
        if (picked.length + out.length >= max) break;
        const job = this.state.jobs.get(k)!;
        if (job.retryAt === undefined || job.retryAt <= now) picked.push(job);
      }
      for (const job of picked) out.push(this.activateJob(job, req, now));
    }
    return out;
  }

  private activateJob(job: JobEntity, req: ActivateJobsRequest, now: number): ActivatedJob {
    const inst = this.state.instances.get(job.elementInstanceKey)!;
    const deadline = now + Math.max(0, req.timeout);
    this.writer.about(inst, 'JOB', 'ACTIVATED', job.key, { type: job.type, worker: req.worker, deadline, retries: job.retries, elementInstanceKey: inst.key });
    const all = this.bpmn.vars.context(inst);
    let variables = all;
    if (req.fetchVariables?.length) {
      variables = {};
      for (const name of req.fetchVariables) if (name in all) variables[name] = all[name];
    }
    const pi = inst.pi;
    return {
      key: job.key, type: job.type, processInstanceKey: pi.key, bpmnProcessId: pi.bpmnProcessId,
      processDefinitionVersion: pi.version, processDefinitionKey: pi.processDefinitionKey, elementId: job.elementId,
      elementInstanceKey: inst.key, customHeaders: job.customHeaders, worker: req.worker, retries: job.retries,
      deadline, variables, tenantId: job.tenantId,
    };
  }

  private job(key: string, verb: string, allowed: JobEntity['state'][]): JobEntity {
    const job = this.state.jobs.get(key);
    if (!job) throw new EngineError('engine.not_found', `Expected to ${verb} job with key '${key}', but no such job was found`);
    if (!allowed.includes(job.state)) {
      throw new EngineError('engine.invalid_state', `Expected to ${verb} job with key '${key}', but it is in state '${job.state}'`);
    }
    return job;
  }

  completeJob(key: string, variables?: Vars): void {
    const job = this.job(key, 'complete', ['ACTIVATED', 'ACTIVATABLE']);
    const vars = this.variables(variables, 'job variables');
    const inst = this.state.instances.get(job.elementInstanceKey)!;
    this.writer.about(inst, 'JOB', 'COMPLETED', key, { type: job.type, variables: vars ?? {}, elementInstanceKey: inst.key });
    this.bpmn.guard(inst, () => {
      this.bpmn.applyEventVariables(inst, vars);
      this.bpmn.complete(inst);
    });
  }

  failJob(req: FailJobRequest): void {
    const job = this.job(req.jobKey, 'fail', ['ACTIVATED']);
    const vars = this.variables(req.variables, 'job variables');
    const inst = this.state.instances.get(job.elementInstanceKey)!;
    const retries = Math.max(0, Math.floor(req.retries));
    this.writer.about(inst, 'JOB', 'FAILED', job.key, {
      type: job.type, retries, errorMessage: req.errorMessage ?? '', retryBackoff: req.retryBackOff ?? 0, elementInstanceKey: inst.key,
    });
    if (vars) this.bpmn.vars.setLocalAll(inst, vars);
    if (retries <= 0) this.bpmn.incident(inst, 'JOB_NO_RETRIES', req.errorMessage || 'No more retries left.', job.key);
  }

  throwError(req: ThrowErrorRequest): void {
    const job = this.job(req.jobKey, 'throw an error for', ['ACTIVATED', 'ACTIVATABLE']);
    const vars = this.variables(req.variables, 'error variables');
    const inst = this.state.instances.get(job.elementInstanceKey)!;
    this.writer.about(inst, 'JOB', 'ERROR_THROWN', job.key, {
      type: job.type, errorCode: req.errorCode, errorMessage: req.errorMessage ?? '', elementInstanceKey: inst.key,
    });
    if (!this.bpmn.throwError(inst, req.errorCode, req.errorMessage ?? '', vars)) {
      this.bpmn.incident(inst, 'UNHANDLED_ERROR_EVENT',
        `Expected to throw an error event with the code '${req.errorCode}'${req.errorMessage ? ` with message '${req.errorMessage}'` : ''}, but it was not caught. No error events are available in the scope.`,
        job.key, NO_CATCH_EVENT_FOUND);
    }
  }

  updateJobRetries(key: string, retries: number): void {
    const job = this.job(key, 'update retries of', ['ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN']);
    if (!Number.isInteger(retries) || retries < 1) {
      throw new EngineError('engine.invalid_argument', `Expected retries to be a positive integer, but was ${retries}`);
    }
    const inst = this.state.instances.get(job.elementInstanceKey)!;
    this.writer.about(inst, 'JOB', 'RETRIES_UPDATED', key, { type: job.type, retries, elementInstanceKey: inst.key });
  }

  resolveIncident(key: string): void {
    const inc = this.state.incidents.get(key);
    if (!inc) throw new EngineError('engine.not_found', `Expected to resolve incident with key '${key}', but no such incident was found`);
    const inst = this.state.instances.get(inc.elementInstanceKey);
    if (!inst) throw new EngineError('engine.invalid_state', `Incident '${key}' belongs to an element instance that is no longer active`);
    this.writer.about(inst, 'INCIDENT', 'RESOLVED', key, { errorType: inc.errorType, elementInstanceKey: inst.key, ...(inc.jobKey ? { jobKey: inc.jobKey } : {}) });
    if (inc.jobKey) {
      const job = this.state.jobs.get(inc.jobKey);
      if (job && job.retries <= 0) this.bpmn.incident(inst, 'JOB_NO_RETRIES', job.errorMessage || 'No more retries left.', job.key);
      return;
    }
    this.bpmn.retry(inst);
  }

  /** Processes everything due at `now`: timers, job deadlines, message TTLs. */
  fireDue(now: number): void {
    const s = this.state;
    for (let e = s.due.peek(); e && e.due <= now; e = s.due.peek()) {
      s.due.pop();
      if (e.kind === 'timer') {
        const t = s.timers.get(e.key);
        if (t && t.dueDate <= now) {
          if (t.elementInstanceKey) this.bpmn.events.fireTimer(t);
          else this.fireStartTimer(t, now);
        }
      } else if (e.kind === 'job') {
        const job = s.jobs.get(e.key);
        if (job && job.state === 'ACTIVATED' && (job.deadline ?? Infinity) <= now) {
          const inst = s.instances.get(job.elementInstanceKey)!;
          this.writer.about(inst, 'JOB', 'TIMED_OUT', job.key, { type: job.type, retries: job.retries, elementInstanceKey: inst.key });
        }
      } else {
        const msg = s.messages.get(e.key);
        if (msg && msg.deadline <= now) {
          this.writer.write({ key: msg.key, valueType: 'MESSAGE', intent: 'EXPIRED', tenantId: msg.tenantId, value: { name: msg.name, correlationKey: msg.correlationKey } });
        }
      }
      this.bpmn.drain();
    }
  }

  private fireStartTimer(t: TimerEntity, now: number): void {
    const proc = this.state.processes.get(t.processDefinitionKey);
    this.writer.write({
      key: t.key, valueType: 'TIMER', intent: 'TRIGGERED', tenantId: t.tenantId, elementId: t.targetElementId,
      processDefinitionKey: t.processDefinitionKey, value: { dueDate: t.dueDate, targetElementId: t.targetElementId },
    });
    if (!proc) return;
    if (t.cycle && (t.repetitions > 1 || t.repetitions === -1)) {
      this.createStartTimer(proc, t.targetElementId, nextCycleDueDate(t.cycle, t.dueDate, now), t.repetitions === -1 ? -1 : t.repetitions - 1, t.cycle);
    }
    this.bpmn.createProcessInstance(proc, undefined, [t.targetElementId]);
  }

  createStartTimer(proc: DeployedProcess, elementId: string, dueDate: number, repetitions: number, cycle?: string): void {
    this.writer.write({
      key: this.state.newKey(), valueType: 'TIMER', intent: 'CREATED', tenantId: proc.tenantId, elementId,
      bpmnProcessId: proc.bpmnProcessId, processDefinitionKey: proc.key,
      value: {
        processDefinitionKey: proc.key, targetElementId: elementId, dueDate,
        repetitions: Number.isFinite(repetitions) ? repetitions : -1, ...(cycle ? { cycle } : {}), tenantId: proc.tenantId,
      },
    });
  }
}
