/**
 * Event appliers: the only code that changes EngineState. Each takes one record (as written to the log) and
 * applies it, so live processing and replay after a restart go through exactly the same path.
 */
import type { EngineRecord } from '../../port.js';
import type { BpmnElementType } from '../model/types.js';
import {
  addToIndex, correlationIndexKey, removeFromIndex, tenantKey, type EngineState,
} from './state.js';
import type {
  DeployedProcess, ElementInstance, ElementState, IncidentEntity, JobEntity, MessageStartSubscription,
  MessageSubscription, ProcessInstanceInfo, TimerEntity,
} from './types.js';

type Applier = (state: EngineState, r: EngineRecord) => void;
type V = Record<string, unknown>;

const jobIndexKey = (job: JobEntity): string => tenantKey(job.tenantId, job.type);

function setState(s: EngineState, r: EngineRecord, st: ElementState): void {
  const inst = s.instances.get(r.key);
  if (inst) inst.state = st;
}

function removeInstance(s: EngineState, r: EngineRecord): void {
  const inst = s.instances.get(r.key);
  if (!inst) return;
  s.instances.delete(r.key);
  if (inst.flowScopeKey) s.instances.get(inst.flowScopeKey)?.children?.delete(r.key);
  const startKey = inst.type === 'PROCESS' ? inst.pi.startCorrelation : undefined;
  if (startKey && s.messageStartedInstances.get(startKey) === inst.key) s.messageStartedInstances.delete(startKey);
}

function activating(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const type = r.bpmnElementType as BpmnElementType;
  let pi: ProcessInstanceInfo;
  if (type === 'PROCESS') {
    const process = s.processes.get(r.processDefinitionKey!)!;
    pi = {
      key: r.key,
      bpmnProcessId: process.bpmnProcessId,
      version: process.version,
      processDefinitionKey: process.key,
      tenantId: process.tenantId,
      process,
    };
    if (v.parentElementInstanceKey) {
      pi.parentElementInstanceKey = v.parentElementInstanceKey as string;
      pi.parentProcessInstanceKey = v.parentProcessInstanceKey as string;
      const caller = s.instances.get(pi.parentElementInstanceKey);
      if (caller) caller.calledKey = r.key;
    }
    if (v.startAt) pi.startAt = v.startAt as string[];
    if (v.startCorrelation) {
      pi.startCorrelation = v.startCorrelation as string;
      s.messageStartedInstances.set(pi.startCorrelation, r.key);
    }
  } else {
    pi = s.instances.get(r.processInstanceKey!)!.pi;
  }
  const inst: ElementInstance = {
    key: r.key,
    elementId: r.elementId!,
    type,
    state: 'ACTIVATING',
    flowScopeKey: r.flowScopeKey,
    pi,
    activeFlows: 0,
  };
  s.instances.set(r.key, inst);
  const scope = r.flowScopeKey ? s.instances.get(r.flowScopeKey) : undefined;
  if (!scope) return;
  (scope.children ??= new Set()).add(r.key);
  if (scope.type === 'MULTI_INSTANCE_BODY') scope.loopCounter = (scope.loopCounter ?? 0) + 1;
  for (const flowId of (v.consumedFlows as string[] | undefined) ?? []) {
    scope.activeFlows--;
    const join = scope.joins?.get(r.elementId!);
    if (!join) continue;
    const n = (join.get(flowId) ?? 0) - 1;
    if (n > 0) join.set(flowId, n);
    else join.delete(flowId);
    if (join.size === 0) scope.joins!.delete(r.elementId!);
  }
}

function flowTaken(s: EngineState, r: EngineRecord): void {
  const scope = s.instances.get(r.flowScopeKey!);
  if (!scope) return;
  scope.activeFlows++;
  const v = r.value as V;
  if (!v.join) return;
  const target = v.targetElementId as string;
  const joins = (scope.joins ??= new Map());
  let join = joins.get(target);
  if (!join) joins.set(target, (join = new Map()));
  join.set(r.elementId!, (join.get(r.elementId!) ?? 0) + 1);
}

function variable(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const scope = s.instances.get(v.scopeKey as string);
  if (scope) (scope.vars ??= new Map()).set(v.name as string, v.value);
}

function makeActivatable(s: EngineState, job: JobEntity): void {
  job.state = 'ACTIVATABLE';
  delete job.worker;
  delete job.deadline;
  addToIndex(s.activatable, jobIndexKey(job), job.key);
}

function jobCreated(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const job: JobEntity = {
    key: r.key,
    type: v.type as string,
    state: 'ACTIVATABLE',
    elementInstanceKey: v.elementInstanceKey as string,
    elementId: r.elementId!,
    processInstanceKey: r.processInstanceKey!,
    retries: v.retries as number,
    customHeaders: v.customHeaders as Record<string, string>,
    tenantId: r.tenantId,
  };
  s.jobs.set(job.key, job);
  const inst = s.instances.get(job.elementInstanceKey);
  if (inst) inst.jobKey = job.key;
  makeActivatable(s, job);
}

