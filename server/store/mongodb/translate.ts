import type { Filter as MongoFilter } from 'mongodb';
import type { RawDoc } from './documents.js';
import type { FieldOp, FilterNode } from '../query/index.js';
import { isPlainObject } from '../query/index.js';

/**
 * Translates a parsed filter (server/store/query) into a MongoDB filter.
 *
 * The reference semantics are the shared matcher's. Where MongoDB answers differently, the leaf is
 * replaced by "match all" (a superset, since and/or are monotone and every negation is a leaf) and the
 * result is marked inexact; the adapter then re-checks every returned document with the shared matcher.
 * Such leaves:
 * - equality against an embedded document: MongoDB compares documents with their key order, our contract
 *   ignores key order;
 * - $ne / $nin on a dotted path: FerretDB v1 matches `{'items.sku': {$ne: 's1'}}` when any array element
 *   differs, where MongoDB (and our contract) require that no element is equal;
 * - null (= missing) on a dotted path that may cross an array: FerretDB v1 disagrees with the contract
 *   both ways (`{'b.c': null}` misses `b: [{c: 0}, {d: 1}]`, and matches `items: []`).
 * Found by the differential test in test/store/mongodb.test.ts (random documents and filters).
 */
export interface Translated {
  filter: MongoFilter<RawDoc>;
  exact: boolean;
}

export function translateFilter(node: FilterNode): Translated {
  switch (node.kind) {
    case 'and':
    case 'or': {
      if (node.children.length === 0) return { filter: {}, exact: true };
      const parts = node.children.map(translateFilter);
      const exact = parts.every((p) => p.exact);
      const filters = parts.map((p) => p.filter).filter((f) => node.kind === 'or' || Object.keys(f).length > 0);
      if (node.kind === 'or' && filters.some((f) => Object.keys(f).length === 0)) return { filter: {}, exact };
      if (filters.length === 0) return { filter: {}, exact };
      if (filters.length === 1) return { filter: filters[0]!, exact };
      return { filter: { [node.kind === 'and' ? '$and' : '$or']: filters }, exact };
    }
    case 'field':
      if (!isExactOnMongo(node.test, node.segments.length > 1)) return { filter: {}, exact: false };
      // plain `{path: value}` for equality (the same in MongoDB for any non-document value): FerretDB v1
      // pushes a filter down to SQL only when it is exactly `{_id: value}`
      if (node.test.op === 'eq') return { filter: { [node.path]: node.test.value }, exact: true };
      return { filter: { [node.path]: fieldCondition(node.test) }, exact: true };
  }
}

function fieldCondition(test: FieldOp): Record<string, unknown> {
  switch (test.op) {
    case 'eq': case 'ne': case 'gt': case 'gte': case 'lt': case 'lte':
      return { [`$${test.op}`]: test.value };
    case 'in': case 'nin':
      return { [`$${test.op}`]: test.values };
    case 'exists':
      return { $exists: test.value };
    case 'regex':
      return { $regex: test.regex };
  }
}

function isExactOnMongo(test: FieldOp, dotted: boolean): boolean {
  switch (test.op) {
    case 'eq': return !containsDocument(test.value) && !(dotted && test.value === null);
    case 'in': return !test.values.some(containsDocument) && !(dotted && test.values.includes(null));
    case 'ne': return !dotted && !containsDocument(test.value);
    case 'nin': return !dotted && !test.values.some(containsDocument);
    case 'gt': case 'gte': case 'lt': case 'lte': return !(dotted && test.value === null);
    default: return true;
  }
}

function containsDocument(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsDocument);
  return isPlainObject(value);
}
