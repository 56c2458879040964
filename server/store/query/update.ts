import { UnsupportedQueryError } from '../port.js';
import type { Update } from '../port.js';
import { assertStorable } from './document.js';
import { parseFilter, splitPath } from './filter.js';
import type { FieldOp } from './filter.js';
import { matchesFilter, matchesValue } from './matcher.js';
import { isPlainObject, valuesEqual } from './values.js';

const UPDATE_OPERATORS = new Set(['$set', '$unset', '$inc', '$push', '$pull']);
const RESERVED = new Set(['_id', '_v']);

/** Rejects updates outside the subset, and paths touched twice (MongoDB rejects those as conflicts). */
export function validateUpdate(update: Update): void {
  if (!isPlainObject(update)) throw new UnsupportedQueryError('an update must be a plain object');
  const ops = Object.keys(update).filter((k) => (update as Record<string, unknown>)[k] !== undefined);
  if (ops.length === 0) throw new UnsupportedQueryError('an update needs at least one operator ($set $unset $inc $push $pull)');
  const touched: string[] = [];
  for (const op of ops) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new UnsupportedQueryError(`update operator ${op} is not supported (supported: ${[...UPDATE_OPERATORS].join(' ')})`);
    }
    const fields = (update as Record<string, unknown>)[op];
    if (!isPlainObject(fields) || Object.keys(fields).length === 0) throw new UnsupportedQueryError(`${op} needs an object of paths`);
    for (const [path, value] of Object.entries(fields)) {
      splitPath(path);
      if (RESERVED.has(path.split('.')[0]!)) throw new UnsupportedQueryError(`${op} may not change ${path}`);
      if (touched.some((p) => p === path || p.startsWith(`${path}.`) || path.startsWith(`${p}.`))) {
        throw new UnsupportedQueryError(`update paths conflict at "${path}"`);
      }
      touched.push(path);
      if (op === '$inc' && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw new UnsupportedQueryError(`$inc on "${path}" needs a finite number`);
      }
      if (op === '$set') assertStorable(value, path);
      if (op === '$push') assertStorable(isEach(value) ? value.$each : value, path);
      if (op === '$pull' && isPlainObject(value)) pullTest(value);
    }
  }
}

/** Returns the updated copy of `doc` (not mutated). Throws UnsupportedQueryError when a value has the wrong type. */
export function applyUpdate<D extends Record<string, unknown>>(doc: D, update: Update): D {
  const result = structuredClone(doc) as Record<string, unknown>;
  for (const [path, value] of Object.entries(update.$set ?? {})) setPath(result, path, structuredClone(value));
  for (const path of Object.keys(update.$unset ?? {})) unsetPath(result, path);
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    const current = getPath(result, path);
    if (current !== undefined && typeof current !== 'number') throw new UnsupportedQueryError(`$inc on "${path}": the value is not a number`);
    setPath(result, path, (current ?? 0) + by);
  }
  for (const [path, value] of Object.entries(update.$push ?? {})) {
    const current = getPath(result, path);
    if (current !== undefined && !Array.isArray(current)) throw new UnsupportedQueryError(`$push on "${path}": the value is not an array`);
    const added = isEach(value) ? value.$each : [value];
    setPath(result, path, [...(current ?? []), ...structuredClone(added)]);
  }
  for (const [path, value] of Object.entries(update.$pull ?? {})) {
    const current = getPath(result, path);
    if (current === undefined) continue;
    if (!Array.isArray(current)) throw new UnsupportedQueryError(`$pull on "${path}": the value is not an array`);
    const remove = pullTest(value);
    setPath(result, path, current.filter((element) => !remove(element)));
  }
  return result as D;
}

function isEach(value: unknown): value is { $each: unknown[] } {
  return isPlainObject(value) && Array.isArray(value.$each) && Object.keys(value).length === 1;
}

/** $pull takes a value (removes equal elements), field operators ({$gte: 5}) or a filter on object elements ({sku: 'a'}). */
function pullTest(value: unknown): (element: unknown) => boolean {
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      const node = parseFilter({ v: value });
      const tests: FieldOp[] = node.kind === 'field' ? [node.test] : (node.children as { test: FieldOp }[]).map((c) => c.test);
      return (element) => tests.every((t) => matchesValue(t, element));
    }
    const filter = parseFilter(value);
    return (element) => isPlainObject(element) && matchesFilter(filter, element);
  }
  return (element) => valuesEqual(element, value);
}

function getPath(doc: Record<string, unknown>, path: string): unknown {
  let current: unknown = doc;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return undefined;
  }
  return current;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const segments = path.split('.');
  let current: unknown = doc;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      if (last) current[index] = value;
      else current = current[index] = current[index] === undefined ? {} : current[index];
    } else if (isPlainObject(current)) {
      if (last) current[segment] = value;
      else current = current[segment] = current[segment] === undefined ? {} : current[segment];
    } else {
      throw new UnsupportedQueryError(`cannot set "${path}": "${segments.slice(0, i).join('.')}" is not an object`);
    }
  });
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const segments = path.split('.');
  const key = segments[segments.length - 1]!;
  const owner = segments.length === 1 ? doc : getPath(doc, segments.slice(0, -1).join('.'));
  if (Array.isArray(owner) && /^\d+$/.test(key)) owner[Number(key)] = null; // MongoDB leaves a null hole
  else if (isPlainObject(owner)) delete owner[key];
}
