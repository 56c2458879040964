/**
 * The WorkflowEngine port. Two adapters implement it: `embedded/` (in-process, Zeebe semantics, durable
 * through a DocumentStore-like persistence) and `zeebe/` (over @camunda8/sdk's gRPC client).
 * Zeebe 8.5 is the reference for every semantic question; names follow Zeebe's gRPC API.
 *
 * Keys are strings (Zeebe's int64 keys do not fit a JS number). Durations are milliseconds.
 */

export type Variables = Record<string, unknown>;

export const DEFAULT_TENANT = '<default>';
/** The job type of job-based user tasks in Zeebe 8.x. */
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';

export interface DeployResource {
  /** File name, e.g. `urban-case.bpmn`. */
  name: string;
  content: string | Uint8Array;
}

export interface ProcessDefinition {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  resourceName: string;
  tenantId: string;
}

export interface DeployResult {
  deploymentKey: string;
  /** Identical content re-deployed returns the existing version (no new version). */
  processes: ProcessDefinition[];
}

export interface CreateInstanceRequest {
  bpmnProcessId: string;
  /** Latest version when omitted. */
  version?: number;
  variables?: Variables;
  tenantId?: string;
  /** Start at these elements instead of the none start event (Zeebe start instructions). */
  startInstructions?: { elementId: string }[];
}

export interface ProcessInstanceRef {
  processInstanceKey: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  tenantId: string;
}

export interface PublishMessageRequest {
  name: string;
  correlationKey: string;
  variables?: Variables;
  /** How long the message stays buffered for subscriptions opened later; 0 = correlate now or never. */
  timeToLive?: number;
  /** A message with the same id (and name, tenant) is rejected while the first is buffered. */
  messageId?: string;
  tenantId?: string;
}

export interface PublishMessageResult {
  messageKey: string;
}

export interface ActivateJobsRequest {
  type: string;
  worker: string;
  maxJobsToActivate: number;
  /** Milliseconds after which an uncompleted job becomes activatable again. */
  timeout: number;
  fetchVariables?: string[];
  tenantIds?: string[];
}

export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  /** For user tasks: formKey, assignee, candidateGroups, candidateUsers, dueDate, followUpDate (Zeebe header names). */
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  /** Epoch milliseconds. */
  deadline: number;
  variables: Variables;
  tenantId: string;
}

export interface FailJobRequest {
  jobKey: string;
  retries: number;
  errorMessage?: string;
  /** Milliseconds before the job can be activated again. */
  retryBackOff?: number;
  variables?: Variables;
}

export interface ThrowErrorRequest {
  jobKey: string;
  errorCode: string;
  errorMessage?: string;
  variables?: Variables;
}

export interface SetVariablesRequest {
  /** A process instance key or an element instance key. */
  elementInstanceKey: string;
  variables: Variables;
  /** true: set on that scope only; false (default): propagate to the scope where each variable is defined. */
  local?: boolean;
}

export interface ModifyInstanceRequest {
  processInstanceKey: string;
  activateInstructions?: {
    elementId: string;
    /** The flow-scope instance to activate in; the engine picks the only one when omitted. */
    ancestorElementInstanceKey?: string;
    variableInstructions?: { variables: Variables; scopeId?: string }[];
  }[];
  terminateInstructions?: { elementInstanceKey: string }[];
}

/** Zeebe's record value types and intents (a subset; adapters may add more). */
export type RecordValueType =
  | 'DEPLOYMENT'
  | 'PROCESS'
  | 'PROCESS_INSTANCE'
  | 'PROCESS_INSTANCE_CREATION'
  | 'PROCESS_INSTANCE_MODIFICATION'
  | 'JOB'
  | 'INCIDENT'
  | 'VARIABLE'
  | 'MESSAGE'
  | 'PROCESS_MESSAGE_SUBSCRIPTION'
  | 'MESSAGE_START_EVENT_SUBSCRIPTION'
  | 'TIMER'
  | 'ERROR'
  | 'ESCALATION'
  | 'COMMAND';

