/**
 * Job-worker tasks (service, send, user — job type io.camunda.zeebe:userTask —, script with a task
 * definition, message throw events): create a job and wait for the worker to complete it.
 */
import type { ElementBehavior } from './behavior.js';

export const jobTask: ElementBehavior = {
  onActivated(b, inst, def) {
    b.createJob(inst, def);
  },
  onTerminating(b, inst) {
    b.cancelJob(inst);
  },
};
