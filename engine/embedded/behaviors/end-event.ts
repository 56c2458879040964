/** End events: none, terminate, error, escalation, message (job-based). */
import type { ElementBehavior } from './behavior.js';
import { jobTask } from './job-task.js';

export const endEvent: ElementBehavior = {
  onActivated(b, inst, def, options) {
    switch (def.eventKind) {
      case 'terminate': {
        const scope = b.scopeOf(inst);
        if (scope) {
          for (const key of [...(scope.children ?? [])]) {
            const sibling = b.state.instances.get(key);
            if (sibling && sibling !== inst) b.terminate(sibling);
          }
        }
        b.complete(inst);
        return;
      }
      case 'error': {
        const code = def.errorCode ?? '';
        if (!b.throwError(inst, code, '')) {
          b.incident(inst, 'UNHANDLED_ERROR_EVENT',
            `Expected to throw an error event with the code '${code}', but it was not caught. No error events are available in the scope.`);
        }
        return;
      }
      case 'escalation':
        b.throwEscalation(inst, def.escalationCode ?? '');
        if (inst.state === 'ACTIVATED') b.complete(inst);
        return;
      case 'message':
        return jobTask.onActivated(b, inst, def, options);
      default:
        b.complete(inst);
    }
  },
  onTerminating: jobTask.onTerminating!,
};
