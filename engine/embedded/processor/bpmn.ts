/**
 * The BPMN element lifecycle, Zeebe style: ACTIVATING → ACTIVATED → COMPLETING → COMPLETED (or TERMINATING →
 * TERMINATED), input/output mappings, sequence flows and joins, scope completion. Follow-up work (activating
 * the next element, completing a scope) is queued and drained in order within the current command, so long
 * chains never grow the stack. Any failure caused by the model or the data becomes an incident on the element.
 */
import type { IncidentErrorType } from '../../port.js';
import type { ActivateOptions, BpmnApi, CompleteOptions, Vars } from '../behaviors/behavior.js';
import { BEHAVIORS } from '../behaviors/registry.js';
import { evalFeel, IncidentFault } from '../expression.js';
import type { ElementDef, FlowDef } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import type { DeployedProcess, ElementInstance } from '../state/types.js';
import { EventTriggers } from './events.js';
import { activateInScopes, callProcess, createProcessInstance, enterProcess, type ProcessStart } from './instances.js';
import { cancelJob, createJob } from './jobs.js';
import { canReach } from './reachability.js';
import type { Variables } from './variables.js';
import type { RecordWriter } from './writer.js';

export class Bpmn implements BpmnApi {
  private queue: (() => void)[] = [];
  readonly events: EventTriggers;

  constructor(
    readonly state: EngineState,
    readonly writer: RecordWriter,
    readonly vars: Variables,
    private readonly clock: () => number,
    private readonly onUnexpected: (err: unknown) => void,
  ) {
    this.events = new EventTriggers(this);
  }

  now(): number {
    return this.clock();
  }

  def(inst: ElementInstance): ElementDef {
    return this.element(inst, inst.elementId);
  }

  element(inst: ElementInstance, id: string): ElementDef {
    const d = inst.pi.process.model.elements.get(id);
    if (!d) throw new Error(`element '${id}' is not part of process '${inst.pi.bpmnProcessId}'`);
    return d;
  }

  scopeOf(inst: ElementInstance): ElementInstance | undefined {
    return inst.flowScopeKey ? this.state.instances.get(inst.flowScopeKey) : undefined;
  }

  later(fn: () => void): void {
    this.queue.push(fn);
  }

  /** Runs queued follow-up work until none is left. */
  drain(): void {
    while (this.queue.length) {
      const q = this.queue;
      this.queue = [];
      for (const fn of q) {
        try {
          fn();
        } catch (err) {
          // follow-up work guards its element; anything else is a bug, reported without stopping the rest
          this.onUnexpected(err);
        }
      }
    }
  }

