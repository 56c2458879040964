/**
 * The task projector's due-date hook: a user task whose job has no dueDate header gets its due and warning
 * instants from the time-limit table, and the process gets them back as local variables of the task's element
 * instance (`dueAt`, `due_<elementId>`), so BPMN timers on the task can use them on both engines.
 */
import type { WorkflowEngine } from '../../engine/index.js';
import type { Logger } from '../log/logger.js';
import type { TimeLimitService } from './service.js';

/** The fields of a new task document the hook reads. */
export interface DueHookTask {
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  unitId: string;
  createdAt: string;
}

export function taskDueResolver(limits: TimeLimitService, engine: WorkflowEngine, logger?: Logger) {
  return async (task: DueHookTask, variables: Record<string, unknown>): Promise<{ dueAt: string; warnAt: string } | undefined> => {
    let due;
    try {
      due = await limits.computeDue(
      {
        processId: task.bpmnProcessId, step: task.elementId, unitId: task.unitId, category: variables.category,
        caseKind: typeof variables.caseKind === 'string' ? variables.caseKind : null,
        level: (variables.level as string | number | undefined) ?? null, urgent: variables.urgent === true,
      },
        new Date(task.createdAt),
      );
    } catch (err) {
      // a broken table must not keep the task out of the inbox: it is created without a due date, and logged
      logger?.error({ err, bpmnProcessId: task.bpmnProcessId, elementId: task.elementId }, 'time-limit due date not computed');
      return undefined;
    }
    if (!due) return undefined;
    const dueAt = due.dueAt.toISOString();
    const warnAt = due.warnAt.toISOString();
    try {
      await engine.setVariables({ elementInstanceKey: task.elementInstanceKey, local: true, variables: { dueAt, [`due_${task.elementId}`]: dueAt } });
    } catch (err) {
      // the element may already be gone (a fast 退回); the task document still carries the due date
      logger?.warn({ err, elementInstanceKey: task.elementInstanceKey }, 'could not set the due date variable');
    }
    return { dueAt, warnAt };
  };
}
