/** Manual tasks, undefined tasks, none intermediate throw events and triggered catch events complete at once. */
import type { ElementBehavior } from './behavior.js';

export const passThrough: ElementBehavior = {
  onActivated(b, inst, _def, options) {
    if (options.trigger && options.localTrigger) for (const [k, v] of Object.entries(options.trigger)) b.setLocal(inst, k, v);
    else if (options.trigger) b.applyEventVariables(inst, options.trigger);
    b.complete(inst);
  },
};
