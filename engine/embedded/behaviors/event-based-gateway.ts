/** Event-based gateway: subscribes to every target event; the first that happens wins (bpmn.ts triggers it). */
import type { ElementBehavior } from './behavior.js';

export const eventBasedGateway: ElementBehavior = {
  onActivated(b, inst, def) {
    for (const flow of def.outgoing) b.subscribe(inst, b.element(inst, flow.targetId));
  },
};
