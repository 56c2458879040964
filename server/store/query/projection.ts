import { UnsupportedQueryError } from '../port.js';
import type { Projection } from '../port.js';
import { splitPath } from './filter.js';
import { isPlainObject } from './values.js';

/**
 * Inclusion or exclusion projections (never mixed, except that `_id`/`_v` may be excluded from an inclusion).
 * Dotted paths reach into nested documents and through arrays of documents, as in MongoDB.
 */
export function validateProjection(projection: Projection | undefined): void {
  if (projection === undefined) return;
  if (!isPlainObject(projection)) throw new UnsupportedQueryError('a projection must be a plain object');
  let mode: 0 | 1 | undefined;
  for (const [path, flag] of Object.entries(projection)) {
    splitPath(path);
    if (flag !== 0 && flag !== 1) throw new UnsupportedQueryError(`projection of "${path}" must be 0 or 1`);
    if (path === '_id' || path === '_v') continue;
    if (mode !== undefined && mode !== flag) throw new UnsupportedQueryError('a projection cannot mix inclusion and exclusion');
    mode = flag;
  }
}

export function applyProjection<D extends Record<string, unknown>>(doc: D, projection: Projection | undefined): D {
  if (projection === undefined || Object.keys(projection).length === 0) return doc;
  const entries = Object.entries(projection);
  const inclusion = entries.some(([path, flag]) => flag === 1 && path !== '_id' && path !== '_v');
  const paths = entries.filter(([path]) => path !== '_id' && path !== '_v').map(([path]) => path.split('.'));
  let result: Record<string, unknown>;
  if (inclusion) {
    result = {};
    for (const system of ['_id', '_v']) if (projection[system] !== 0 && doc[system] !== undefined) result[system] = doc[system];
    for (const segments of paths) include(doc, result, segments);
  } else {
    result = structuredClone(doc) as Record<string, unknown>;
    for (const system of ['_id', '_v']) if (projection[system] === 0) delete result[system];
    for (const segments of paths) exclude(result, segments);
  }
  return result as D;
}

function include(source: unknown, target: Record<string, unknown>, segments: string[]): void {
  const [head, ...rest] = segments as [string, ...string[]];
  if (!isPlainObject(source) || !(head in source) || source[head] === undefined) return;
  const value = source[head];
  if (rest.length === 0) {
    target[head] = structuredClone(value);
  } else if (Array.isArray(value)) {
    const existing = Array.isArray(target[head]) ? (target[head] as unknown[]) : undefined;
    target[head] = value.flatMap((element, i) => {
      if (!isPlainObject(element)) return [];
      const into = (existing?.[i] as Record<string, unknown> | undefined) ?? {};
      include(element, into, rest);
      return [into];
    });
  } else if (isPlainObject(value)) {
    const into = isPlainObject(target[head]) ? target[head] : {};
    include(value, into, rest);
    if (Object.keys(into).length > 0) target[head] = into;
  }
}

function exclude(target: unknown, segments: string[]): void {
  const [head, ...rest] = segments as [string, ...string[]];
  if (Array.isArray(target)) {
    for (const element of target) exclude(element, segments);
    return;
  }
  if (!isPlainObject(target)) return;
  if (rest.length === 0) delete target[head];
  else exclude(target[head], rest);
}
