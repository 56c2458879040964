/**
 * Server-side validation of a submission with @formio/core's own processors (the rules the browser renderer
 * runs): defaults, calculated values (JSON Logic), conditional visibility, clearing hidden values, validation.
 *
 * Per-step field permissions (decision, documented in forms/README.md): a client value for a `readonly` or
 * `hidden` field that differs from the value the server prefilled (`current`) is REFUSED with a per-field error
 * (rule `readonly` / `hidden`); an unchanged echo of the prefill is accepted. Either way such fields are removed
 * from the returned data, so they are never stored from a submission.
 */
import { processSync, ProcessTargets } from '@formio/core/process';
import { DefaultEvaluator, registerEvaluator } from '@formio/core/utils';
import { isDeepStrictEqual } from 'node:util';
import { eachComponent, eachValue, type FormComponent, type FormDefinition } from './components.js';
import { lintFormDefinition } from './lint.js';
import { messageFor, type FormioFieldError } from './messages.js';

// Defense in depth: even if JavaScript slipped past the publish lint, @formio/core must not compile it.
registerEvaluator(new DefaultEvaluator({ noeval: true }));

export type FieldPermission = 'editable' | 'readonly' | 'hidden';

export interface ValidateOptions {
  /** Per component key; keys not listed are editable. Applies to every row of a data grid. */
  stepPermissions?: Record<string, FieldPermission>;
  /** The values the server holds (prefill) that read-only/hidden fields may echo back unchanged. */
  current?: Record<string, unknown>;
}

export interface FieldError {
  path: string;
  message: string;
  rule: string;
}

export interface ValidationResult {
  ok: boolean;
  data: Record<string, unknown>;
  errors: FieldError[];
}

/** A definition the server refuses to evaluate (it would need JavaScript, or is malformed). */
export class FormDefinitionError extends Error {
  constructor(readonly problems: ReturnType<typeof lintFormDefinition>) {
    super(`Invalid form definition: ${problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`);
    this.name = 'FormDefinitionError';
  }
}

function getPath(data: unknown, path: string): unknown {
  let node: unknown = data;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A copy of the definition in which restricted fields have no rules, and JSON Logic calculations run here. */
function prepare(definition: FormDefinition, permissions: Record<string, FieldPermission>): FormComponent[] {
  const components = structuredClone(definition.components);
  eachComponent(components, (component) => {
    if (component.calculateValue && typeof component.calculateValue === 'object') component.calculateServer = true;
    const permission = component.key ? permissions[component.key] : undefined;
    if (permission === 'readonly' || permission === 'hidden') {
      delete component.validate;
      delete component.calculateValue;
    }
  });
  return components;
}

export function validateSubmission(
  definition: FormDefinition,
  submitted: Record<string, unknown>,
  options: ValidateOptions = {},
): ValidationResult {
  const problems = lintFormDefinition(definition);
  if (problems.length > 0) throw new FormDefinitionError(problems);
  const permissions = options.stepPermissions ?? {};
  const components = prepare(definition, permissions);
  const errors: FieldError[] = [];

  const data = structuredClone(submitted);
  eachValue(components, data, (component, holder, path) => {
    const permission = component.key ? permissions[component.key] : undefined;
    if (permission !== 'readonly' && permission !== 'hidden') return;
    const key = component.key as string;
    if (!(key in holder)) return;
    if (!isDeepStrictEqual(holder[key], getPath(options.current ?? {}, path))) {
      errors.push({ path, rule: permission, message: `${component.label ?? key} 不可修改 (field is ${permission})` });
    }
  });

  const context = {
    components,
    data,
    processors: ProcessTargets.submission,
    scope: { errors: [] as unknown[] },
    config: { server: true },
  };
  processSync(context as never);
  context.processors = ProcessTargets.evaluator;
  processSync(context as never);
  for (const error of context.scope.errors as FormioFieldError[]) {
    errors.push({ path: error.context.path, rule: error.ruleName, message: messageFor(error) });
  }

  const normalised = context.data;
  eachValue(components, normalised, (component, holder) => {
    const permission = component.key ? permissions[component.key] : undefined;
    if (permission === 'readonly' || permission === 'hidden') delete holder[component.key as string];
  });
  return { ok: errors.length === 0, data: normalised, errors };
}
