/** Deployment validation of every expression in a parsed model (structure is checked while parsing). */
import type { DeploymentProblem } from '../../port.js';
import { feelProblem } from '../expression.js';
import type { ProcessModel } from './types.js';

export function validateExpressions(model: ProcessModel, resourceName: string): DeploymentProblem[] {
  const problems: DeploymentProblem[] = [];
  const check = (elementId: string, source: string | undefined, alwaysFeel: boolean): void => {
    if (source === undefined) return;
    const msg = feelProblem(source, alwaysFeel);
    if (msg) problems.push({ resourceName, elementId, message: msg });
  };
  for (const flow of model.flows.values()) check(flow.id, flow.condition, true);
  for (const el of model.elements.values()) {
    for (const m of [...(el.inputs ?? []), ...(el.outputs ?? [])]) check(el.id, m.source, true);
    if (el.message) check(el.id, el.message.correlationKey, true);
    if (el.message) check(el.id, el.message.name, false);
    if (el.timer) check(el.id, el.timer.expression, false);
    if (el.script) check(el.id, el.script.expression, true);
    if (el.job) {
      check(el.id, el.job.type, false);
      check(el.id, el.job.retries, false);
      // only the user-task headers Zeebe derives from assignment/schedule may be expressions
      for (const [k, v] of Object.entries(el.job.headers)) {
        if (el.type === 'USER_TASK' && k.startsWith('io.camunda.zeebe:') && v.startsWith('=')) check(el.id, v, true);
      }
    }
    if (el.calledElement) check(el.id, el.calledElement.processId, false);
    if (el.loop) {
      check(el.id, el.loop.inputCollection, true);
      check(el.id, el.loop.outputElement, true);
      check(el.id, el.loop.completionCondition, true);
    }
  }
  return problems;
}
