import { UnsupportedQueryError } from '../port.js';
import type { Filter } from '../port.js';
import { isDate, isPlainObject, valueClass } from './values.js';

/**
 * A filter parsed into a small tree. Both adapters parse every filter through `parseFilter` so that the
 * supported subset — and the error for anything outside it — is the same everywhere.
 */
export type FieldOp =
  | { op: 'eq' | 'ne'; value: unknown }
  | { op: 'in' | 'nin'; values: unknown[] }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: unknown }
  | { op: 'exists'; value: boolean }
  | { op: 'regex'; regex: RegExp };

export type FilterNode =
  | { kind: 'and'; children: FilterNode[] }
  | { kind: 'or'; children: FilterNode[] }
  | { kind: 'field'; path: string; segments: string[]; test: FieldOp };

const FIELD_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists', '$regex', '$options']);
const ALLOWED_REGEX_FLAGS = /^i?$/;

export function parseFilter(filter: Filter | undefined | null): FilterNode {
  if (filter == null) return { kind: 'and', children: [] };
  if (!isPlainObject(filter)) throw new UnsupportedQueryError('a filter must be a plain object');
  const children: FilterNode[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0) {
        throw new UnsupportedQueryError(`${key} needs a non-empty array of filters`);
      }
      children.push({ kind: key === '$and' ? 'and' : 'or', children: value.map((f) => parseFilter(f as Filter)) });
    } else if (key.startsWith('$')) {
      throw new UnsupportedQueryError(`operator ${key} is not supported at the top level (supported: $and, $or)`);
    } else {
      children.push(...parseField(key, value));
    }
  }
  return children.length === 1 ? children[0]! : { kind: 'and', children };
}

export function splitPath(path: string): string[] {
  const segments = path.split('.');
  if (segments.some((s) => s === '' || s.startsWith('$'))) {
    throw new UnsupportedQueryError(`invalid field path "${path}"`);
  }
  return segments;
}

function parseField(path: string, value: unknown): FilterNode[] {
  const segments = splitPath(path);
  const node = (test: FieldOp): FilterNode => ({ kind: 'field', path, segments, test });
  if (value instanceof RegExp) return [node({ op: 'regex', regex: checkedRegex(path, value.source, value.flags) })];
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  const hasOperators = keys.some((k) => k.startsWith('$'));
  if (!hasOperators) return [node({ op: 'eq', value: checkedOperand(path, value) })];
  if (!keys.every((k) => k.startsWith('$'))) {
    throw new UnsupportedQueryError(`field "${path}" mixes operators and plain keys`);
  }
  const ops = value as Record<string, unknown>;
  const nodes: FilterNode[] = [];
  for (const op of keys) {
    const operand = ops[op];
    if (!FIELD_OPERATORS.has(op)) {
      throw new UnsupportedQueryError(
        `operator ${op} on "${path}" is not supported (supported: ${[...FIELD_OPERATORS].filter((o) => o !== '$options').join(' ')})`,
      );
    }
    switch (op) {
      case '$eq': case '$ne':
        nodes.push(node({ op: op === '$eq' ? 'eq' : 'ne', value: checkedOperand(path, operand) }));
        break;
      case '$in': case '$nin':
        if (!Array.isArray(operand)) throw new UnsupportedQueryError(`${op} on "${path}" needs an array`);
        nodes.push(node({ op: op === '$in' ? 'in' : 'nin', values: operand.map((v) => checkedOperand(path, v, op)) }));
        break;
      case '$gt': case '$gte': case '$lt': case '$lte': {
        const cls = valueClass(operand);
        if (cls === 'array' || cls === 'object') {
          throw new UnsupportedQueryError(`${op} on "${path}" compares only numbers, strings, dates or booleans`);
        }
        nodes.push(node({ op: op.slice(1) as 'gt', value: operand ?? null }));
        break;
      }
      case '$exists':
        if (typeof operand !== 'boolean') throw new UnsupportedQueryError(`$exists on "${path}" needs true or false`);
        nodes.push(node({ op: 'exists', value: operand }));
        break;
      case '$regex': {
        const options = ops.$options;
        if (options !== undefined && typeof options !== 'string') throw new UnsupportedQueryError('$options must be a string');
        if (operand instanceof RegExp) {
          nodes.push(node({ op: 'regex', regex: checkedRegex(path, operand.source, operand.flags + (options ?? '')) }));
        } else if (typeof operand === 'string') {
          nodes.push(node({ op: 'regex', regex: checkedRegex(path, operand, options ?? '') }));
        } else {
          throw new UnsupportedQueryError(`$regex on "${path}" needs a string or RegExp`);
        }
        break;
      }
      case '$options':
        if (!('$regex' in ops)) throw new UnsupportedQueryError(`$options on "${path}" without $regex`);
        break;
    }
  }
  return nodes;
}

function checkedOperand(path: string, value: unknown, op = '$eq'): unknown {
  if (value instanceof RegExp) throw new UnsupportedQueryError(`regular expressions inside ${op} on "${path}" are not supported`);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new UnsupportedQueryError(`${op} on "${path}": ${value} is not a storable number`);
  if (isDate(value) && Number.isNaN(value.getTime())) throw new UnsupportedQueryError(`${op} on "${path}": invalid Date`);
  return value === undefined ? null : value;
}

function checkedRegex(path: string, source: string, flags: string): RegExp {
  if (!source.startsWith('^')) {
    throw new UnsupportedQueryError(`$regex on "${path}" must be anchored with ^ (unanchored patterns cannot use an index)`);
  }
  const unique = [...new Set(flags)].join('');
  if (!ALLOWED_REGEX_FLAGS.test(unique)) throw new UnsupportedQueryError(`$regex flags "${flags}" on "${path}": only "i" is supported`);
  try {
    return new RegExp(source, unique);
  } catch (err) {
    throw new UnsupportedQueryError(`invalid $regex on "${path}": ${(err as Error).message}`);
  }
}
