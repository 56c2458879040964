/**
 * Catch events: message and timer subscriptions (opening, closing, triggering) and the search for the
 * boundary event or event subprocess that catches a BPMN error or escalation — up the flow scopes and across
 * call activities, the specific code before the catch-all at each level, event subprocesses before
 * boundary events.
 */
import type { ActivateOptions, CompleteOptions, Vars } from '../behaviors/behavior.js';
import { evalString } from '../expression.js';
import type { ElementDef } from '../model/types.js';
import type { EngineState } from '../state/state.js';
import { correlationIndexKey } from '../state/state.js';
import type { DeployedProcess, ElementInstance, MessageSubscription, TimerEntity } from '../state/types.js';
import { nextCycleDueDate, planTimer } from './timers.js';
import type { Variables } from './variables.js';
import type { RecordWriter } from './writer.js';

/** The part of the lifecycle (bpmn.ts) this module drives. */
export interface EventHost {
  readonly state: EngineState;
  readonly writer: RecordWriter;
  readonly vars: Variables;
  now(): number;
  def(inst: ElementInstance): ElementDef;
  element(inst: ElementInstance, id: string): ElementDef;
  scopeOf(inst: ElementInstance): ElementInstance | undefined;
  activateNow(def: ElementDef, scope: ElementInstance, options?: ActivateOptions): ElementInstance | undefined;
  complete(inst: ElementInstance, options?: CompleteOptions): void;
  terminate(inst: ElementInstance): void;
  terminateChildren(scope: ElementInstance): void;
  applyEventVariables(inst: ElementInstance, vars: Vars | undefined): void;
  guard(inst: ElementInstance, fn: () => void): void;
  later(fn: () => void): void;
  createProcessInstance(proc: DeployedProcess, variables: Vars | undefined, startAt?: string[], start?: { startCorrelation?: string }): ElementInstance;
}

interface Catch {
  /** The boundary event or the event subprocess start event. */
  event: ElementDef;
  /** The activity the boundary is attached to, or the scope holding the event subprocess. */
  owner: ElementInstance;
}

export class EventTriggers {
  constructor(private readonly h: EventHost) {}

