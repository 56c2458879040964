/**
 * FEEL for the embedded engine: Zeebe's expression language, evaluated with feelin (chosen over
 * @bpmn-io/feelin for correctness and speed; numbers in bench/feel/README.md) plus the Camunda built-ins feelin
 * lacks (`builtins/`). Results are JSON-compatible, the way Zeebe stores them as variables.
 */
import { compileCached } from './evaluate.js';
import { evaluateFeelDetailed, type FeelEvaluationOptions } from './evaluate.js';

export { FeelEvaluationError } from './errors.js';
export {
  describeFeelWarnings,
  evaluateFeelDetailed,
  feelCacheSize,
  clearFeelCache,
  FEEL_CACHE_CAPACITY,
  type FeelEvaluation,
  type FeelEvaluationOptions,
  type FeelWarning,
} from './evaluate.js';
export { MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH } from './compile.js';
export { MAX_ITERATIONS } from './iteration-budget.js';

/** Zeebe's rule: an attribute value starting with `=` is a FEEL expression; anything else is a static value. */
export function isFeelExpression(s: string): boolean {
  return s.startsWith('=');
}

export type FeelCheck = { ok: true } | { ok: false; message: string; position?: number };

/** Parses only (deployment validation). `source` is given without the leading `=`. */
export function checkFeel(source: string, kind: 'expression' | 'unaryTests' = 'expression'): FeelCheck {
  const compiled = compileCached(source, kind);
  return compiled.ok ? { ok: true } : { ok: false, message: compiled.message, position: compiled.position };
}

/**
 * Evaluates `source` (without the leading `=`) against `context`; see `evaluateFeelDetailed` for the null
 * semantics. Throws FeelEvaluationError on syntax errors and evaluation faults.
 */
export function evaluateFeel(source: string, context: Record<string, unknown>, options?: FeelEvaluationOptions): unknown {
  return evaluateFeelDetailed(source, context, options).value;
}
