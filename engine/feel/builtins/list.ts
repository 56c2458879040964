import { defineBuiltin, isList } from './define.js';

/** Camunda's list extensions that feelin does not ship. */
export const listBuiltins = {
  'is empty': defineBuiltin(['list'], (list: unknown) => (isList(list) ? list.length === 0 : null)),

  partition: defineBuiltin(['list', 'size'], (list: unknown, size: unknown) => {
    if (!isList(list) || typeof size !== 'number' || !Number.isInteger(size) || size < 1) return null;
    const parts: unknown[][] = [];
    for (let i = 0; i < list.length; i += size) parts.push(list.slice(i, i + size));
    return parts;
  }),

  'duplicate values': defineBuiltin(['list'], (list: unknown) => {
    if (!isList(list)) return null;
    const seen = new Set<string>();
    const reported = new Set<string>();
    const duplicates: unknown[] = [];
    for (const item of list) {
      const key = JSON.stringify(item) ?? 'undefined';
      if (seen.has(key) && !reported.has(key)) {
        reported.add(key);
        duplicates.push(item);
      }
      seen.add(key);
    }
    return duplicates;
  }),
};
