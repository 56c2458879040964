import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Collection, Filter } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

/** Five documents that exercise types, nesting, arrays, arrays of objects, null and missing fields. */
const FIXTURE = [
  {
    _id: 'a', n: 1, s: 'apple', tags: ['x', 'y'], items: [{ sku: 's1', qty: 2 }, { sku: 's2', qty: 5 }],
    nested: { k: 'v', deep: { z: 1 } }, d: new Date('2024-01-01T00:00:00.000Z'), flag: true,
  },
  {
    _id: 'b', n: 2.5, s: 'banana', tags: ['y'], items: [{ sku: 's2', qty: 1 }],
    nested: { k: 'w' }, d: new Date('2024-06-01T08:30:00.000Z'), flag: false, nul: null,
  },
  { _id: 'c', n: -3, s: 'Cherry', tags: [], items: [], d: new Date('2023-01-01T00:00:00.000Z'), flag: true },
  { _id: 'd', n: '10', s: '香蕉', nested: { k: null } },
  { _id: 'e' },
];

/** [filter, ids it must select], grouped by what they prove. */
const CASES: Record<string, [Filter, string[]][]> = {
  'equality, types and nesting': [
    [{}, ['a', 'b', 'c', 'd', 'e']],
    [{ s: 'apple' }, ['a']],
    [{ s: { $eq: 'apple' } }, ['a']],
    [{ n: 1 }, ['a']],
    [{ n: 1.0 }, ['a']],
    [{ n: '10' }, ['d']],
    [{ n: 10 }, []],
    [{ flag: true }, ['a', 'c']],
    [{ flag: 1 }, []],
    [{ n: true }, []],
    [{ 'nested.k': 'v' }, ['a']],
    [{ 'nested.deep.z': 1 }, ['a']],
    [{ s: '香蕉' }, ['d']],
    [{ d: new Date('2024-01-01T00:00:00.000Z') }, ['a']],
    [{ d: '2024-01-01T00:00:00.000Z' }, []],
    [{ _id: 'c' }, ['c']],
    [{ tags: 'y', n: { $gt: 2 } }, ['b']],
  ],
  'null and missing': [
    [{ nul: null }, ['a', 'b', 'c', 'd', 'e']],
    [{ 'nested.k': null }, ['c', 'd', 'e']],
    [{ n: null }, ['e']],
    [{ n: { $ne: null } }, ['a', 'b', 'c', 'd']],
    [{ n: { $in: [null, 1] } }, ['a', 'e']],
  ],
  'arrays': [
    [{ tags: 'y' }, ['a', 'b']],
    [{ tags: 'z' }, []],
    [{ tags: ['x', 'y'] }, ['a']],
    [{ tags: ['y', 'x'] }, []],
    [{ tags: [] }, ['c']],
    [{ 'items.sku': 's2' }, ['a', 'b']],
    [{ 'items.qty': { $gt: 4 } }, ['a']],
    [{ 'items.sku': { $exists: true } }, ['a', 'b']],
    [{ tags: { $in: ['x', 'q'] } }, ['a']],
    [{ tags: { $ne: 'y' } }, ['c', 'd', 'e']],
    [{ tags: { $nin: ['x'] } }, ['b', 'c', 'd', 'e']],
    [{ 'items.sku': { $ne: 's1' } }, ['b', 'c', 'd', 'e']],
    [{ tags: { $regex: '^x' } }, ['a']],
    [{ nested: { k: 'w' } }, ['b']],
  ],
  '$ne $in $nin': [
    [{ s: { $ne: 'apple' } }, ['b', 'c', 'd', 'e']],
    [{ n: { $in: [1, -3] } }, ['a', 'c']],
    [{ n: { $in: [] } }, []],
    [{ n: { $nin: [1, 2.5] } }, ['c', 'd', 'e']],
    [{ _id: { $in: ['a', 'c', 'zz'] } }, ['a', 'c']],
  ],
  'comparisons stay within one type': [
    [{ n: { $gt: 1 } }, ['b']],
    [{ n: { $gte: 1 } }, ['a', 'b']],
    [{ n: { $lt: 0 } }, ['c']],
    [{ n: { $lte: 2.5 } }, ['a', 'b', 'c']],
    [{ n: { $gt: 1, $lt: 3 } }, ['b']],
    [{ n: { $gt: '1' } }, ['d']],
    [{ s: { $gt: 'b' } }, ['b', 'd']],
    [{ s: { $lt: 'b' } }, ['a', 'c']],
    [{ d: { $gt: new Date('2023-12-31T23:59:59.999Z') } }, ['a', 'b']],
    [{ d: { $gte: new Date('2024-01-01T00:00:00.000Z') } }, ['a', 'b']],
    [{ d: { $lt: new Date('2024-01-01T00:00:00.000Z') } }, ['c']],
    [{ d: { $lte: new Date('2024-06-01T08:30:00.000Z') } }, ['a', 'b', 'c']],
    [{ d: { $gt: '2000' } }, []],
    [{ flag: { $gt: false } }, ['a', 'c']],
    [{ _id: { $gt: 'c' } }, ['d', 'e']],
  ],
  '$exists': [
    [{ flag: { $exists: true } }, ['a', 'b', 'c']],
    [{ flag: { $exists: false } }, ['d', 'e']],
    [{ nul: { $exists: true } }, ['b']],
    [{ 'nested.k': { $exists: true } }, ['a', 'b', 'd']],
    [{ 'items.sku': { $exists: false } }, ['c', 'd', 'e']],
  ],
  '$and $or': [
    [{ $or: [{ s: 'apple' }, { n: -3 }] }, ['a', 'c']],
    [{ $and: [{ tags: 'y' }, { flag: false }] }, ['b']],
    [{ $and: [{ $or: [{ n: 1 }, { n: 2.5 }] }, { tags: 'x' }] }, ['a']],
    [{ $or: [{ n: { $exists: false } }, { 'nested.k': null }] }, ['c', 'd', 'e']],
    [{ s: { $ne: 'apple' }, $or: [{ flag: true }, { tags: 'y' }] }, ['b', 'c']],
  ],
  'anchored $regex': [
    [{ s: { $regex: '^ba' } }, ['b']],
    [{ s: /^ch/i }, ['c']],
    [{ s: /^ch/ }, []],
    [{ s: { $regex: '^CH', $options: 'i' } }, ['c']],
    [{ s: { $regex: /^a.p/ } }, ['a']],
    [{ s: { $regex: '^香' } }, ['d']],
    [{ n: { $regex: '^1' } }, ['d']],
  ],
};

