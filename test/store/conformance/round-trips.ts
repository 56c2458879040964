import { describe, expect, it } from '@jest/globals';
import { UnsupportedQueryError } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

const EVERYTHING = {
  title: '关于某小区违章搭建的投诉 — 请尽快处理 🏠',
  reporter: { name: '张三', phone: '13800000000', grid: { id: 'G-0101', name: '第一网格' } },
  reportedAt: new Date('2024-02-29T23:59:59.999Z'),
  history: [{ at: new Date('2024-03-01T00:00:00.000Z'), step: '受理' }, { at: new Date('1970-01-01T00:00:00.000Z'), step: '立案' }],
  matrix: [[1, 2], [3], [], [[4]]],
  numbers: [0, -0.5, 0.1 + 0.2, 1e-7, 123456.789, -42, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e21],
  flags: [true, false],
  nothing: null,
  empty: {},
  none: [],
  mixed: ['1', 1, true, null, { a: '甲' }],
  quote: 'He said "你好"\n\t\\ and left',
};

const { matrix: _nestedArrays, ...EVERYTHING_BUT_NESTED_ARRAYS } = EVERYTHING;

export function describeRoundTrips(ctx: ConformanceContext): void {
  describe('round-trips', () => {
    it('given a document with Chinese text, dates, nested arrays, numbers, booleans and null, it comes back exactly', async () => {
      const c = ctx.fresh();
      const fixture = ctx.limits.noNestedArrays ? EVERYTHING_BUT_NESTED_ARRAYS : EVERYTHING;
      const stored = await c.insertOne(fixture);
      const found = await c.findOne({ _id: stored._id });
      expect(found).toEqual({ ...fixture, _id: stored._id, _v: 1 });
      expect(found?.reportedAt).toBeInstanceOf(Date);
      expect((found?.history as { at: Date }[])[1]!.at.getTime()).toBe(0);
      expect(Object.is((found?.numbers as number[])[1], -0.5)).toBe(true);
      expect(stored).toEqual({ ...fixture, _id: stored._id, _v: 1 });
    });

    if (ctx.limits.noNestedArrays) {
      it('given the documented server limit, a document with nested arrays is refused as unsupported and nothing is written', async () => {
        const c = ctx.fresh();
        await expect(c.insertOne({ matrix: EVERYTHING.matrix })).rejects.toBeInstanceOf(UnsupportedQueryError);
        await c.insertOne({ _id: 'x', flat: [1] });
        await expect(c.updateOne({ _id: 'x' }, { $push: { flat: [2] } })).rejects.toBeInstanceOf(UnsupportedQueryError);
        expect(await c.find({})).toEqual([{ _id: 'x', _v: 1, flat: [1] }]);
      });
    }

    it('given Chinese text, equality and prefix regex find it', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: '1', street: '五华区华山街道' }, { _id: '2', street: '盘龙区拓东街道' }]);
      expect((await c.find({ street: '盘龙区拓东街道' })).map((d) => d._id)).toEqual(['2']);
      expect((await c.find({ street: { $regex: '^五华区' } })).map((d) => d._id)).toEqual(['1']);
    });

    it('the caller\'s document is not mutated by insert or returned by reference', async () => {
      const c = ctx.fresh();
      const doc = { tags: ['a'], when: new Date(0) };
      const stored = await c.insertOne(doc);
      expect(doc).toEqual({ tags: ['a'], when: new Date(0) });
      (stored.tags as string[]).push('b');
      expect((await c.findOne({ _id: stored._id }))?.tags).toEqual(['a']);
    });
  });
}