function jobActivated(s: EngineState, r: EngineRecord): void {
  const job = s.jobs.get(r.key);
  if (!job) return;
  const v = r.value as V;
  removeFromIndex(s.activatable, jobIndexKey(job), job.key);
  job.state = 'ACTIVATED';
  job.worker = v.worker as string;
  job.deadline = v.deadline as number;
  s.due.push({ due: job.deadline, kind: 'job', key: job.key });
}

function jobRemoved(s: EngineState, r: EngineRecord): void {
  const job = s.jobs.get(r.key);
  if (!job) return;
  removeFromIndex(s.activatable, jobIndexKey(job), job.key);
  s.jobs.delete(r.key);
  const inst = s.instances.get(job.elementInstanceKey);
  if (inst?.jobKey === job.key) delete inst.jobKey;
}

function jobFailed(s: EngineState, r: EngineRecord): void {
  const job = s.jobs.get(r.key);
  if (!job) return;
  const v = r.value as V;
  job.retries = v.retries as number;
  if (v.errorMessage !== undefined) job.errorMessage = v.errorMessage as string;
  if (job.retries > 0) {
    makeActivatable(s, job);
    const backoff = (v.retryBackoff as number | undefined) ?? 0;
    if (backoff > 0) job.retryAt = r.timestamp + backoff;
    else delete job.retryAt;
  } else {
    job.state = 'FAILED';
    delete job.worker;
    delete job.deadline;
  }
}

function jobErrorThrown(s: EngineState, r: EngineRecord): void {
  const job = s.jobs.get(r.key);
  if (!job) return;
  job.state = 'ERROR_THROWN';
  delete job.worker;
  delete job.deadline;
  const v = r.value as V;
  if (v.errorMessage !== undefined) job.errorMessage = v.errorMessage as string;
}

function timerCreated(s: EngineState, r: EngineRecord): void {
  const timer = r.value as unknown as TimerEntity;
  const t: TimerEntity = { ...timer, key: r.key };
  s.timers.set(r.key, t);
  if (t.elementInstanceKey) addToIndex(s.timersByOwner, t.elementInstanceKey, r.key);
  s.due.push({ due: t.dueDate, kind: 'timer', key: r.key });
}

function timerRemoved(s: EngineState, r: EngineRecord): void {
  const t = s.timers.get(r.key);
  if (!t) return;
  s.timers.delete(r.key);
  if (t.elementInstanceKey) removeFromIndex(s.timersByOwner, t.elementInstanceKey, r.key);
}

function subscriptionCreated(s: EngineState, r: EngineRecord): void {
  const sub = { ...(r.value as unknown as MessageSubscription), key: r.key };
  s.subscriptions.set(r.key, sub);
  addToIndex(s.subscriptionsByCorrelation, correlationIndexKey(sub.tenantId, sub.messageName, sub.correlationKey), r.key);
  addToIndex(s.subscriptionsByOwner, sub.elementInstanceKey, r.key);
}

function subscriptionDeleted(s: EngineState, r: EngineRecord): void {
  const sub = s.subscriptions.get(r.key);
  if (!sub) return;
  s.subscriptions.delete(r.key);
  removeFromIndex(s.subscriptionsByCorrelation, correlationIndexKey(sub.tenantId, sub.messageName, sub.correlationKey), r.key);
  removeFromIndex(s.subscriptionsByOwner, sub.elementInstanceKey, r.key);
}

function subscriptionCorrelated(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const msg = s.messages.get(v.messageKey as string);
  if (msg) msg.correlatedTo.add(v.correlatedTo as string);
}

function messagePublished(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const ttl = (v.timeToLive as number) ?? 0;
  if (ttl <= 0) return;
  const msg = {
    key: r.key,
    name: v.name as string,
    correlationKey: v.correlationKey as string,
    variables: (v.variables as Record<string, unknown>) ?? {},
    deadline: r.timestamp + ttl,
    tenantId: r.tenantId,
    correlatedTo: new Set<string>(),
    ...(v.messageId ? { messageId: v.messageId as string } : {}),
  };
  s.messages.set(r.key, msg);
  addToIndex(s.messagesByCorrelation, correlationIndexKey(msg.tenantId, msg.name, msg.correlationKey), r.key);
  if (msg.messageId) s.messageIds.add(correlationIndexKey(msg.tenantId, msg.name, msg.messageId));
  s.due.push({ due: msg.deadline, kind: 'message', key: r.key });
}

function messageExpired(s: EngineState, r: EngineRecord): void {
  const msg = s.messages.get(r.key);
  if (!msg) return;
  s.messages.delete(r.key);
  removeFromIndex(s.messagesByCorrelation, correlationIndexKey(msg.tenantId, msg.name, msg.correlationKey), r.key);
  if (msg.messageId) s.messageIds.delete(correlationIndexKey(msg.tenantId, msg.name, msg.messageId));
}

function startSubscriptionCreated(s: EngineState, r: EngineRecord): void {
  const sub = r.value as unknown as MessageStartSubscription;
  const k = tenantKey(sub.tenantId, sub.messageName);
  const list = s.startSubscriptions.get(k) ?? [];
  list.push({ ...sub });
  s.startSubscriptions.set(k, list);
}

