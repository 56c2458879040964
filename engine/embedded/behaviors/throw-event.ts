/** Intermediate throw events: none (pass through), escalation, message (job-based). */
import type { ElementBehavior } from './behavior.js';
import { jobTask } from './job-task.js';

export const throwEvent: ElementBehavior = {
  onActivated(b, inst, def, options) {
    if (def.eventKind === 'message') return jobTask.onActivated(b, inst, def, options);
    if (def.eventKind === 'escalation') b.throwEscalation(inst, def.escalationCode ?? '');
    if (inst.state === 'ACTIVATED') b.complete(inst);
  },
  onTerminating: jobTask.onTerminating!,
};
