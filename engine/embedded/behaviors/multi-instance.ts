/**
 * Multi-instance body (parallel or sequential): one inner instance per inputCollection item with the local
 * variables inputElement and loopCounter; outputElement results are collected into outputCollection (bpmn.ts
 * writes them when an inner instance completes); completionCondition ends the loop early.
 */
import { evalFeel, IncidentFault } from '../expression.js';
import type { ElementDef } from '../model/types.js';
import type { ElementInstance } from '../state/types.js';
import type { BpmnApi, ElementBehavior } from './behavior.js';

function collection(b: BpmnApi, body: ElementInstance, def: ElementDef): unknown[] {
  const source = def.loop!.inputCollection!;
  const value = evalFeel(source, b.context(body), 'EXTRACT_VALUE_ERROR', b.now());
  if (!Array.isArray(value)) {
    const kind = value === null || value === undefined ? 'NULL' : typeof value === 'object' ? 'OBJECT' : typeof value;
    throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected result of the expression '${source}' to be 'ARRAY', but was '${kind.toUpperCase()}'.`);
  }
  return value;
}

/** `=result` → `result`: Zeebe makes a plain-variable outputElement local to each inner instance. */
const VARIABLE_REF = /^=?\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/;

function activateInner(b: BpmnApi, body: ElementInstance, def: ElementDef, items: unknown[], index: number): void {
  const locals: Record<string, unknown> = {};
  if (def.loop!.inputElement) locals[def.loop!.inputElement] = items[index] ?? null;
  const outputVar = def.loop!.outputElement ? VARIABLE_REF.exec(def.loop!.outputElement)?.[1] : undefined;
  if (outputVar && !(outputVar in locals)) locals[outputVar] = null;
  locals.loopCounter = index + 1;
  b.activate(def, body, { inner: true, locals });
}

/** The counters Zeebe offers to completionCondition, kept as local variables of the body. */
function updateCounters(b: BpmnApi, body: ElementInstance, completedDelta: number): void {
  const completed = Number(body.vars?.get('numberOfCompletedInstances') ?? 0) + completedDelta;
  b.setLocal(body, 'numberOfCompletedInstances', completed);
  b.setLocal(body, 'numberOfActiveInstances', body.children?.size ?? 0);
}

/** After an inner instance completed (or when resumed after an incident): stop early, run the next, or finish. */
function continueLoop(b: BpmnApi, body: ElementInstance, def: ElementDef, ctx: Record<string, unknown>): void {
  const cond = def.loop!.completionCondition;
  if (cond && evalFeel(cond, ctx, 'EXTRACT_VALUE_ERROR', b.now()) === true) {
    b.setLocal(body, 'numberOfTerminatedInstances', body.children?.size ?? 0);
    b.terminateChildren(body);
    return b.complete(body);
  }
  if (def.loop!.sequential) {
    if (body.children?.size) return;
    const items = collection(b, body, def);
    const next = body.loopCounter ?? 0;
    if (next < items.length) return activateInner(b, body, def, items, next);
    return b.complete(body);
  }
  if (!body.children?.size) b.complete(body);
}

export const multiInstanceBody: ElementBehavior = {
  onActivated(b, body, def) {
    // inner instances exist already: this is the resumption of a loop whose step raised an incident
    if ((body.loopCounter ?? 0) > 0) return continueLoop(b, body, def, b.context(body));
    const items = collection(b, body, def);
    if (def.loop!.outputCollection) b.setLocal(body, def.loop!.outputCollection, items.map(() => null));
    b.setLocal(body, 'numberOfInstances', items.length);
    b.setLocal(body, 'numberOfCompletedInstances', 0);
    b.setLocal(body, 'numberOfActiveInstances', def.loop!.sequential ? Math.min(1, items.length) : items.length);
    b.setLocal(body, 'numberOfTerminatedInstances', 0);
    if (items.length === 0) return b.complete(body);
    if (def.loop!.sequential) activateInner(b, body, def, items, 0);
    else for (let i = 0; i < items.length; i++) activateInner(b, body, def, items, i);
  },

  onChildCompleted(b, body, child, def) {
    updateCounters(b, body, 1);
    continueLoop(b, body, def, b.context(child));
  },
};
