import { parseExpression, parseUnaryTests } from 'feelin';
import { iterationCount, MAX_ITERATIONS, type IterationSource, type RangeBound } from './iteration-budget.js';

export type FeelKind = 'expression' | 'unaryTests';


/** What we learn from parsing an expression once; cached per source text (see `cache.ts`). */
export type CompiledFeel =
  | {
      ok: true;
      /** Names used as values (`x`, the `x` of `x.y`): the only variables an evaluation needs to see. */
      readNames: ReadonlySet<string>;
      /** What `for`/`some`/`every` iterate over, for the iteration budget (see `iteration-budget.ts`). */
      iterationSources: readonly IterationSource[];
      /** Set when the whole expression is a variable or a path (`applicant.address.street`): read without feelin. */
      simplePath?: readonly string[];
      /** Reads no variable and calls nothing time- or chance-dependent: its result can be reused (`duration("P3D")`). */
      constant: boolean;
    }
  | { ok: false; message: string; position: number };

/**
 * Pathological input guards. The parser and feelin's evaluator recurse per nesting level, so very deep nesting
 * could overflow the stack; real conditions and mappings are far below both limits.
 */
export const NOT_TEXT: CompiledFeel = { ok: false, message: 'Expression is not text', position: 0 };
export const MAX_SOURCE_LENGTH = 10_000;
export const MAX_NESTING_DEPTH = 64;

/**
 * Parses `source` and records the names it reads and calls. `multiWordNames` are the names with spaces the
 * parser must know to read `get or else(x, 1)` or a variable `order total` as one name (FEEL's context-sensitive
 * names): our built-ins plus any such variables of the evaluation context.
 */
export function compileFeel(source: string, kind: FeelKind, multiWordNames: readonly string[]): CompiledFeel {
  const guard = guardShape(source);
  if (guard) return guard;
  const parseContext = Object.fromEntries(multiWordNames.map((name) => [name, true]));
  const tree = kind === 'expression' ? parseExpression(source, parseContext, 'camunda') : parseUnaryTests(source, parseContext, 'camunda');

  let failure: { message: string; position: number } | undefined;
  // Names used only as call targets are left out: feelin has one namespace, so a variable `count` would
  // otherwise shadow the function `count(...)`, which Zeebe's FEEL (separate namespaces) never does.
  const readNames = new Set<string>();
  const calledNames = new Set<string>();
  const iterationSources: IterationSource[] = [];
  tree.iterate({
    enter(node) {
      if (failure) return false;
      if (node.type.isError) {
        failure = describeSyntaxError(source, node.from, node.to, node.node.nextSibling ?? node.node.parent?.nextSibling ?? null);
        return false;
      }
      if (node.name === 'IterationContext') {
        const iterated = iterationSourceOf(source, node.node);
        if (iterated) iterationSources.push(iterated);
      }
      if (node.name === 'VariableName') {
        const name = source.slice(node.from, node.to);
        const isCallTarget = node.node.parent?.name === 'FunctionInvocation' && node.node.prevSibling === null;
        (isCallTarget ? calledNames : readNames).add(name);
      }
      return undefined;
    },
  });
  if (failure) return { ok: false, ...failure };
  if (iterationCount(iterationSources) > MAX_ITERATIONS) {
    return { ok: false, message: `Expression iterates over more than ${MAX_ITERATIONS} elements`, position: 0 };
  }
  const simplePath = simplePathOf(source);
  const constant = readNames.size === 0 && ![...calledNames].some((name) => NON_DETERMINISTIC.has(name));
  const compiled = { ok: true as const, readNames, iterationSources, constant };
  return simplePath ? { ...compiled, simplePath } : compiled;
}

const NON_DETERMINISTIC = new Set(['now', 'today', 'uuid', 'random number']);

const SIMPLE_PATH = /^\s*[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*\s*$/;
const LITERAL_NAMES = new Set(['null', 'true', 'false']);

/** Most input/output mappings are a bare variable or path; they need no interpreter (see `evaluate.ts`). */
function simplePathOf(source: string): string[] | undefined {
  if (!SIMPLE_PATH.test(source)) return undefined;
  const path = source.split('.').map((segment) => segment.trim());
  return path.some((segment) => LITERAL_NAMES.has(segment)) ? undefined : path;
}

interface SyntaxNodeLike {
  name: string;
  from: number;
  to: number;
  firstChild: SyntaxNodeLike | null;
  nextSibling: SyntaxNodeLike | null;
}

/** `IterationContext(low, "..", high)` or `IterationContext(items)` with `items` a variable or a path. */
function iterationSourceOf(source: string, node: SyntaxNodeLike): IterationSource | undefined {
  const low = node.firstChild;
  const dots = low?.nextSibling;
  const high = dots?.nextSibling;
  if (low && !dots && (low.name === 'VariableName' || low.name === 'PathExpression')) {
    const path = simplePathOf(source.slice(low.from, low.to));
    return path ? { kind: 'list', path } : undefined;
  }
  if (!low || !dots || !high || source.slice(dots.from, dots.to) !== '..') return undefined;
  return { kind: 'range', from: boundOf(source, low), to: boundOf(source, high) };
}

function boundOf(source: string, node: SyntaxNodeLike): RangeBound {
  const text = source.slice(node.from, node.to);
  if (node.name === 'NumericLiteral') return { literal: Number(text) };
  if (node.name === 'ArithmeticExpression' && node.firstChild && /^-\s*\d/.test(text)) return { literal: Number(text.replace(/\s+/g, '')) };
  if (node.name === 'VariableName') return { variable: text };
  return { unknown: true };
}

function describeSyntaxError(
  source: string,
  from: number,
  to: number,
  next: { from: number; to: number } | null,
): { message: string; position: number } {
  if (to > from) return { message: `Unexpected '${source.slice(from, to)}' at position ${from}`, position: from };
  if (next && next.to > next.from) {
    return { message: `Unexpected '${source.slice(next.from, next.to)}' at position ${next.from}`, position: next.from };
  }
  if (from >= source.trimEnd().length) return { message: `Incomplete expression at position ${from}`, position: from };
  return { message: `Syntax error at position ${from}`, position: from };
}

function guardShape(source: string): CompiledFeel | undefined {
  if (source.length > MAX_SOURCE_LENGTH) {
    return { ok: false, message: `Expression is longer than ${MAX_SOURCE_LENGTH} characters`, position: MAX_SOURCE_LENGTH };
  }
  if (source.trim().length === 0) return { ok: false, message: 'Expression is empty', position: 0 };
  let depth = 0;
  let quote = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === '(' || ch === '[' || ch === '{') {
      if (++depth > MAX_NESTING_DEPTH) {
        return { ok: false, message: `Expression nests deeper than ${MAX_NESTING_DEPTH} levels`, position: i };
      }
    } else if (ch === ')' || ch === ']' || ch === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}