  /** Evaluates a subscription (may throw IncidentFault) and returns the write, so callers write all or nothing. */
  plan(owner: ElementInstance, target: ElementDef): () => void {
    const h = this.h;
    const ctx = h.vars.context(owner);
    if (target.eventKind === 'timer') {
      const p = planTimer(target.timer!, ctx, h.now());
      return () => this.createTimer(owner, target.id, p.dueDate, p.repetitions, p.cycle);
    }
    const messageName = evalString(target.message!.name, ctx, 'EXTRACT_VALUE_ERROR', 'message name');
    const correlationKey = evalString(target.message!.correlationKey ?? '=""', ctx, 'EXTRACT_VALUE_ERROR', 'correlation key', true);
    return () => {
      const key = h.state.newKey();
      h.writer.about(owner, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', key, {
        elementInstanceKey: owner.key,
        processInstanceKey: owner.pi.key,
        bpmnProcessId: owner.pi.bpmnProcessId,
        targetElementId: target.id,
        messageName,
        correlationKey,
        interrupting: target.interrupting !== false,
        tenantId: owner.pi.tenantId,
      }, target.id);
      h.later(() => this.correlateBuffered(key));
    };
  }

  private createTimer(owner: ElementInstance, targetElementId: string, dueDate: number, repetitions: number, cycle?: string): void {
    const h = this.h;
    h.writer.about(owner, 'TIMER', 'CREATED', h.state.newKey(), {
      elementInstanceKey: owner.key,
      processInstanceKey: owner.pi.key,
      processDefinitionKey: owner.pi.processDefinitionKey,
      targetElementId,
      dueDate,
      repetitions: Number.isFinite(repetitions) ? repetitions : -1,
      ...(cycle ? { cycle } : {}),
      tenantId: owner.pi.tenantId,
    }, targetElementId);
  }

  /** Closes message subscriptions and timers owned by an element (optionally only those of one catch event). */
  closeSubscriptions(owner: ElementInstance, only?: (target: string) => boolean): void {
    const h = this.h;
    for (const key of [...(h.state.subscriptionsByOwner.get(owner.key) ?? [])]) {
      const sub = h.state.subscriptions.get(key)!;
      if (only && !only(sub.targetElementId)) continue;
      h.writer.about(owner, 'PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', key, {
        messageName: sub.messageName, correlationKey: sub.correlationKey, elementInstanceKey: owner.key,
      }, sub.targetElementId);
    }
    for (const key of [...(h.state.timersByOwner.get(owner.key) ?? [])]) {
      const t = h.state.timers.get(key)!;
      if (only && !only(t.targetElementId)) continue;
      h.writer.about(owner, 'TIMER', 'CANCELED', key, { dueDate: t.dueDate, elementInstanceKey: owner.key }, t.targetElementId);
    }
  }

  /** A subscription was opened: a buffered message (not yet correlated to an instance of this process) may be waiting. */
  private correlateBuffered(subKey: string): void {
    const s = this.h.state;
    const sub = s.subscriptions.get(subKey);
    if (!sub) return;
    const idx = `${sub.tenantId}\u0000${sub.messageName}\u0000${sub.correlationKey}`;
    for (const key of s.messagesByCorrelation.get(idx) ?? []) {
      const msg = s.messages.get(key)!;
      if (msg.deadline <= this.h.now() || msg.correlatedTo.has(sub.bpmnProcessId)) continue;
      this.correlate(sub, msg.key, msg.variables);
      return;
    }
  }

  /** Correlates a message to a subscription whose owner is active; false when it cannot take it now. */
  correlate(sub: MessageSubscription, messageKey: string, variables: Vars): boolean {
    const h = this.h;
    const owner = h.state.instances.get(sub.elementInstanceKey);
    if (!owner || owner.state !== 'ACTIVATED') return false;
    h.writer.about(owner, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED', sub.key, {
      messageKey, correlatedTo: sub.bpmnProcessId, messageName: sub.messageName, correlationKey: sub.correlationKey,
      elementInstanceKey: owner.key, variables,
    }, sub.targetElementId);
    this.trigger(owner, h.element(owner, sub.targetElementId), variables);
    return true;
  }

  /**
   * Zeebe: while an instance started by a message with correlation key K is active, further messages with K do
   * not start instances; when it ends, a buffered one does (on the latest version).
   */
  nextMessageStart(ended: ElementInstance): void {
    const h = this.h;
    const startCorrelation = ended.pi.startCorrelation;
    if (!startCorrelation || h.state.messageStartedInstances.has(startCorrelation)) return;
    const correlationKey = startCorrelation.slice(startCorrelation.indexOf('\u0000') + 1);
    const { tenantId, bpmnProcessId } = ended.pi;
    const proc = h.state.latest(tenantId, bpmnProcessId);
    for (const startId of proc?.model.messageStartIds ?? []) {
      const messageName = proc!.model.elements.get(startId)!.message!.name;
      for (const key of h.state.messagesByCorrelation.get(correlationIndexKey(tenantId, messageName, correlationKey)) ?? []) {
        const msg = h.state.messages.get(key)!;
        if (msg.deadline <= h.now() || msg.correlatedTo.has(bpmnProcessId)) continue;
        h.writer.write({
          key: h.state.newKey(), valueType: 'MESSAGE_START_EVENT_SUBSCRIPTION', intent: 'CORRELATED', tenantId,
          bpmnProcessId, processDefinitionKey: proc!.key, elementId: startId,
          value: { messageKey: msg.key, correlatedTo: bpmnProcessId, messageName, correlationKey },
        });
        h.createProcessInstance(proc!, msg.variables, [startId], { startCorrelation });
        return;
      }
    }
  }

  fireTimer(timer: TimerEntity): void {
    const h = this.h;
    const owner = timer.elementInstanceKey ? h.state.instances.get(timer.elementInstanceKey) : undefined;
    if (!owner) return;
    h.writer.about(owner, 'TIMER', 'TRIGGERED', timer.key, { dueDate: timer.dueDate, elementInstanceKey: owner.key }, timer.targetElementId);
    const target = h.element(owner, timer.targetElementId);
    h.guard(owner, () => {
      this.trigger(owner, target, {});
      const again = timer.cycle && (timer.repetitions > 1 || timer.repetitions === -1);
      if (again && h.state.instances.has(owner.key) && owner.state === 'ACTIVATED' && target.interrupting === false) {
        const reps = timer.repetitions === -1 ? -1 : timer.repetitions - 1;
        this.createTimer(owner, target.id, nextCycleDueDate(timer.cycle!, timer.dueDate, h.now()), reps, timer.cycle);
      }
    });
  }

  /** The catch event `target` (owned by `owner`) happened. */
  trigger(owner: ElementInstance, target: ElementDef, variables: Vars): void {
    const h = this.h;
    if (target.type === 'BOUNDARY_EVENT') {
      const scope = h.scopeOf(owner);
      if (!scope) return;
      if (target.interrupting !== false) h.terminate(owner);
      h.activateNow(target, scope, { trigger: variables });
      return;
    }
    if (target.type === 'START_EVENT') {
      const esp = h.element(owner, target.flowScopeId!);
      if (target.interrupting !== false) this.interrupt(owner);
      h.activateNow(esp, owner, { trigger: variables });
      return;
    }
    if (owner.type === 'EVENT_BASED_GATEWAY') {
      this.closeSubscriptions(owner);
      const flow = h.def(owner).outgoing.find((f) => f.targetId === target.id)!;
      h.complete(owner, { flows: [flow], triggered: { elementId: target.id, variables } });
      return;
    }
    // the catch event or receive task itself
    this.closeSubscriptions(owner, (id) => id === target.id);
    h.applyEventVariables(owner, variables);
    h.complete(owner);
  }

  /** An interrupting event subprocess starts: everything else in the scope ends. */
  private interrupt(scope: ElementInstance): void {
    this.h.terminateChildren(scope);
    this.closeSubscriptions(scope, (id) => this.h.element(scope, id).type === 'START_EVENT');
  }

  throwError(from: ElementInstance, errorCode: string, _errorMessage: string, vars?: Vars): boolean {
    const found = this.find(from, (e) => e.eventKind === 'error', (e) => e.errorCode === errorCode, (e) => e.errorCode === undefined);
    if (!found) return false;
    this.catchAt(found, vars ?? {}, true, true);
    return true;
  }

  throwEscalation(from: ElementInstance, code: string): void {
    const scope = this.h.scopeOf(from) ?? from;
    const found = this.find(scope, (e) => e.eventKind === 'escalation', (e) => e.escalationCode === code, (e) => e.escalationCode === undefined);
    const h = this.h;
    h.writer.about(from, 'ESCALATION', found ? 'ESCALATED' : 'NOT_ESCALATED', h.state.newKey(), {
      escalationCode: code, throwElementId: from.elementId, catchElementId: found?.event.id ?? '',
    });
    if (found) this.catchAt(found, {}, found.event.interrupting !== false);
  }

  private catchAt(found: Catch, vars: Vars, interrupting: boolean, localTrigger = false): void {
    const h = this.h;
    const options = { trigger: vars, ...(localTrigger ? { localTrigger } : {}) };
    if (found.event.type === 'BOUNDARY_EVENT') {
      const scope = h.scopeOf(found.owner);
      if (!scope) return;
      if (interrupting) h.terminate(found.owner);
      h.activateNow(found.event, scope, options);
    } else {
      if (interrupting) this.interrupt(found.owner);
      h.activateNow(h.element(found.owner, found.event.flowScopeId!), found.owner, options);
    }
  }

  /** Walks up from `from`: at each level event subprocesses first, then boundary events; specific before catch-all. */
  private find(
    from: ElementInstance, kind: (e: ElementDef) => boolean, specific: (e: ElementDef) => boolean,
    catchAll: (e: ElementDef) => boolean,
  ): Catch | undefined {
    const h = this.h;
    const pick = (events: ElementDef[]): ElementDef | undefined => {
      const candidates = events.filter(kind);
      return candidates.find(specific) ?? candidates.find(catchAll);
    };
    let prev: ElementInstance | undefined;
    for (let cur: ElementInstance | undefined = from; cur;) {
      const def = h.def(cur);
      // an event thrown inside an event subprocess is not caught by the event subprocesses of the same scope
      if (prev?.type !== 'EVENT_SUB_PROCESS') {
        const starts = (def.eventSubprocessIds ?? []).map((id) => h.element(cur!, h.element(cur!, id).startEventId ?? id));
        const esp = pick(starts);
        if (esp) return { event: esp, owner: cur };
      }
      const isInner = cur.type !== 'MULTI_INSTANCE_BODY' && def.loop !== undefined;
      if (!isInner) {
        const boundary = pick((def.boundaryIds ?? []).map((id) => h.element(cur!, id)));
        if (boundary) return { event: boundary, owner: cur };
      }
      prev = cur;
      if (cur.flowScopeKey) cur = h.state.instances.get(cur.flowScopeKey);
      else if (cur.pi.parentElementInstanceKey) cur = h.state.instances.get(cur.pi.parentElementInstanceKey);
      else cur = undefined;
    }
    return undefined;
  }
}
