/**
 * The executable model: a compact, immutable view of one deployed BPMN process, built once per deployment
 * from bpmn-moddle's tree (parse.ts). Behaviours only ever read this, never the moddle objects.
 * Element types use Zeebe's BpmnElementType names so that records read like Zeebe's.
 */

export type BpmnElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'SCRIPT_TASK'
  | 'USER_TASK'
  | 'RECEIVE_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'EVENT_BASED_GATEWAY'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'CALL_ACTIVITY'
  | 'MULTI_INSTANCE_BODY'
  | 'SEQUENCE_FLOW';

export type EventKind = 'none' | 'message' | 'timer' | 'error' | 'escalation' | 'terminate';

export interface Mapping {
  /** FEEL expression (with or without the leading `=`). */
  source: string;
  /** Variable name or dotted path (`a.b`). */
  target: string;
}

export interface TimerDef {
  kind: 'date' | 'duration' | 'cycle';
  /** Literal ISO 8601 text or a FEEL expression (leading `=`). */
  expression: string;
}

export interface LoopDef {
  sequential: boolean;
  inputCollection?: string;
  inputElement?: string;
  outputCollection?: string;
  outputElement?: string;
  completionCondition?: string;
}

export interface FlowDef {
  id: string;
  sourceId: string;
  targetId: string;
  /** FEEL condition; undefined for unconditional flows. */
  condition?: string;
}

export interface ElementDef {
  id: string;
  name?: string;
  type: BpmnElementType;
  /** Id of the containing process / subprocess / event subprocess. Undefined for the process itself. */
  flowScopeId?: string;
  incoming: FlowDef[];
  outgoing: FlowDef[];
  defaultFlowId?: string;

  eventKind?: EventKind;
  message?: { name: string; correlationKey?: string };
  timer?: TimerDef;
  /** Error code thrown or caught; undefined on a catch event = catch every error. */
  errorCode?: string;
  escalationCode?: string;
  /** Boundary events (cancelActivity) and event subprocess start events (isInterrupting). */
  interrupting?: boolean;
  attachedToId?: string;

  /** Containers (process, subprocess, event subprocess): ids of direct children. */
  childIds?: string[];
  /** Containers: the none start event (or first start event) that a plain activation enters. */
  noneStartId?: string;
  /** Containers: ids of event subprocesses directly inside. */
  eventSubprocessIds?: string[];
  /** Activities: ids of attached boundary events. */
  boundaryIds?: string[];
  /** Event subprocess: id of its (single) start event. */
  startEventId?: string;

  inputs?: Mapping[];
  outputs?: Mapping[];
  /** Job-worker based tasks: job type (may be FEEL), retries (may be FEEL), custom headers. */
  job?: { type: string; retries: string; headers: Record<string, string> };
  script?: { expression: string; resultVariable?: string };
  calledElement?: { processId: string; propagateAllChildVariables: boolean; propagateAllParentVariables: boolean };
  loop?: LoopDef;
}

export interface ProcessModel {
  bpmnProcessId: string;
  elements: Map<string, ElementDef>;
  flows: Map<string, FlowDef>;
  /** Start events of the process level with a message or timer definition. */
  messageStartIds: string[];
  timerStartIds: string[];
}
