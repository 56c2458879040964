/** Inclusive gateway (fork): every flow whose condition is true; the default only when none is. Joins in bpmn.ts. */
import { IncidentFault } from '../expression.js';
import { evalCondition } from './condition.js';
import type { ElementBehavior } from './behavior.js';

export const inclusiveGateway: ElementBehavior = {
  onActivated(b, inst, def) {
    if (def.outgoing.length <= 1 && !def.outgoing[0]?.condition) return b.complete(inst);
    const ctx = b.context(inst);
    const taken = def.outgoing.filter(
      (f) => f.id !== def.defaultFlowId && (!f.condition || evalCondition(f.condition, ctx, b.now())),
    );
    if (taken.length) return b.complete(inst, { flows: taken });
    const dflt = def.outgoing.find((f) => f.id === def.defaultFlowId);
    if (dflt) return b.complete(inst, { flows: [dflt] });
    throw new IncidentFault('CONDITION_ERROR',
      `Expected at least one condition to evaluate to true, or to have a default flow at gateway '${def.id}'`);
  },
};