function startSubscriptionDeleted(s: EngineState, r: EngineRecord): void {
  const sub = r.value as unknown as MessageStartSubscription;
  const k = tenantKey(sub.tenantId, sub.messageName);
  const list = (s.startSubscriptions.get(k) ?? []).filter(
    (x) => !(x.processDefinitionKey === sub.processDefinitionKey && x.targetElementId === sub.targetElementId),
  );
  if (list.length) s.startSubscriptions.set(k, list);
  else s.startSubscriptions.delete(k);
}

function processCreated(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const checksum = v.checksum as string;
  const model = s.parsedModels.get(`${checksum}\u0000${v.bpmnProcessId as string}`);
  if (!model) throw new Error(`model of process ${v.bpmnProcessId as string} (${checksum}) was not parsed before replay`);
  const p: DeployedProcess = {
    key: r.key,
    bpmnProcessId: v.bpmnProcessId as string,
    version: v.version as number,
    tenantId: r.tenantId,
    resourceName: v.resourceName as string,
    checksum,
    xml: v.resource as string,
    model,
  };
  s.processes.set(p.key, p);
  const k = tenantKey(p.tenantId, p.bpmnProcessId);
  const list = s.versions.get(k) ?? [];
  list.push(p);
  s.versions.set(k, list);
}

function incidentCreated(s: EngineState, r: EngineRecord): void {
  const v = r.value as V;
  const inc: IncidentEntity = {
    key: r.key,
    errorType: v.errorType as IncidentEntity['errorType'],
    errorMessage: v.errorMessage as string,
    elementInstanceKey: v.elementInstanceKey as string,
    elementId: r.elementId!,
    processInstanceKey: r.processInstanceKey!,
    tenantId: r.tenantId,
    ...(v.jobKey ? { jobKey: v.jobKey as string } : {}),
  };
  s.incidents.set(r.key, inc);
}

function incidentResolved(s: EngineState, r: EngineRecord): void {
  const inc = s.incidents.get(r.key);
  if (!inc) return;
  s.incidents.delete(r.key);
  const job = inc.jobKey ? s.jobs.get(inc.jobKey) : undefined;
  if (job && job.retries > 0 && job.state !== 'ACTIVATED') makeActivatable(s, job);
}

const APPLIERS: Record<string, Applier> = {
  'PROCESS:CREATED': processCreated,
  'PROCESS_INSTANCE:ELEMENT_ACTIVATING': activating,
  'PROCESS_INSTANCE:ELEMENT_ACTIVATED': (s, r) => setState(s, r, 'ACTIVATED'),
  'PROCESS_INSTANCE:ELEMENT_COMPLETING': (s, r) => setState(s, r, 'COMPLETING'),
  'PROCESS_INSTANCE:ELEMENT_TERMINATING': (s, r) => setState(s, r, 'TERMINATING'),
  'PROCESS_INSTANCE:ELEMENT_COMPLETED': removeInstance,
  'PROCESS_INSTANCE:ELEMENT_TERMINATED': removeInstance,
  'PROCESS_INSTANCE:SEQUENCE_FLOW_TAKEN': flowTaken,
  'VARIABLE:CREATED': variable,
  'VARIABLE:UPDATED': variable,
  'JOB:CREATED': jobCreated,
  'JOB:ACTIVATED': jobActivated,
  'JOB:COMPLETED': jobRemoved,
  'JOB:CANCELED': jobRemoved,
  'JOB:FAILED': jobFailed,
  'JOB:TIMED_OUT': (s, r) => {
    const job = s.jobs.get(r.key);
    if (job && job.state === 'ACTIVATED') makeActivatable(s, job);
  },
  'JOB:RETRIES_UPDATED': (s, r) => {
    const job = s.jobs.get(r.key);
    if (job) job.retries = (r.value as V).retries as number;
  },
  'JOB:ERROR_THROWN': jobErrorThrown,
  'TIMER:CREATED': timerCreated,
  'TIMER:TRIGGERED': timerRemoved,
  'TIMER:CANCELED': timerRemoved,
  'PROCESS_MESSAGE_SUBSCRIPTION:CREATED': subscriptionCreated,
  'PROCESS_MESSAGE_SUBSCRIPTION:CORRELATED': subscriptionCorrelated,
  'PROCESS_MESSAGE_SUBSCRIPTION:DELETED': subscriptionDeleted,
  'MESSAGE_START_EVENT_SUBSCRIPTION:CREATED': startSubscriptionCreated,
  'MESSAGE_START_EVENT_SUBSCRIPTION:CORRELATED': subscriptionCorrelated,
  'MESSAGE_START_EVENT_SUBSCRIPTION:DELETED': startSubscriptionDeleted,
  'MESSAGE:PUBLISHED': messagePublished,
  'MESSAGE:EXPIRED': messageExpired,
  'INCIDENT:CREATED': incidentCreated,
  'INCIDENT:RESOLVED': incidentResolved,
};

export function applyRecord(state: EngineState, record: EngineRecord): void {
  APPLIERS[`${record.valueType}:${record.intent}`]?.(state, record);
}
