/** Process, embedded subprocess and event subprocess: enter at the start event; complete when empty (bpmn.ts). */
import type { ElementBehavior } from './behavior.js';

export const subProcess: ElementBehavior = {
  onActivated(b, inst, def) {
    if (def.noneStartId) b.activate(b.element(inst, def.noneStartId), inst);
    else b.childFinished(inst);
  },
};

export const eventSubProcess: ElementBehavior = {
  onActivated(b, inst, def, options) {
    const localTrigger = options.localTrigger ? { localTrigger: true } : {};
    b.activate(b.element(inst, def.startEventId!), inst, { trigger: options.trigger ?? {}, ...localTrigger });
  },
};

/** Processes enter at the none start event, or at the elements their creation named (message/timer start, start instructions). */
export const processBehavior: ElementBehavior = {
  onActivated(b, inst) {
    b.enterProcess(inst);
  },
};
