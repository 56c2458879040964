/**
 * What a form is filled in with when a task opens: the values of fields the form defines (nothing else of the
 * case's variables reaches the browser), without hidden fields (their values are never sent to the client).
 */
import { eachValue, type FormDefinition } from './components.js';
import type { FieldPermission } from './validate.js';

export function prefillFor(
  definition: FormDefinition,
  values: Record<string, unknown>,
  permissions: Record<string, FieldPermission> = {},
): Record<string, unknown> {
  const source = structuredClone(values);
  const prefill: Record<string, unknown> = {};
  eachValue(definition.components, source, (component, holder) => {
    const key = component.key as string;
    if (holder === source && key in source) prefill[key] = source[key];
  });
  eachValue(definition.components, prefill, (component, holder) => {
    const key = component.key as string;
    if (permissions[key] === 'hidden') delete holder[key];
  });
  return prefill;
}
