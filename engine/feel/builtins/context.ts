import { defineBuiltin, isContext, isList, isText } from './define.js';

/**
 * Camunda's context extensions: `put` (also with a key path, creating nested contexts) and `put all`.
 * Inputs are never mutated: FEEL values are immutable.
 */
export const contextBuiltins = {
  put: defineBuiltin(['context', 'key', 'value'], (context: unknown, key: unknown, value: unknown) => {
    if (!isContext(context)) return null;
    if (isText(key)) return { ...context, [key]: value ?? null };
    if (isList(key) && key.length > 0 && key.every(isText)) return putPath(context, key, value ?? null);
    return null;
  }),

  'put all': defineBuiltin(['...contexts'], (...contexts: unknown[]) => {
    const list = contexts.length === 1 && isList(contexts[0]) ? contexts[0] : contexts;
    if (!list.every(isContext)) return null;
    return Object.assign({}, ...list) as Record<string, unknown>;
  }),
};

function putPath(context: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return { ...context, [head]: value };
  const child = context[head];
  return { ...context, [head]: putPath(isContext(child) ? child : {}, rest, value) };
}
