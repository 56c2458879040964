import { describe, expect, it } from '@jest/globals';
import { UnsupportedQueryError } from '../../../server/store/port.js';
import type { Update } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

export function describeUpdates(ctx: ConformanceContext): void {
  describe('update operators', () => {
    async function updated(initial: Record<string, unknown>, update: Update): Promise<unknown> {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', ...initial });
      await c.updateOne({ _id: 'x' }, update);
      const { _id, _v, ...rest } = (await c.findOne({ _id: 'x' }))!;
      expect([_id, _v]).toEqual(['x', 2]);
      return rest;
    }

    it('$set replaces values and creates nested objects along a dotted path', async () => {
      expect(await updated({ a: 1, b: { c: 1 } }, { $set: { a: 2, 'b.d': '新', 'e.f.g': [1, { h: true }] } }))
        .toEqual({ a: 2, b: { c: 1, d: '新' }, e: { f: { g: [1, { h: true }] } } });
    });

    it('$set stores a Date that comes back as a Date', async () => {
      const at = new Date('2025-03-01T01:02:03.456Z');
      const rest = (await updated({}, { $set: { at } })) as { at: Date };
      expect(rest.at).toBeInstanceOf(Date);
      expect(rest.at.toISOString()).toBe(at.toISOString());
    });

    it('$unset removes top-level and nested fields, and ignores missing ones', async () => {
      expect(await updated({ a: 1, b: { c: 1, d: 2 } }, { $unset: { a: '', 'b.c': '', 'x.y': '' } })).toEqual({ b: { d: 2 } });
    });

    it('$inc adds to numbers (also negative and fractional) and creates missing fields', async () => {
      expect(await updated({ n: 1, f: 0.5 }, { $inc: { n: -3, f: 0.25, m: 2, 'p.q': 1 } })).toEqual({ n: -2, f: 0.75, m: 2, p: { q: 1 } });
    });

    it('$push appends a value, creates a missing array, and supports $each', async () => {
      expect(await updated({ tags: ['a'] }, { $push: { tags: 'b', log: { at: 1 }, more: { $each: [1, 2] } } }))
        .toEqual({ tags: ['a', 'b'], log: [{ at: 1 }], more: [1, 2] });
    });

    it('$pull removes equal values, values matching operators, and object elements matching a filter', async () => {
      expect(await updated(
        { tags: ['a', 'b', 'a'], scores: [1, 5, 7, 3], items: [{ sku: 's1', n: 1 }, { sku: 's2', n: 2 }] },
        { $pull: { tags: 'a', scores: { $gte: 5 }, items: { sku: 's1' } } },
      )).toEqual({ tags: ['b'], scores: [1, 3], items: [{ sku: 's2', n: 2 }] });
    });

    it('given a type mismatch ($inc on a string), the update is rejected and the document is unchanged', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', s: 'text' });
      await expect(c.updateOne({ _id: 'x' }, { $inc: { s: 1 } })).rejects.toThrow();
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', _v: 1, s: 'text' });
    });

    it('given conflicting paths, or a change to _id, the update is rejected as unsupported', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'x', a: { b: 1 } });
      await expect(c.updateOne({ _id: 'x' }, { $set: { a: 1 }, $inc: { 'a.b': 1 } })).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.updateOne({ _id: 'x' }, { $set: { _id: 'y' } })).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.updateOne({ _id: 'x' }, {})).rejects.toBeInstanceOf(UnsupportedQueryError);
      expect(await c.findOne({ _id: 'x' })).toEqual({ _id: 'x', _v: 1, a: { b: 1 } });
    });

    it('updated documents are found by their new values (and no longer by the old ones)', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: 'x', tags: ['a'] }, { _id: 'y', tags: 'a' }]);
      await c.updateMany({ tags: 'a' }, { $set: { tags: ['b', 'c'] } });
      expect(await c.count({ tags: 'a' })).toBe(0);
      expect((await c.find({ tags: 'c' })).map((d) => d._id)).toEqual(['x', 'y']);
    });
  });
}
