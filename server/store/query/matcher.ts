import type { FieldOp, FilterNode } from './filter.js';
import { compareSameClass, isPlainObject, valuesEqual } from './values.js';

/**
 * The reference semantics of a filter, in JS. The SQLite adapter translates filters to SQL and uses this
 * matcher only for what SQL cannot say exactly (see server/store/sqlite/translate.ts); the conformance
 * suite holds both — and the MongoDB adapter — to the same answers.
 */
export const MISSING: unique symbol = Symbol('missing');
type Candidate = unknown;

/**
 * The values a dotted path reaches, as MongoDB sees them: a path step that meets an array continues into
 * every object element (nested arrays are not flattened); a step that reaches nothing yields MISSING.
 */
export function pathCandidates(value: unknown, segments: readonly string[], from = 0): Candidate[] {
  if (from === segments.length) return [value];
  if (value === MISSING || value === undefined) return [MISSING];
  const segment = segments[from]!;
  if (Array.isArray(value)) {
    if (/^\d+$/.test(segment)) return pathCandidates(member(value, segment), segments, from + 1);
    return value.flatMap((element) => (isPlainObject(element) ? pathCandidates(member(element, segment), segments, from + 1) : []));
  }
  if (isPlainObject(value)) return pathCandidates(member(value, segment), segments, from + 1);
  return [MISSING];
}

/** A present member (null included) or MISSING. */
function member(container: object, key: string): unknown {
  const value = Object.hasOwn(container, key) ? (container as Record<string, unknown>)[key] : undefined;
  return value === undefined ? MISSING : value;
}

export function matchesFilter(node: FilterNode, doc: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and': return node.children.every((child) => matchesFilter(child, doc));
    case 'or': return node.children.some((child) => matchesFilter(child, doc));
    case 'field': return matchesField(node.test, pathCandidates(doc, node.segments));
  }
}

function matchesField(test: FieldOp, candidates: Candidate[]): boolean {
  switch (test.op) {
    case 'ne': return !candidates.some((c) => matchesValue({ op: 'eq', value: test.value }, c));
    case 'nin': return !candidates.some((c) => matchesValue({ op: 'in', values: test.values }, c));
    case 'exists': return candidates.some((c) => c !== MISSING) === test.value;
    default: return candidates.some((c) => matchesValue(test, c));
  }
}

/** A positive test on one candidate; a candidate that is an array also matches when one of its elements does. */
export function matchesValue(test: FieldOp, candidate: Candidate): boolean {
  if (matchesScalar(test, candidate)) return true;
  return Array.isArray(candidate) && candidate.some((element) => matchesScalar(test, element));
}

function matchesScalar(test: FieldOp, value: Candidate): boolean {
  const present = value !== MISSING && value !== undefined;
  switch (test.op) {
    case 'eq': return test.value === null ? !present || value === null : present && valuesEqual(value, test.value);
    case 'in': return test.values.some((v) => matchesScalar({ op: 'eq', value: v }, value));
    case 'gt': case 'gte': case 'lt': case 'lte': {
      if (test.value === null) return (test.op === 'gte' || test.op === 'lte') && (!present || value === null);
      if (!present) return false;
      const order = compareSameClass(value, test.value);
      if (order === undefined) return false;
      return test.op === 'gt' ? order > 0 : test.op === 'gte' ? order >= 0 : test.op === 'lt' ? order < 0 : order <= 0;
    }
    case 'regex': return typeof value === 'string' && test.regex.test(value);
    case 'exists': return present === test.value;
    case 'ne': return !matchesScalar({ op: 'eq', value: test.value }, value);
    case 'nin': return !matchesScalar({ op: 'in', values: test.values }, value);
  }
}
