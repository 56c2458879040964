/**
 * The engine's runtime state, kept compact: one small object per live element instance, job, timer,
 * subscription and buffered message. It is changed ONLY by the event appliers (appliers.ts) from records,
 * so replaying the record log rebuilds it exactly.
 */
import type { IncidentErrorType } from '../../port.js';
import type { BpmnElementType, ProcessModel } from '../model/types.js';

export type ElementState = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'COMPLETED' | 'TERMINATING' | 'TERMINATED';

export interface DeployedProcess {
  key: string;
  bpmnProcessId: string;
  version: number;
  tenantId: string;
  resourceName: string;
  checksum: string;
  /** The BPMN resource (kept for state snapshots, which re-parse it on load). */
  xml: string;
  model: ProcessModel;
}

export interface ElementInstance {
  key: string;
  elementId: string;
  type: BpmnElementType;
  state: ElementState;
  flowScopeKey: string | undefined;
  /** The process instance this element belongs to (itself for a process instance). */
  pi: ProcessInstanceInfo;
  /** Keys of live child element instances, created on demand. */
  children?: Set<string>;
  /** Sequence flows taken inside this scope whose target has not been activated yet. */
  activeFlows: number;
  /** Parallel / inclusive joins: gatewayId → (flowId → taken count). */
  joins?: Map<string, Map<string, number>>;
  /** Local variables of this scope. */
  vars?: Map<string, unknown>;
  jobKey?: string;
  /** Multi-instance body: inner instances created so far (the next loopCounter - 1). */
  loopCounter?: number;
  /** Call activity: the called process instance. */
  calledKey?: string;
  /** Set once an interrupting event subprocess was triggered in this scope. */
  interrupted?: boolean;
}

/** Shared by all element instances of one process instance (one object, not copied per element). */
export interface ProcessInstanceInfo {
  key: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  tenantId: string;
  process: DeployedProcess;
  /** Set when this instance was started by a call activity. */
  parentElementInstanceKey?: string;
  parentProcessInstanceKey?: string;
  /** Start elements other than the none start event (message/timer start events, start instructions). */
  startAt?: string[];
  /** bpmnProcessId + correlation key when started by a message start event (one active instance per key). */
  startCorrelation?: string;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface JobEntity {
  key: string;
  type: string;
  state: JobState;
  elementInstanceKey: string;
  elementId: string;
  processInstanceKey: string;
  retries: number;
  customHeaders: Record<string, string>;
  tenantId: string;
  worker?: string;
  deadline?: number;
  /** Epoch ms before which a failed job with backoff is not activatable. */
  retryAt?: number;
  errorMessage?: string;
}

export interface TimerEntity {
  key: string;
  /** Owner element instance (activity for boundary, scope for event subprocess, the event itself); none for start timers. */
  elementInstanceKey?: string;
  processInstanceKey?: string;
  processDefinitionKey: string;
  /** The catch event that fires. */
  targetElementId: string;
  dueDate: number;
  /** Remaining repetitions including this one (-1 = unbounded, R/…; 1 for date/duration). */
  repetitions: number;
  /** The evaluated ISO 8601 cycle, for re-scheduling. */
  cycle?: string;
  tenantId: string;
}

export interface MessageSubscription {
  key: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  targetElementId: string;
  messageName: string;
  correlationKey: string;
  interrupting: boolean;
  tenantId: string;
}

export interface MessageStartSubscription {
  processDefinitionKey: string;
  bpmnProcessId: string;
  targetElementId: string;
  messageName: string;
  tenantId: string;
}

export interface BufferedMessage {
  key: string;
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  deadline: number;
  messageId?: string;
  tenantId: string;
  /** bpmnProcessIds this message was already correlated to (at most one instance per process). */
  correlatedTo: Set<string>;
}

export interface IncidentEntity {
  key: string;
  errorType: IncidentErrorType;
  errorMessage: string;
  elementInstanceKey: string;
  elementId: string;
  processInstanceKey: string;
  jobKey?: string;
  tenantId: string;
}
