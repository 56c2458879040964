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

function activateInner(b: BpmnApi, body: ElementInstance, def: ElementDef, items: unknown[], index: number): void {
  const locals: Record<string, unknown> = { loopCounter: index + 1 };
  if (def.loop!.inputElement) locals[def.loop!.inputElement] = items[index] ?? null;
  b.activate(def, body, { inner: true, locals });
}

export const multiInstanceBody: ElementBehavior = {
  onActivated(b, body, def) {
    const items = collection(b, body, def);
    if (def.loop!.outputCollection) b.setLocal(body, def.loop!.outputCollection, items.map(() => null));
    if (items.length === 0) return b.complete(body);
    if (def.loop!.sequential) activateInner(b, body, def, items, 0);
    else for (let i = 0; i < items.length; i++) activateInner(b, body, def, items, i);
  },

  onChildCompleted(b, body, child, def) {
    const cond = def.loop!.completionCondition;
    if (cond && evalFeel(cond, b.context(child), 'EXTRACT_VALUE_ERROR', b.now()) === true) {
      b.terminateChildren(body);
      return b.complete(body);
    }
    if (def.loop!.sequential) {
      const items = collection(b, body, def);
      const next = body.loopCounter ?? 0;
      if (next < items.length) return activateInner(b, body, def, items, next);
      return b.complete(body);
    }
    if (!body.children?.size) b.complete(body);
  },
};
