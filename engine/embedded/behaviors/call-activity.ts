/** Call activity: creates an instance of the called process and completes when it completes (bpmn.ts). */
import type { ElementBehavior } from './behavior.js';

export const callActivity: ElementBehavior = {
  onActivated(b, inst, def) {
    b.callProcess(inst, def);
  },
  onTerminating(b, inst) {
    const child = inst.calledKey ? b.state.instances.get(inst.calledKey) : undefined;
    if (child) b.terminate(child);
  },
};