export function describeFilters(ctx: ConformanceContext): void {
  describe('filters (MongoDB semantics)', () => {
    let c: Collection;
    beforeAll(async () => {
      c = ctx.fresh();
      await c.insertMany(FIXTURE);
    });

    for (const [group, cases] of Object.entries(CASES)) {
      describe(group, () => {
        it.each(cases.map(([filter, ids]) => [describeFilter(filter), filter, ids] as const))(
          'given the fixture, %s selects the expected documents',
          async (_label, filter, ids) => {
            const found = await c.find(filter, { sort: { _id: 1 } });
            expect(found.map((d) => d._id)).toEqual(ids);
            expect(await c.count(filter)).toBe(ids.length);
          },
        );
      });
    }

    it('given an indexed field, answers are the same as without the index', async () => {
      const indexed = ctx.fresh();
      await indexed.createIndex({ fields: { n: 1 } });
      await indexed.createIndex({ fields: { 'items.sku': 1 } });
      await indexed.createIndex({ fields: { s: 1, 'nested.k': 1 } });
      await indexed.insertMany(FIXTURE);
      for (const cases of Object.values(CASES)) {
        for (const [filter, ids] of cases) {
          expect([describeFilter(filter), (await indexed.find(filter, { sort: { _id: 1 } })).map((d) => d._id)])
            .toEqual([describeFilter(filter), ids]);
        }
      }
    });
  });
}

function describeFilter(filter: Filter): string {
  return JSON.stringify(filter, (_k, v: unknown) => (v instanceof RegExp ? v.toString() : v));
}
