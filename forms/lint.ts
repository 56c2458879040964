/**
 * Publish-time lint of a Form.io definition. Form-author JavaScript is rejected here (decision, issue #6): the
 * server never runs it — not with `eval`, not in `vm` (no security boundary). Authors use the JSON Logic variants
 * Form.io supports (`validate.json`, `conditional.json`, `calculateValue` as an object, `customDefaultValue` none).
 */
import { jsonLogicProblems } from './json-logic-lint.js';
import { eachComponent, LAYOUT_TYPES, OBJECT_TYPES, ARRAY_TYPES, type FormComponent } from './components.js';

export interface FormLintProblem {
  /** Component key (or type when the component has no key). */
  key: string;
  rule: 'unknown_type' | 'missing_key' | 'duplicate_key' | 'javascript_not_allowed' | 'jsonlogic_not_allowed' | 'invalid_pattern';
  message: string;
}

/** Component types the server validates with the same rules as the browser renderer. */
export const SUPPORTED_TYPES = new Set([
  // not phoneNumber: the renderer applies its default US input mask, which @formio/core does not know about;
  // Chinese mobile numbers are a textfield with a pattern
  'textfield', 'textarea', 'number', 'password', 'email', 'url', 'checkbox', 'selectboxes',
  'select', 'radio', 'datetime', 'day', 'time', 'currency', 'hidden', 'button',
  ...LAYOUT_TYPES, ...OBJECT_TYPES, ...ARRAY_TYPES,
]);

const isFilledString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** Where Form.io would run author JavaScript; returns the offending setting names. */
function javascriptSettings(component: FormComponent): string[] {
  const found: string[] = [];
  const validate = (component.validate ?? {}) as Record<string, unknown>;
  if (isFilledString(validate.custom)) found.push('validate.custom');
  if (isFilledString(component.calculateValue)) found.push('calculateValue');
  if (isFilledString(component.customDefaultValue)) found.push('customDefaultValue');
  if (isFilledString(component.customConditional)) found.push('customConditional');
  if (Array.isArray(component.logic) && component.logic.length > 0) found.push('logic');
  for (const text of [component.label, component.placeholder, component.description, component.errorLabel]) {
    // `{{ fn(...) }}` in an interpolated string calls a function of the evaluation context
    if (typeof text === 'string' && /{{[^}]*\(/.test(text)) found.push('interpolation');
  }
  return found;
}

/** Where Form.io evaluates JSON Logic: returns [setting name, expression]. */
function jsonLogicSettings(component: FormComponent): [string, unknown][] {
  const found: [string, unknown][] = [];
  const validate = (component.validate ?? {}) as Record<string, unknown>;
  const conditional = (component.conditional ?? {}) as Record<string, unknown>;
  if (validate.json !== undefined && validate.json !== '') found.push(['validate.json', validate.json]);
  if (conditional.json !== undefined && conditional.json !== '') found.push(['conditional.json', conditional.json]);
  for (const setting of ['calculateValue', 'customDefaultValue', 'customConditional'] as const) {
    const value = component[setting];
    if (typeof value === 'object' && value !== null) found.push([setting, value]);
  }
  return found;
}

export function lintFormDefinition(definition: { components?: unknown }): FormLintProblem[] {
  const problems: FormLintProblem[] = [];
  if (!Array.isArray(definition.components)) {
    return [{ key: '', rule: 'missing_key', message: 'The form has no components array' }];
  }
  const seen = new Set<string>();
  eachComponent(definition.components as FormComponent[], (component, scope) => {
    const type = component.type ?? '';
    const key = component.key ?? '';
    if (!SUPPORTED_TYPES.has(type)) {
      problems.push({ key: key || type, rule: 'unknown_type', message: `Unsupported component type "${type}"` });
    }
    if (!key) {
      if (!LAYOUT_TYPES.has(type)) problems.push({ key: type, rule: 'missing_key', message: 'Component has no key' });
    } else if (component.input !== false && !LAYOUT_TYPES.has(type)) {
      const scoped = `${scope}${key}`;
      if (seen.has(scoped)) problems.push({ key, rule: 'duplicate_key', message: `Duplicate key "${scoped}"` });
      seen.add(scoped);
    }
    for (const setting of javascriptSettings(component)) {
      problems.push({
        key: key || type,
        rule: 'javascript_not_allowed',
        message: `${setting}: JavaScript is not allowed; use the JSON Logic variant`,
      });
    }
    for (const [setting, expression] of jsonLogicSettings(component)) {
      for (const message of jsonLogicProblems(expression)) {
        problems.push({ key: key || type, rule: 'jsonlogic_not_allowed', message: `${setting}: ${message}` });
      }
    }
    const pattern = (component.validate as Record<string, unknown> | undefined)?.pattern;
    if (isFilledString(pattern)) {
      try {
        new RegExp(pattern);
      } catch {
        problems.push({ key, rule: 'invalid_pattern', message: `Invalid pattern ${pattern}` });
      }
    }
  });
  return problems;
}
