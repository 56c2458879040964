import { evaluate as feelinEvaluate } from 'feelin';
import { builtinsFor, CUSTOM_BUILTIN_NAMES } from './builtins/index.js';
import { compileFeel, NOT_TEXT, type CompiledFeel, type FeelKind } from './compile.js';
import { FeelEvaluationError } from './errors.js';
import { iterationCount, MAX_ITERATIONS } from './iteration-budget.js';
import { LruCache } from './lru-cache.js';
import { feelToJson } from './to-json.js';

export interface FeelEvaluationOptions {
  /** Epoch milliseconds that `now()` and `today()` read; the engine passes its controllable clock. Default: Date.now(). */
  now?: number;
}

export interface FeelWarning {
  type: string;
  message: string;
  position: number;
}

export interface FeelEvaluation {
  /** The JSON-compatible result (see `to-json.ts`). */
  value: unknown;
  /** Why parts of the expression yielded null (missing variable, wrong argument type ...), as Zeebe reports them. */
  warnings: FeelWarning[];
}

/**
 * The warnings as Zeebe appends them to an incident message ("The evaluation reported the following warnings:"),
 * one `[TYPE] message` per line; empty when there are none.
 */
export function describeFeelWarnings(warnings: readonly FeelWarning[]): string {
  return warnings.map((w) => `[${w.type}] ${w.message}`).join('\n');
}

export const FEEL_CACHE_CAPACITY = 2_000;
const cache = new LruCache<string, CompiledFeel>(FEEL_CACHE_CAPACITY);
/** Results of constant expressions, keyed by their compiled entry (so they leave with it). */
const constantResults = new WeakMap<CompiledFeel, FeelEvaluation>();

/** Multi-word names (`order total`) change how FEEL parses, so they belong to the cache key. */
function multiWordNamesOf(context: Record<string, unknown>): string[] {
  const names: string[] = [];
  for (const key of Object.keys(context)) if (/\s/.test(key)) names.push(key);
  return names;
}

export function compileCached(source: string, kind: FeelKind, contextNames: readonly string[] = []): CompiledFeel {
  // Callers are typed, but BPMN attributes and API bodies are not: a non-string fails as a value, uncached
  // (its cache key would collide with the string of the same spelling).
  if (typeof source !== 'string') return NOT_TEXT;
  const key = contextNames.length === 0 ? `${kind}\u0000${source}` : `${kind}\u0000${contextNames.join('\u0001')}\u0000${source}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileFeel(source, kind, [...CUSTOM_BUILTIN_NAMES, ...contextNames]);
    cache.set(key, compiled);
  }
  return compiled;
}

export function feelCacheSize(): number {
  return cache.size;
}

export function clearFeelCache(): void {
  cache.clear();
}

/**
 * Evaluates a FEEL expression with Zeebe 8.5's null-friendly semantics: a missing variable, a missing context
 * entry, an unknown function or an operation on the wrong types yields null plus a warning, never a failure.
 * Deciding that null is unacceptable (a gateway condition must be boolean) is the caller's business. Faults are
 * syntax errors, the guards of `compile.ts`, a failed `assert(...)`, and anything the interpreter itself throws.
 */
export function evaluateFeelDetailed(
  source: string,
  context: Record<string, unknown>,
  options: FeelEvaluationOptions = {},
): FeelEvaluation {
  context = context !== null && typeof context === 'object' ? context : {};
  const compiled = compileCached(source, 'expression', multiWordNamesOf(context));
  if (!compiled.ok) throw new FeelEvaluationError(`Failed to parse FEEL expression '${source}': ${compiled.message}`, source, compiled.position);
  try {
    return evaluateCompiled(source, compiled, context, options);
  } catch (error) {
    if (error instanceof FeelEvaluationError) {
      throw new FeelEvaluationError(`Failed to evaluate FEEL expression '${source}': ${error.message}`, source, error.position);
    }
    // RangeError: stack overflow on deep nesting in the expression, or on cyclic or absurdly deep data.
    const reason = error instanceof RangeError ? 'the expression or its data nest too deeply' : String((error as Error)?.message ?? error);
    throw new FeelEvaluationError(`Failed to evaluate FEEL expression '${source}': ${reason}`, source);
  }
}

function evaluateCompiled(
  source: string,
  compiled: Extract<CompiledFeel, { ok: true }>,
  context: Record<string, unknown>,
  options: FeelEvaluationOptions,
): FeelEvaluation {
  if (compiled.iterationSources.length > 0 && iterationCount(compiled.iterationSources, context) > MAX_ITERATIONS) {
    throw new FeelEvaluationError(`it would iterate over more than ${MAX_ITERATIONS} elements`, source);
  }
  if (compiled.simplePath) {
    const found = readPath(context, compiled.simplePath);
    if (found.hit) return { value: feelToJson(plainValue(found.value)), warnings: [] };
  }
  const known = constantResults.get(compiled);
  if (known) return { value: structuredClone(known.value), warnings: [...known.warnings] };
  const clock = options.now;
  const scope = builtinsFor(clock === undefined ? Date.now : () => clock);
  for (const name of compiled.readNames) {
    if (Object.hasOwn(context, name)) scope[name] = plainValue(context[name]);
  }
  const result = feelinEvaluate(source, scope, 'camunda');
  const evaluation = {
    value: feelToJson(result.value),
    warnings: result.warnings.map((w) => ({ type: w.type, message: w.message, position: w.position.from })),
  };
  if (compiled.constant) constantResults.set(compiled, { value: structuredClone(evaluation.value), warnings: [...evaluation.warnings] });
  return evaluation;
}

/**
 * The fast path for `a` / `a.b.c`: only when every step is a plain object that has the key. Anything else
 * (a missing name, a list projection, a property of a date) goes to feelin, which knows those rules and warnings.
 */
function readPath(context: Record<string, unknown>, path: readonly string[]): { hit: true; value: unknown } | { hit: false } {
  let current: unknown = context;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current) || current instanceof Date) return { hit: false };
    if (!Object.hasOwn(current, key)) return { hit: false };
    current = (current as Record<string, unknown>)[key];
  }
  return { hit: true, value: current };
}

/**
 * Variables are JSON in Zeebe, so a JS Date handed in by a caller is treated as the ISO string it would be
 * stored as; FEEL converts strings to dates only when asked (`date and time(x)`).
 */
function plainValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(plainValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value as Record<string, unknown>)) out[key] = plainValue(entry);
    return out;
  }
  return value;
}
