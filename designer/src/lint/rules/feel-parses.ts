import { parseExpression } from 'feelin';
import { ownerId, type ModdleNode, type Rule } from './moddle.js';

/**
 * Names with spaces the parser must know beforehand (FEEL's context-sensitive names): Camunda's extra built-ins
 * that feelin's grammar does not list itself. Standard built-ins (`string length`, `is defined` …) it knows.
 */
const MULTI_WORD_BUILTINS = ['get or else', 'get value', 'get entries', 'context put', 'context merge', 'string join', 'is empty', 'duplicate values', 'assert'];
const PARSE_CONTEXT = Object.fromEntries(MULTI_WORD_BUILTINS.map((n) => [n, true]));

/** The offset of the first syntax error in a FEEL expression (without the `=`), or undefined when it parses. */
export function feelSyntaxErrorAt(source: string): number | undefined {
  if (source.trim() === '') return 0;
  let at: number | undefined;
  parseExpression(source, PARSE_CONTEXT, 'camunda').iterate({
    enter(n) {
      if (at !== undefined) return false;
      if (n.type.isError) {
        at = n.from;
        return false;
      }
      return undefined;
    },
  });
  return at;
}

/** The FEEL-valued strings of one element: Zeebe's rule is that a value starting with `=` is an expression. */
function feelValues(node: ModdleNode): { property: string; source: string }[] {
  const out: { property: string; source: string }[] = [];
  for (const p of node.$descriptor?.properties ?? []) {
    if (p.type !== 'String' || p.isMany || p.isReference) continue;
    const v = node[p.name];
    if (typeof v === 'string' && v.startsWith('=')) out.push({ property: p.name, source: v.slice(1) });
  }
  return out;
}

/** Every FEEL expression (zeebe attributes, conditions, timers, multi-instance) parses — the engine refuses it at deploy otherwise. */
export default function feelParses(): Rule {
  return {
    check(node, reporter) {
      for (const { property, source } of feelValues(node)) {
        const at = feelSyntaxErrorAt(source);
        if (at !== undefined) reporter.report(ownerId(node) ?? '', `FEEL expression does not parse (${property}, at ${at}): ${source.slice(0, 60)}`);
      }
    },
  };
}
