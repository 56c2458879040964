/** Deployment validation of every expression in a parsed model (structure is checked while parsing). */
import type { DeploymentProblem } from '../../port.js';
import { feelProblem } from '../expression.js';
import type { ProcessModel } from './types.js';

/**
 * Zeebe 8.5 rejects the converging inclusive gateway (joining arrived in 8.6). The embedded engine can join, but
 * only when asked to, so that models stay portable to the Zeebe the product runs in production.
 */
export function versionRestrictions(model: ProcessModel, resourceName: string, allowInclusiveJoin: boolean): DeploymentProblem[] {
  if (allowInclusiveJoin) return [];
  const problems: DeploymentProblem[] = [];
  for (const el of model.elements.values()) {
    if (el.type === 'INCLUSIVE_GATEWAY' && el.incoming.length > 1) {
      problems.push({ resourceName, elementId: el.id, message: `converging inclusive gateway '${el.id}' is not supported by Zeebe 8.5 (only diverging)` });
    }
  }
  return problems;
}

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
