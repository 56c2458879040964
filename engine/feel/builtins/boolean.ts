import { FeelEvaluationError } from '../errors.js';
import { defineBuiltin } from './define.js';

/**
 * Camunda's boolean extensions. `is defined` follows the current Camunda docs: null and a missing variable are
 * both "not defined" (feel-scala changed this; the older "null is defined" reading is gone from the docs).
 * `assert` is the one deliberate way for an expression to fail instead of yielding null.
 */
export const booleanBuiltins = {
  'is defined': defineBuiltin(['value'], (value: unknown) => value !== null && value !== undefined),

  'get or else': defineBuiltin(['value', 'default'], (value: unknown, fallback: unknown) =>
    value === null || value === undefined ? (fallback ?? null) : value,
  ),

  assert: defineBuiltin(['value', 'condition', 'cause'], (value: unknown, condition: unknown, cause?: unknown) => {
    if (condition === true) return value;
    const message = typeof cause === 'string' ? cause : 'The condition is not fulfilled';
    throw new FeelEvaluationError(`Assertion failure on evaluate the expression: ${message}`, '');
  }),
};
