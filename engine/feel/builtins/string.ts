import { randomUUID } from 'node:crypto';
import { defineBuiltin, isText } from './define.js';

/** Camunda's string extensions that feelin does not ship. Wrong argument types yield null, as in FEEL. */
export const stringBuiltins = {
  extract: defineBuiltin(['string', 'pattern'], (text: unknown, pattern: unknown) => {
    if (!isText(text) || !isText(pattern)) return null;
    const regexp = compilePattern(pattern);
    if (!regexp) return null;
    return Array.from(text.matchAll(regexp), (match) => match[0]);
  }),

  trim: defineBuiltin(['string'], (text: unknown) => (isText(text) ? text.trim() : null)),

  'is blank': defineBuiltin(['string'], (text: unknown) => (isText(text) ? text.trim().length === 0 : null)),

  'to base64': defineBuiltin(['value'], (text: unknown) =>
    isText(text) ? Buffer.from(text, 'utf8').toString('base64') : null,
  ),

  uuid: defineBuiltin([], () => randomUUID()),

  // Replaces feelin's to add Camunda's prefix/suffix form: string join(list, delimiter, prefix, suffix).
  'string join': defineBuiltin(['list', 'delimiter', 'prefix', 'suffix'], (list: unknown, delimiter?: unknown, prefix?: unknown, suffix?: unknown) => {
    if (!Array.isArray(list)) return null;
    const affixes = [delimiter, prefix, suffix];
    if (!affixes.every((a) => a === undefined || a === null || isText(a))) return null;
    const items = list.filter((item) => item !== null && item !== undefined);
    if (!items.every(isText)) return null;
    const text = (a: unknown): string => (isText(a) ? a : '');
    return text(prefix) + items.join(text(delimiter)) + text(suffix);
  }),
};

function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return null;
  }
}
