import { UnsupportedQueryError } from '../port.js';
import type { Filter } from '../port.js';
import { readPath } from './sort.js';
import { isDate } from './values.js';
import type { SortKey } from './sort.js';

/**
 * Opaque page cursors for keyset pagination: the cursor holds the sort-key values of the last document
 * returned, and the next page is "documents after that position" expressed as an ordinary filter, so that
 * every adapter pages the same way and a page never skips or repeats documents when others are inserted.
 */
interface CursorBody {
  k: string[];
  v: unknown[];
}

export function encodeCursor(keys: SortKey[], lastDoc: Record<string, unknown>): string {
  const body: CursorBody = {
    k: keys.map(([path, direction]) => `${direction === 1 ? '+' : '-'}${path}`),
    v: keys.map(([path]) => toTagged(readPath(lastDoc, path))),
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The filter selecting documents strictly after the cursor's position in the given order. */
export function filterAfterCursor(keys: SortKey[], cursor: string): Filter {
  let body: CursorBody;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorBody;
  } catch {
    throw new UnsupportedQueryError('malformed page cursor');
  }
  const signature = keys.map(([path, direction]) => `${direction === 1 ? '+' : '-'}${path}`);
  if (!Array.isArray(body?.k) || !Array.isArray(body.v) || body.k.join('\n') !== signature.join('\n')) {
    throw new UnsupportedQueryError('the page cursor belongs to another sort order');
  }
  const values = body.v.map(fromTagged);
  const branches: Filter[] = [];
  keys.forEach(([path, direction], i) => {
    const value = values[i] ?? null;
    const after: Filter | undefined = value === null
      ? direction === 1 ? { [path]: { $ne: null } } : undefined
      : direction === 1 ? { [path]: { $gt: value } } : { $or: [{ [path]: { $lt: value } }, { [path]: null }] };
    if (after === undefined) return;
    const equalBefore: Filter[] = keys.slice(0, i).map(([p], j) => ({ [p]: values[j] ?? null }));
    branches.push(equalBefore.length === 0 ? after : { $and: [...equalBefore, after] });
  });
  // nothing can follow (e.g. the last value was null in a descending sort on _id alone): match nothing
  return branches.length > 0 ? { $or: branches } : { _id: { $in: [] } };
}

function toTagged(value: unknown): unknown {
  return isDate(value) ? { $date: value.toISOString() } : value ?? null;
}

function fromTagged(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { $date?: unknown }).$date === 'string') {
    return new Date((value as { $date: string }).$date);
  }
  return value;
}
