/**
 * JSON Logic is the only logic a published form may carry, but @formio/core registers every lodash function as a
 * JSON Logic operation (`_invoke`, `_invokeMap`, `_method` reach `Function` and call it; `_repeat`, `_range`,
 * `_times`, `_pad` allocate without bound). So each expression is checked against an allowlist of pure, bounded
 * operations, and `var` paths may not walk into prototypes.
 */
const ALLOWED_OPERATIONS = new Set([
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'merge',
  'map', 'filter', 'reduce', 'all', 'none', 'some',
  'getDate', 'relativeMinDate', 'relativeMaxDate',
  // lodash helpers that neither call functions by name nor allocate in proportion to an argument
  '_isEmpty', '_isNil', '_isNumber', '_isString', '_isArray', '_size', '_includes', '_trim', '_toLower', '_toUpper',
  '_sum', '_round', '_floor', '_ceil', '_get', '_has', '_first', '_last', '_uniq', '_compact', '_flatten',
]);

const FORBIDDEN_PATH_PART = /(^|\.)(__proto__|prototype|constructor)(\.|$)/;

/** Problems of one JSON Logic expression, as human-readable strings (empty when it is allowed). */
export function jsonLogicProblems(expression: unknown): string[] {
  const problems: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(`an object in JSON Logic must have exactly one operation, found ${keys.length}`);
      return;
    }
    const operation = keys[0]!;
    const args = (node as Record<string, unknown>)[operation];
    if (!ALLOWED_OPERATIONS.has(operation)) {
      problems.push(`JSON Logic operation "${operation}" is not allowed`);
      return;
    }
    if (operation === 'var' || operation === '_get' || operation === '_has') {
      for (const arg of Array.isArray(args) ? args : [args]) {
        if (typeof arg === 'string' && FORBIDDEN_PATH_PART.test(arg)) problems.push(`path "${arg}" is not allowed`);
      }
    }
    walk(args);
  };
  walk(expression);
  return problems;
}
