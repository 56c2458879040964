import type { Collection as MongoCollection, Sort } from 'mongodb';
import { UnsupportedQueryError } from '../port.js';
import type { Filter, SortSpec } from '../port.js';
import { matchesFilter, parseFilter, sortKeysWithId, validateSort } from '../query/index.js';
import type { FilterNode } from '../query/index.js';
import { translateFilter } from './translate.js';
import type { Translated } from './translate.js';
import type { RawDoc } from './documents.js';

export type { RawDoc } from './documents.js';

/** A filter checked against the shared subset and translated once, reused by every step of an operation. */
export interface PreparedFilter {
  node: FilterNode;
  server: Translated;
}

export function prepareFilter(filter: Filter | undefined): PreparedFilter {
  const node = parseFilter(filter ?? {});
  return { node, server: translateFilter(node) };
}

export interface ReadOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

/**
 * Reads whole documents in the contract's order (the given sort, then `_id`). When the server filter is
 * exact, sort, skip and limit run on the server; otherwise every candidate is re-checked with the shared
 * matcher and skip/limit apply to the documents that really match.
 */
export async function readDocs(raw: MongoCollection<RawDoc>, where: PreparedFilter, options: ReadOptions = {}): Promise<RawDoc[]> {
  validateSort(options.sort);
  const skip = checkedCount('skip', options.skip) ?? 0;
  const limit = checkedCount('limit', options.limit);
  // limit 0 means "no documents" here (MongoDB would read it as "no limit")
  if (limit === 0) return [];
  const sort: Sort = sortKeysWithId(options.sort);
  if (where.server.exact) {
    // at most one document has a given _id: no sort, which also lets FerretDB v1 push the lookup down to
    // SQL (it does so only for a filter that is exactly `{_id: value}`, with no sort or skip)
    const order = isIdLookup(where.node) ? {} : { sort };
    return raw.find(where.server.filter, { ...order, ...(skip > 0 ? { skip } : {}), ...(limit !== undefined ? { limit } : {}) }).toArray();
  }
  const found: RawDoc[] = [];
  let skipped = 0;
  const cursor = raw.find(where.server.filter, { sort });
  try {
    for await (const doc of cursor) {
      if (!matchesFilter(where.node, doc)) continue;
      if (skipped < skip) {
        skipped += 1;
        continue;
      }
      found.push(doc);
      if (limit !== undefined && found.length >= limit) break;
    }
  } finally {
    await cursor.close();
  }
  return found;
}

export async function countDocs(raw: MongoCollection<RawDoc>, where: PreparedFilter): Promise<number> {
  if (where.server.exact) return raw.countDocuments(where.server.filter);
  return (await readDocs(raw, where)).length;
}

function isIdLookup(node: FilterNode): boolean {
  return node.kind === 'field' && node.path === '_id' && node.test.op === 'eq';
}

function checkedCount(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw new UnsupportedQueryError(`${name} must be a non-negative integer`);
  return value;
}
