import type { Filter, FindOptions, Page, PageOptions } from '../port.js';
import { UnsupportedQueryError } from '../port.js';
import { encodeCursor, filterAfterCursor } from './cursor.js';
import { applyProjection, validateProjection } from './projection.js';
import { sortKeysWithId } from './sort.js';

/** Keyset pagination on top of an adapter's `find`: one extra document tells whether another page follows. */
export async function findPageWith<D extends Record<string, unknown>>(
  find: (filter: Filter, options: FindOptions) => Promise<D[]>,
  filter: Filter,
  options: PageOptions,
): Promise<Page<D>> {
  if (!Number.isInteger(options.limit) || options.limit < 1) throw new UnsupportedQueryError('page limit must be a positive integer');
  validateProjection(options.projection);
  const keys = sortKeysWithId(options.sort);
  const sort = Object.fromEntries(keys);
  const scoped = options.cursor ? { $and: [filter, filterAfterCursor(keys, options.cursor)] } : filter;
  // project after paging: the cursor needs the sort keys even when the projection drops them
  const found = await find(scoped, { sort, limit: options.limit + 1 });
  const items = found.slice(0, options.limit);
  const last = items[items.length - 1];
  const nextCursor = found.length > options.limit && last ? encodeCursor(keys, last) : null;
  return { items: items.map((doc) => applyProjection(doc, options.projection)), nextCursor };
}
