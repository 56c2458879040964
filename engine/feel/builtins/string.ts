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
};

function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'gu');
  } catch {
    return null;
  }
}
