/**
 * A task's form through the form and mapping registries. Opening: the bound form version and its prefill,
 * computed from the instance variables through the step's `variables → prefill` mapping (or, without one, the
 * variables the form has fields for). Completing: the submission is validated against the same version with the
 * step's field permissions (a read-only/hidden value differing from the prefill is refused; such fields never
 * reach the variables), then goes through the step's `submission → variables` mapping. Any failure — invalid
 * submission (422 form.submission_invalid), mapping error (mapping.*) — is thrown before anything changes.
 */
import { prefillFor, type FormDefinition } from '../../forms/index.js';
import { evaluateMappingOrProblem, type FormBinding, type FormRegistry, type MappingKind, type MappingRegistry } from '../forms/index.js';
import { ProblemError } from '../http/problems.js';
import type { TaskDoc } from './task.js';

export interface TaskFormView {
  formKey: string;
  version: number;
  hash: string;
  title: string;
  definition: FormDefinition;
  prefill: Record<string, unknown>;
  fieldPermissions: Record<string, 'editable' | 'readonly' | 'hidden'>;
}

/** The forms side of the task operations (absent: tasks complete with their variables as sent). */
export interface TaskFormHandler {
  /** `variables`: the instance variables the task's job was activated with. */
  view(task: TaskDoc, variables: Record<string, unknown>): Promise<TaskFormView>;
  /** The job's variables from a submission; throws (changing nothing) when it is refused. */
  submit(task: TaskDoc, variables: Record<string, unknown>, submission: Record<string, unknown>): Promise<Record<string, unknown>>;
}

function bindingOf(task: TaskDoc): FormBinding {
  if (task.formBindingError) throw new ProblemError('task.form_unavailable', `task ${task._id}: ${task.formBindingError}`);
  if (!task.formKey) throw new ProblemError('form.not_found', `task ${task._id} has no form`);
  return task.formVersion === null ? { formKey: task.formKey, binding: 'latest' } : { formKey: task.formKey, binding: 'pinned', version: task.formVersion };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function registryFormHandler(forms: FormRegistry, mappings: MappingRegistry): TaskFormHandler {
  /** Runs a step mapping of the expected kind; its result must be an object. */
  const runMapping = async (id: string, kind: MappingKind, input: unknown): Promise<Record<string, unknown>> => {
    const mapping = await mappings.find(id);
    if (!mapping) throw new ProblemError('task.form_unavailable', `the step's mapping ${id} does not exist`);
    if (mapping.kind !== kind) throw new ProblemError('task.form_unavailable', `mapping ${id} is a ${mapping.kind} mapping; this step needs ${kind}`);
    const result = await evaluateMappingOrProblem(mapping.source, input);
    if (!isRecord(result)) throw new ProblemError('mapping.failed', `mapping ${id} must produce an object, produced ${result === undefined ? 'nothing' : typeof result}`);
    return result;
  };

  const open = async (task: TaskDoc, variables: Record<string, unknown>) => {
    const version = await forms.resolve(bindingOf(task));
    const values = task.prefillMappingId ? await runMapping(task.prefillMappingId, 'variables_to_prefill', variables) : variables;
    const permissions = task.fieldPermissions ?? {};
    return { version, permissions, prefill: prefillFor(version.definition, values, permissions) };
  };

  return {
    async view(task, variables) {
      const { version, permissions, prefill } = await open(task, variables);
      return { formKey: version.formKey, version: version.version, hash: version.hash, title: version.title, definition: version.definition, prefill, fieldPermissions: permissions };
    },
    async submit(task, variables, submission) {
      const { version, permissions, prefill } = await open(task, variables);
      const result = await forms.validate({ formKey: version.formKey, binding: 'pinned', version: version.version }, submission, { stepPermissions: permissions, current: prefill });
      if (!result.ok) {
        throw new ProblemError('form.submission_invalid', result.errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: result.errors });
      }
      const output = task.outputMappingId ? await runMapping(task.outputMappingId, 'submission_to_variables', result.data) : result.data;
      return { ...output, formVersion: result.version };
    },
  };
}
