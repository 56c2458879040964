import type { FormRegistry } from '../forms/index.js';
import { ProblemError } from '../http/problems.js';
import type { TaskFormHandler } from './task-service.js';

/**
 * Completing a task with a form: the submission is validated against the newest published version of the form
 * named by the task's formKey, and the validated data become the job's variables. An invalid submission changes
 * nothing and answers 422 form.submission_invalid with the per-field errors.
 */
export function registryFormHandler(forms: FormRegistry): TaskFormHandler {
  return {
    async submit(formKey, submission) {
      const result = await forms.validate({ formKey, binding: 'latest' }, submission);
      if (!result.ok) {
        throw new ProblemError('form.submission_invalid', result.errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors: result.errors });
      }
      return { ...result.data, formVersion: result.version };
    },
  };
}
