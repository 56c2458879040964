/**
 * What an element behaviour may ask of the processor (implemented by processor/bpmn.ts), and the shape of
 * a behaviour. One behaviour per element type lives next to this file; registry.ts maps types to them.
 */
import type { IncidentErrorType } from '../../port.js';
import type { ElementDef, FlowDef } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import type { ElementInstance } from '../state/types.js';

export type Vars = Record<string, unknown>;

export interface ActivateOptions {
  /** Sequence flows whose tokens this activation consumes. */
  consumedFlows?: string[];
  /** The element is activated because its event was triggered (boundary, start of an event subprocess, event gateway target). */
  trigger?: Vars;
  /** The trigger's variables stay local to the event (BPMN errors: they reach the process only via output mappings). */
  localTrigger?: boolean;
  /** Local variables set right after ACTIVATING (multi-instance inputElement, loopCounter). */
  locals?: Vars;
  /** Create an inner instance of a multi-instance activity, not its body. */
  inner?: boolean;
}

export interface CompleteOptions {
  /** Flows to take instead of every outgoing flow (gateways). */
  flows?: FlowDef[];
  /** The event-gateway target activated with the trigger's variables. */
  triggered?: { elementId: string; variables: Vars };
}

export interface BpmnApi {
  readonly state: EngineState;
  now(): number;
  def(inst: ElementInstance): ElementDef;
  element(inst: ElementInstance, id: string): ElementDef;
  scopeOf(inst: ElementInstance): ElementInstance | undefined;

  activate(def: ElementDef, scope: ElementInstance, options?: ActivateOptions): void;
  complete(inst: ElementInstance, options?: CompleteOptions): void;
  terminate(inst: ElementInstance): void;
  /** Terminates every child of the scope (terminate end event, interrupting event subprocess). */
  terminateChildren(scope: ElementInstance): void;
  takeFlows(inst: ElementInstance, flows: FlowDef[], triggered?: CompleteOptions['triggered']): void;

  context(inst: ElementInstance): Vars;
  setLocal(inst: ElementInstance, name: string, value: unknown): void;
  merge(from: ElementInstance, vars: Vars): void;
  /** Zeebe's handling of variables delivered to an element (job completion, message, error ...). */
  applyEventVariables(inst: ElementInstance, vars: Vars | undefined): void;

  createJob(inst: ElementInstance, def: ElementDef): void;
  cancelJob(inst: ElementInstance): void;
  /** Opens message/timer subscriptions of a catch event owned by `owner`. */
  subscribe(owner: ElementInstance, target: ElementDef): void;
  /** Throws a BPMN error from an element; false when nothing catches it. */
  throwError(from: ElementInstance, errorCode: string, errorMessage: string, vars?: Vars): boolean;
  throwEscalation(from: ElementInstance, escalationCode: string): void;
  incident(inst: ElementInstance, errorType: IncidentErrorType, message: string, jobKey?: string): void;
  /** Enters an activated process instance at its start elements. */
  enterProcess(pi: ElementInstance): void;
  /** Creates the called process instance for a call activity. */
  callProcess(inst: ElementInstance, def: ElementDef): void;
  /** After a child of a scope finished: completes the scope when nothing is left in it. */
  childFinished(scope: ElementInstance): void;
}

export interface ElementBehavior {
  /** Runs after ELEMENT_ACTIVATED: start work, wait, or complete at once. */
  onActivated(b: BpmnApi, inst: ElementInstance, def: ElementDef, options: ActivateOptions): void;
  /** Runs after ELEMENT_COMPLETING, before output mappings. */
  onCompleting?(b: BpmnApi, inst: ElementInstance, def: ElementDef): void;
  /** Runs while ELEMENT_TERMINATING, after the children were terminated. */
  onTerminating?(b: BpmnApi, inst: ElementInstance, def: ElementDef): void;
  /** Containers and multi-instance bodies: a child completed (instead of it taking flows). */
  onChildCompleted?(b: BpmnApi, scope: ElementInstance, child: ElementInstance, def: ElementDef): void;
}
