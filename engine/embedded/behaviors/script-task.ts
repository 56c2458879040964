/** Script task with zeebe:script: evaluates the FEEL expression and delivers it as resultVariable. */
import { evalFeel } from '../expression.js';
import type { ElementBehavior } from './behavior.js';
import { jobTask } from './job-task.js';

export const scriptTask: ElementBehavior = {
  onActivated(b, inst, def, options) {
    if (!def.script) return jobTask.onActivated(b, inst, def, options);
    const value = evalFeel(def.script.expression, b.context(inst), 'EXTRACT_VALUE_ERROR', b.now());
    if (def.script.resultVariable) b.applyEventVariables(inst, { [def.script.resultVariable]: value });
    b.complete(inst);
  },
  onTerminating: jobTask.onTerminating!,
};
