/** Exclusive gateway: the first outgoing flow whose condition is true, else the default flow, else an incident. */
import { IncidentFault } from '../expression.js';
import { evalCondition } from './condition.js';
import type { ElementBehavior } from './behavior.js';

export const exclusiveGateway: ElementBehavior = {
  onActivated(b, inst, def) {
    if (def.outgoing.length === 0) return b.complete(inst, { flows: [] });
    if (def.outgoing.length === 1 && !def.outgoing[0]!.condition) return b.complete(inst);
    const ctx = b.context(inst);
    for (const flow of def.outgoing) {
      if (flow.id === def.defaultFlowId || !flow.condition) continue;
      if (evalCondition(flow.condition, ctx, b.now())) return b.complete(inst, { flows: [flow] });
    }
    const dflt = def.outgoing.find((f) => f.id === def.defaultFlowId);
    if (dflt) return b.complete(inst, { flows: [dflt] });
    throw new IncidentFault('CONDITION_ERROR',
      `Expected at least one condition to evaluate to true, or to have a default flow at gateway '${def.id}'`);
  },
};
