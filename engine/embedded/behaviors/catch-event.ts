/**
 * Intermediate catch events (message, timer) and receive tasks: subscribe and wait; when activated by an
 * event-based gateway the event already happened, so they complete at once.
 */
import type { ElementBehavior } from './behavior.js';

export const catchEvent: ElementBehavior = {
  onActivated(b, inst, def, options) {
    if (options.trigger) {
      b.applyEventVariables(inst, options.trigger);
      b.complete(inst);
      return;
    }
    if (def.eventKind === 'message' || def.eventKind === 'timer') b.subscribe(inst, def);
    else b.complete(inst);
  },
};
