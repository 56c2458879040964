import { UnsupportedQueryError } from '../port.js';
import type { SortSpec } from '../port.js';
import { splitPath } from './filter.js';
import { compareSameClass, isPlainObject, valueClass } from './values.js';

/**
 * Sorting is supported on fields that hold one type across the collection (numbers, strings, dates or
 * booleans); missing and null sort first ascending and last descending, as in MongoDB. Mixed-type or
 * array-valued sort fields have no portable order and are not part of the contract.
 */
export type SortKey = [path: string, direction: 1 | -1];

export function validateSort(sort: SortSpec | undefined): void {
  if (sort === undefined) return;
  if (!isPlainObject(sort)) throw new UnsupportedQueryError('a sort must be a plain object');
  for (const [path, direction] of Object.entries(sort)) {
    splitPath(path);
    if (direction !== 1 && direction !== -1) throw new UnsupportedQueryError(`sort direction of "${path}" must be 1 or -1`);
  }
}

/** The sort keys with `_id` appended as the final tie-breaker (ascending unless the sort names it). */
export function sortKeysWithId(sort: SortSpec | undefined): SortKey[] {
  const keys = Object.entries(sort ?? {}) as SortKey[];
  return keys.some(([path]) => path === '_id') ? keys : [...keys, ['_id', 1]];
}

/** A plain dotted-path read without array traversal (sort fields are scalars). */
export function readPath(doc: unknown, path: string): unknown {
  let current = doc;
  for (const segment of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

const CLASS_RANK = { null: 0, number: 1, string: 2, object: 3, array: 4, boolean: 5, date: 6 } as const;

export function compareForSort(a: unknown, b: unknown): number {
  const same = compareSameClass(a ?? null, b ?? null);
  if (same !== undefined) return same;
  return Math.sign(CLASS_RANK[valueClass(a)] - CLASS_RANK[valueClass(b)]);
}

export function documentComparator(keys: SortKey[]): (a: Record<string, unknown>, b: Record<string, unknown>) => number {
  return (a, b) => {
    for (const [path, direction] of keys) {
      const order = compareForSort(readPath(a, path), readPath(b, path));
      if (order !== 0) return order * direction;
    }
    return 0;
  };
}