  /** Runs `fn` for an element; a fault becomes an incident on it instead of escaping the processor. */
  guard(inst: ElementInstance, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      const fault = err instanceof IncidentFault;
      if (!fault) this.onUnexpected(err);
      if (!this.state.instances.has(inst.key)) return;
      this.incident(inst, fault ? err.errorType : 'UNKNOWN', (err as Error).message ?? String(err));
    }
  }

  // ---- activation -------------------------------------------------------------------------------------

  activate(def: ElementDef, scope: ElementInstance, options: ActivateOptions = {}): void {
    this.queue.push(() => this.activateNow(def, scope, options));
  }

  /** Activates at once (triggered events must enter their scope before anything can complete it). */
  activateNow(def: ElementDef, scope: ElementInstance, options: ActivateOptions = {}, enter = true): ElementInstance | undefined {
    if (!this.state.instances.has(scope.key) || scope.state !== 'ACTIVATED') return undefined;
    const type = def.loop && !options.inner ? 'MULTI_INSTANCE_BODY' : def.type;
    const key = this.state.newKey();
    this.writer.write({
      key,
      valueType: 'PROCESS_INSTANCE',
      intent: 'ELEMENT_ACTIVATING',
      ...this.writer.piFields(scope),
      elementId: def.id,
      bpmnElementType: type,
      flowScopeKey: scope.key,
      value: options.consumedFlows ? { consumedFlows: options.consumedFlows } : {},
    });
    const inst = this.state.instances.get(key)!;
    if (options.locals) this.vars.setLocalAll(inst, options.locals);
    this.runActivation(inst, options, enter);
    return inst;
  }

  /** ACTIVATING → ACTIVATED (mappings, event subscriptions), then the behaviour. Re-run when an incident is resolved. */
  runActivation(inst: ElementInstance, options: ActivateOptions, enter = true): void {
    this.guard(inst, () => {
      const def = this.def(inst);
      if (inst.state === 'ACTIVATING') {
        if (inst.type !== 'MULTI_INSTANCE_BODY' && def.inputs) {
          this.vars.setLocalAll(inst, this.vars.evaluateMappings(def.inputs, this.vars.context(inst), 'IO_MAPPING_ERROR', this.now()));
        }
        const isInner = inst.type !== 'MULTI_INSTANCE_BODY' && def.loop !== undefined;
        const targets: ElementDef[] = [];
        if (!isInner) for (const id of def.boundaryIds ?? []) targets.push(this.element(inst, id));
        for (const id of def.eventSubprocessIds ?? []) {
          const esp = this.element(inst, id);
          if (esp.startEventId) targets.push(this.element(inst, esp.startEventId));
        }
        const plans = targets.filter((t) => t.eventKind === 'message' || t.eventKind === 'timer').map((t) => this.events.plan(inst, t));
        for (const write of plans) write();
        this.writer.element(inst, 'ELEMENT_ACTIVATED');
      }
      if (enter) BEHAVIORS[inst.type].onActivated(this, inst, def, options);
    });
  }

  // ---- completion -------------------------------------------------------------------------------------

  complete(inst: ElementInstance, options: CompleteOptions = {}): void {
    this.queue.push(() => {
      if (!this.state.instances.has(inst.key) || inst.state !== 'ACTIVATED') return;
      this.writer.element(inst, 'ELEMENT_COMPLETING');
      this.runCompletion(inst, options);
    });
  }

  runCompletion(inst: ElementInstance, options: CompleteOptions): void {
    this.guard(inst, () => {
      const def = this.def(inst);
      BEHAVIORS[inst.type].onCompleting?.(this, inst, def);
      const scope = this.scopeOf(inst);
      const now = this.now();
      if (inst.type === 'MULTI_INSTANCE_BODY') {
        const oc = def.loop!.outputCollection;
        if (oc && scope) this.vars.merge(scope, { [oc]: inst.vars?.get(oc) ?? [] });
      } else if (scope) {
        if (def.outputs) this.vars.merge(scope, this.vars.evaluateMappings(def.outputs, this.vars.context(inst), 'IO_MAPPING_ERROR', now));
        const loop = def.loop;
        if (scope.type === 'MULTI_INSTANCE_BODY' && loop?.outputCollection && loop.outputElement) {
          const value = evalFeel(loop.outputElement, this.vars.context(inst), 'EXTRACT_VALUE_ERROR', now);
          const index = Number(inst.vars?.get('loopCounter') ?? 1) - 1;
          const next = ((scope.vars?.get(loop.outputCollection) as unknown[] | undefined) ?? []).slice();
          next[index] = value ?? null;
          this.vars.setLocal(scope, loop.outputCollection, next);
        }
      }
      this.events.closeSubscriptions(inst);
      this.writer.element(inst, 'ELEMENT_COMPLETED');
      this.afterCompleted(inst, scope, def, options);
    });
  }

  private afterCompleted(inst: ElementInstance, scope: ElementInstance | undefined, def: ElementDef, options: CompleteOptions): void {
    if (inst.type === 'PROCESS') return this.processCompleted(inst);
    if (!scope) return;
    if (scope.type === 'MULTI_INSTANCE_BODY') {
      this.guard(scope, () => BEHAVIORS.MULTI_INSTANCE_BODY.onChildCompleted!(this, scope, inst, this.def(scope)));
      return;
    }
    const flows = options.flows ?? def.outgoing;
    if (flows.length) this.takeFlows(inst, flows, options.triggered);
    else this.childFinished(scope);
  }

  private processCompleted(pi: ElementInstance): void {
    if (pi.pi.startCorrelation) this.later(() => this.events.nextMessageStart(pi));
    const callerKey = pi.pi.parentElementInstanceKey;
    const caller = callerKey ? this.state.instances.get(callerKey) : undefined;
    if (!caller || caller.state !== 'ACTIVATED') return;
    const called = this.def(caller).calledElement!;
    const childVars: Vars = Object.fromEntries(pi.vars ?? []);
    this.guard(caller, () => {
      if (called.propagateAllChildVariables) this.applyEventVariables(caller, childVars);
      else if (this.def(caller).outputs) this.vars.setLocalAll(caller, childVars);
      this.complete(caller);
    });
  }

  // ---- sequence flows and joins -----------------------------------------------------------------------

  takeFlows(inst: ElementInstance, flows: FlowDef[], triggered?: CompleteOptions['triggered']): void {
    const scope = this.scopeOf(inst);
    if (!scope) return;
    for (const flow of flows) {
      const target = this.element(inst, flow.targetId);
      const join = (target.type === 'PARALLEL_GATEWAY' || target.type === 'INCLUSIVE_GATEWAY') && target.incoming.length > 1;
      this.writer.write({
        key: this.state.newKey(),
        valueType: 'PROCESS_INSTANCE',
        intent: 'SEQUENCE_FLOW_TAKEN',
        ...this.writer.piFields(scope),
        elementId: flow.id,
        bpmnElementType: 'SEQUENCE_FLOW',
        flowScopeKey: scope.key,
        value: { sourceElementId: flow.sourceId, targetElementId: flow.targetId, ...(join ? { join: true } : {}) },
      });
      if (join) {
        this.queue.push(() => this.tryJoin(scope, target));
      } else {
        const trigger = triggered?.elementId === target.id ? { trigger: triggered.variables } : {};
        this.activate(target, scope, { consumedFlows: [flow.id], ...trigger });
      }
    }
  }

  private tryJoin(scope: ElementInstance, gw: ElementDef): void {
    if (!this.state.instances.has(scope.key) || scope.state !== 'ACTIVATED') return;
    const join = scope.joins?.get(gw.id);
    if (!join) return;
    if (gw.type === 'PARALLEL_GATEWAY') {
      if (gw.incoming.every((f) => (join.get(f.id) ?? 0) > 0)) {
        this.activateNow(gw, scope, { consumedFlows: gw.incoming.map((f) => f.id) });
      }
      return;
    }
    if (this.inclusiveJoinReady(scope, gw)) this.activateNow(gw, scope, { consumedFlows: [...join.keys()] });
  }

  /** An inclusive join fires when no other token in the scope can still reach it. */
  private inclusiveJoinReady(scope: ElementInstance, gw: ElementDef): boolean {
    const model = scope.pi.process.model;
    let waitingAtJoins = 0;
    for (const [id, counts] of scope.joins ?? []) {
      for (const n of counts.values()) waitingAtJoins += n;
      if (id !== gw.id && canReach(model, id, gw.id)) return false;
    }
    if (scope.activeFlows > waitingAtJoins) return false;
    for (const key of scope.children ?? []) {
      const child = this.state.instances.get(key);
      if (child && canReach(model, child.elementId, gw.id)) return false;
    }
    return true;
  }

  /** A child of the scope finished: retry inclusive joins, and complete the scope when it is empty. */
  childFinished(scope: ElementInstance): void {
    this.queue.push(() => {
      if (!this.state.instances.has(scope.key) || scope.state !== 'ACTIVATED') return;
      for (const id of [...(scope.joins?.keys() ?? [])]) {
        const gw = this.element(scope, id);
        if (gw.type === 'INCLUSIVE_GATEWAY') this.tryJoin(scope, gw);
      }
      if (scope.type === 'MULTI_INSTANCE_BODY') return;
      if ((scope.children?.size ?? 0) === 0 && scope.activeFlows === 0) this.complete(scope);
    });
  }

  // ---- termination ------------------------------------------------------------------------------------

  terminate(inst: ElementInstance): void {
    if (!this.state.instances.has(inst.key) || inst.state === 'TERMINATING') return;
    this.writer.element(inst, 'ELEMENT_TERMINATING');
    this.terminateChildren(inst);
    const def = this.def(inst);
    BEHAVIORS[inst.type].onTerminating?.(this, inst, def);
    this.events.closeSubscriptions(inst);
    for (const inc of [...this.state.incidents.values()]) {
      if (inc.elementInstanceKey === inst.key) this.writer.about(inst, 'INCIDENT', 'RESOLVED', inc.key, { errorType: inc.errorType, elementInstanceKey: inst.key });
    }
    this.writer.element(inst, 'ELEMENT_TERMINATED');
    if (inst.type === 'PROCESS' && inst.pi.startCorrelation) this.later(() => this.events.nextMessageStart(inst));
  }

  terminateChildren(scope: ElementInstance): void {
    for (const key of [...(scope.children ?? [])]) {
      const child = this.state.instances.get(key);
      if (child) this.terminate(child);
    }
  }

  // ---- variables, jobs, events ------------------------------------------------------------------------

  context(inst: ElementInstance): Vars {
    return this.vars.context(inst);
  }

  setLocal(inst: ElementInstance, name: string, value: unknown): void {
    this.vars.setLocal(inst, name, value);
  }

  merge(from: ElementInstance, vars: Vars): void {
    this.vars.merge(from, vars);
  }

  /** Job/message/error variables: local + output mappings when the element has them, else propagated. */
  applyEventVariables(inst: ElementInstance, vars: Vars | undefined): void {
    if (!vars || Object.keys(vars).length === 0) return;
    if (this.def(inst).outputs && inst.type !== 'MULTI_INSTANCE_BODY') this.vars.setLocalAll(inst, vars);
    else this.vars.merge(inst, vars);
  }

  createJob(inst: ElementInstance, def: ElementDef): void {
    createJob(this.state, this.writer, inst, def, this.vars.context(inst), this.now());
  }

  cancelJob(inst: ElementInstance): void {
    cancelJob(this.state, this.writer, inst);
  }

  subscribe(owner: ElementInstance, target: ElementDef): void {
    this.events.plan(owner, target)();
  }

  throwError(from: ElementInstance, errorCode: string, errorMessage: string, vars?: Vars): boolean {
    return this.events.throwError(from, errorCode, errorMessage, vars);
  }

  throwEscalation(from: ElementInstance, escalationCode: string): void {
    this.events.throwEscalation(from, escalationCode);
  }

  /**
   * Raises an incident on the element instance. `elementId` overrides the element named in the record: Zeebe 8.5
   * names an unhandled worker error's incident `NO_CATCH_EVENT_FOUND` (its element instance key still points at
   * the task).
   */
  incident(inst: ElementInstance, errorType: IncidentErrorType, message: string, jobKey?: string, elementId = inst.elementId): void {
    this.writer.about(inst, 'INCIDENT', 'CREATED', this.state.newKey(), {
      errorType,
      errorMessage: message,
      elementInstanceKey: inst.key,
      ...(jobKey ? { jobKey } : {}),
    }, elementId);
  }

  /** Continues an element after its incident was resolved: repeat the step that failed. */
  retry(inst: ElementInstance): void {
    if (inst.state === 'ACTIVATING' || inst.state === 'ACTIVATED') this.runActivation(inst, {});
    else if (inst.state === 'COMPLETING') this.runCompletion(inst, {});
  }

  // ---- process instances (instances.ts) ---------------------------------------------------------------

  callProcess(inst: ElementInstance, def: ElementDef): void {
    callProcess(this, inst, def);
  }

  enterProcess(pi: ElementInstance): void {
    enterProcess(this, pi);
  }

  createProcessInstance(proc: DeployedProcess, variables: Vars | undefined, startAt?: string[], start: ProcessStart = {}): ElementInstance {
    return createProcessInstance(this, proc, variables, startAt, start);
  }

  activateInScopes(ancestor: ElementInstance, def: ElementDef, variableInstructions: { variables: Vars; scopeId?: string }[] = []): void {
    activateInScopes(this, ancestor, def, variableInstructions);
  }
}
