/**
 * Process instances: creation (client command, message/timer start, call activity) and activation of an element
 * together with the flow scopes it needs (start instructions, process instance modification).
 */
import type { ActivateOptions, Vars } from '../behaviors/behavior.js';
import { evalString, IncidentFault } from '../expression.js';
import type { ElementDef } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import type { DeployedProcess, ElementInstance } from '../state/types.js';
import type { Variables } from './variables.js';
import type { RecordWriter } from './writer.js';

export interface ProcessStart {
  parentElementInstanceKey?: string;
  parentProcessInstanceKey?: string;
  startCorrelation?: string;
}

/** The part of the lifecycle (bpmn.ts) this module uses. */
export interface InstanceHost {
  readonly state: EngineState;
  readonly writer: RecordWriter;
  readonly vars: Variables;
  def(inst: ElementInstance): ElementDef;
  element(inst: ElementInstance, id: string): ElementDef;
  runActivation(inst: ElementInstance, options: ActivateOptions, enter?: boolean): void;
  activateNow(def: ElementDef, scope: ElementInstance, options?: ActivateOptions, enter?: boolean): ElementInstance | undefined;
}

export function callProcess(h: InstanceHost, inst: ElementInstance, def: ElementDef): void {
  const ctx = h.vars.context(inst);
  const called = def.calledElement!;
  const processId = evalString(called.processId, ctx, 'CALLED_ELEMENT_ERROR', 'called process id');
  const proc = h.state.latest(inst.pi.tenantId, processId);
  if (!proc) {
    throw new IncidentFault('CALLED_ELEMENT_ERROR', `Expected process with BPMN process id '${processId}' to be deployed, but not found.`);
  }
  if (!proc.model.elements.get(proc.bpmnProcessId)?.noneStartId) {
    throw new IncidentFault('CALLED_ELEMENT_ERROR', `Expected process '${processId}' to have a none start event, but not found.`);
  }
  const vars = called.propagateAllParentVariables ? ctx : Object.fromEntries(inst.vars ?? []);
  createProcessInstance(h, proc, vars, undefined, { parentElementInstanceKey: inst.key, parentProcessInstanceKey: inst.pi.key });
}

/** Creates and activates a process instance, entering at the none start event or the given elements. */
export function createProcessInstance(
  h: InstanceHost, proc: DeployedProcess, variables: Vars | undefined, startAt?: string[], start: ProcessStart = {},
): ElementInstance {
  const key = h.state.newKey();
  h.writer.write({
    key,
    valueType: 'PROCESS_INSTANCE',
    intent: 'ELEMENT_ACTIVATING',
    tenantId: proc.tenantId,
    processInstanceKey: key,
    bpmnProcessId: proc.bpmnProcessId,
    processDefinitionKey: proc.key,
    version: proc.version,
    elementId: proc.bpmnProcessId,
    bpmnElementType: 'PROCESS',
    value: { ...start, ...(startAt ? { startAt } : {}) },
  });
  const pi = h.state.instances.get(key)!;
  if (variables) h.vars.setLocalAll(pi, variables);
  // the process behaviour enters at the start elements (again, should an incident interrupt the activation)
  h.runActivation(pi, {});
  return pi;
}

/** Enters a freshly activated process instance at its none start event or its recorded start elements. */
export function enterProcess(h: InstanceHost, pi: ElementInstance): void {
  for (const id of pi.pi.startAt ?? [h.def(pi).noneStartId!]) activateInScopes(h, pi, h.element(pi, id));
}

/**
 * Activates an element inside `ancestor`, reusing or creating (without entering their start events) the flow
 * scopes between them; variable instructions go to the named scope, or to `ancestor` without a scope id.
 */
export function activateInScopes(
  h: InstanceHost, ancestor: ElementInstance, def: ElementDef, variableInstructions: { variables: Vars; scopeId?: string }[] = [],
): void {
  const chain: ElementDef[] = [];
  for (let id = def.flowScopeId; id && id !== ancestor.elementId; id = h.element(ancestor, id).flowScopeId) {
    chain.unshift(h.element(ancestor, id));
  }
  let scope: ElementInstance | undefined = ancestor;
  const used: ElementInstance[] = [ancestor];
  for (const container of chain) {
    const existing: ElementInstance | undefined = [...(scope.children ?? [])]
      .map((k) => h.state.instances.get(k))
      .find((c) => c !== undefined && c.elementId === container.id && c.state === 'ACTIVATED');
    scope = existing ?? h.activateNow(container, scope, {}, false);
    if (!scope) return;
    used.push(scope);
  }
  for (const vi of variableInstructions) {
    const target = vi.scopeId ? used.find((s) => s.elementId === vi.scopeId) : used[0];
    if (target) h.vars.setLocalAll(target, vi.variables);
  }
  h.activateNow(def, scope, {});
}
