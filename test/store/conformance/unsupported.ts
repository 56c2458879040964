import { describe, expect, it } from '@jest/globals';
import { UnsupportedQueryError } from '../../../server/store/port.js';
import type { Filter, Update } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

const UNSUPPORTED_FILTERS: [string, Filter][] = [
  ['$where', { $where: 'this.a == 1' }],
  ['$elemMatch', { items: { $elemMatch: { sku: 'a' } } }],
  ['$not', { n: { $not: { $gt: 1 } } }],
  ['$size', { tags: { $size: 2 } }],
  ['$nor', { $nor: [{ a: 1 }] }],
  ['$expr', { $expr: { $eq: ['$a', 1] } }],
  ['$text', { $text: { $search: '投诉' } }],
  ['$lookup', { $lookup: { from: 'x' } }],
  ['$all', { tags: { $all: ['a'] } }],
  ['$type', { n: { $type: 'string' } }],
  ['unanchored $regex', { s: { $regex: 'abc' } }],
  ['unanchored RegExp', { s: /abc/ }],
  ['$regex with flag m', { s: { $regex: '^a', $options: 'm' } }],
  ['$in without an array', { n: { $in: 1 } as unknown as unknown[] }],
  ['$gt on an object', { n: { $gt: { a: 1 } } }],
  ['$exists with a number', { n: { $exists: 1 as unknown as boolean } }],
  ['mixed operators and keys', { n: { $gt: 1, a: 2 } }],
  ['empty $or', { $or: [] }],
];

const UNSUPPORTED_UPDATES: [string, Update][] = [
  ['$rename', { $rename: { a: 'b' } } as Update],
  ['$addToSet', { $addToSet: { tags: 'x' } } as Update],
  ['a replacement document', { a: 1 } as Update],
  ['$set of a dotted key', { $set: { a: { 'b.c': 1 } } }],
  ['$set of a $ key', { $set: { a: { $b: 1 } } }],
];

export function describeUnsupported(ctx: ConformanceContext): void {
  describe('outside the supported subset', () => {
    it.each(UNSUPPORTED_FILTERS)('given a filter with %s, find, count, update and delete reject it with UnsupportedQueryError', async (_label, filter) => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', a: 1, n: 1, s: 'abc', tags: ['a'], items: [{ sku: 'a' }] });
      await expect(c.find(filter)).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.count(filter)).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.updateMany(filter, { $set: { touched: true } })).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.deleteMany(filter)).rejects.toBeInstanceOf(UnsupportedQueryError);
      expect(await c.find({})).toEqual([{ _id: 'x', _v: 1, a: 1, n: 1, s: 'abc', tags: ['a'], items: [{ sku: 'a' }] }]);
    });

    it('the error message names the operator', async () => {
      const c = ctx.fresh();
      await expect(c.find({ tags: { $size: 2 } })).rejects.toThrow(/\$size/);
      await expect(c.find({ s: { $regex: 'abc' } })).rejects.toThrow(/anchored/);
    });

    it.each(UNSUPPORTED_UPDATES)('given an update with %s, it is rejected and nothing changes', async (_label, update) => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', a: 1 });
      await expect(c.updateOne({ _id: 'x' }, update)).rejects.toBeInstanceOf(UnsupportedQueryError);
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', _v: 1, a: 1 });
    });

    it.each([
      ['a dotted key', { 'a.b': 1 }],
      ['a $ key', { $set: 1 }],
      ['a nested dotted key', { a: { 'b.c': 1 } }],
      ['a dotted key inside an array', { a: [{ 'b.c': 1 }] }],
    ])('given a document with %s, insert rejects it and writes nothing', async (_label, doc) => {
      const c = ctx.fresh();
      await expect(c.insertOne(doc)).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.insertMany([{ ok: 1 }, doc])).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.replaceOne({}, doc)).rejects.toBeInstanceOf(UnsupportedQueryError);
      expect(await c.count()).toBe(0);
    });

    it('given an unsupported sort direction, find rejects it', async () => {
      const c = ctx.fresh();
      await expect(c.find({}, { sort: { a: 'asc' as unknown as 1 } })).rejects.toBeInstanceOf(UnsupportedQueryError);
    });
  });
}