export interface EngineRecord {
  /** Monotonic position in the engine's log. */
  position: number;
  /** Key of the entity the record is about (element instance, job, incident, timer, message ...). */
  key: string;
  valueType: RecordValueType;
  /** e.g. ELEMENT_ACTIVATING, ELEMENT_ACTIVATED, ELEMENT_COMPLETED, ELEMENT_TERMINATED, CREATED, COMPLETED, RESOLVED ... */
  intent: string;
  /** Epoch milliseconds on the engine's clock. */
  timestamp: number;
  tenantId: string;
  processInstanceKey?: string;
  bpmnProcessId?: string;
  processDefinitionKey?: string;
  version?: number;
  elementId?: string;
  /** e.g. PROCESS, START_EVENT, SERVICE_TASK, USER_TASK, EXCLUSIVE_GATEWAY, SUB_PROCESS ... */
  bpmnElementType?: string;
  flowScopeKey?: string;
  /** Everything else Zeebe puts in the record value (variables, job fields, incident error type ...). */
  value: Record<string, unknown>;
}

export interface RecordQuery {
  processInstanceKey?: string;
  valueType?: RecordValueType;
  intent?: string;
  elementId?: string;
  fromPosition?: number;
  limit?: number;
}

export type IncidentErrorType =
  | 'JOB_NO_RETRIES'
  | 'EXTRACT_VALUE_ERROR'
  | 'CONDITION_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CALLED_ELEMENT_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'UNKNOWN';

export interface Incident {
  incidentKey: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  jobKey?: string;
  errorType: IncidentErrorType;
  errorMessage: string;
  tenantId: string;
}

export interface EngineTopology {
  ready: boolean;
  engine: 'embedded' | 'zeebe';
  detail?: Record<string, unknown>;
}

/**
 * Test and operations control of the engine's clock. The embedded engine implements it directly; the Zeebe
 * adapter implements it through the broker's controlled actor clock where enabled.
 */
export interface EngineClock {
  now(): number;
  /** Moves the clock forward and lets due timers fire; resolves when the engine has processed them. */
  advance(ms: number): Promise<void>;
}

export interface WorkflowEngine {
  readonly kind: 'embedded' | 'zeebe';
  start(): Promise<void>;
  stop(): Promise<void>;
  topology(): Promise<EngineTopology>;

  deploy(resources: DeployResource[], tenantId?: string): Promise<DeployResult>;
  createInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef>;
  cancelInstance(processInstanceKey: string): Promise<void>;
  modifyInstance(request: ModifyInstanceRequest): Promise<void>;
  setVariables(request: SetVariablesRequest): Promise<void>;
  publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult>;

  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]>;
  completeJob(jobKey: string, variables?: Variables): Promise<void>;
  failJob(request: FailJobRequest): Promise<void>;
  throwError(request: ThrowErrorRequest): Promise<void>;
  updateJobRetries(jobKey: string, retries: number): Promise<void>;

  resolveIncident(incidentKey: string): Promise<void>;
  /** Open incidents, optionally of one instance. */
  incidents(processInstanceKey?: string): Promise<Incident[]>;

  /** History: the records written so far (embedded: everything; Zeebe: what the adapter saw and sent). */
  records(query: RecordQuery): Promise<EngineRecord[]>;
  /** Live stream of records; returns an unsubscribe function. */
  onRecord(listener: (record: EngineRecord) => void): () => void;

  /** Present when the engine's clock can be controlled (tests, simulations). */
  readonly clock?: EngineClock;
}

/** Errors of the port carry stable codes so that the server maps them to problem+json. */
export class EngineError extends Error {
  constructor(
    readonly code:
      | 'engine.deploy_invalid'
      | 'engine.not_found'
      | 'engine.invalid_state'
      | 'engine.duplicate_message'
      | 'engine.invalid_argument'
      | 'engine.unavailable',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** One problem found while validating a deployment, naming the element. */
export interface DeploymentProblem {
  resourceName: string;
  elementId?: string;
  message: string;
}
