import { describe, expect, it } from '@jest/globals';
import { UnsupportedQueryError } from '../../../server/store/port.js';
import type { Collection, Filter, PageOptions } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

async function allPages(c: Collection, filter: Filter, options: PageOptions): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await c.findPage(filter, { ...options, cursor });
    pages.push(page.items.map((d) => d._id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

export function describeSortAndPages(ctx: ConformanceContext): void {
  describe('sort, projection and keyset pages', () => {
    it('sorts numbers, strings and dates; missing and null sort first ascending and last descending', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { _id: 'a', n: 3, s: 'b', d: new Date('2024-03-01') },
        { _id: 'b', n: -1.5, s: 'a', d: new Date('2023-03-01') },
        { _id: 'c', n: null, s: '中' },
        { _id: 'd', n: 10, s: 'B', d: new Date('2025-03-01') },
        { _id: 'e' },
      ]);
      const ids = async (sort: Record<string, 1 | -1>) => (await c.find({}, { sort })).map((d) => d._id);
      expect((await ids({ n: 1 })).slice(2)).toEqual(['b', 'a', 'd']);
      expect((await ids({ n: 1 })).slice(0, 2).sort()).toEqual(['c', 'e']);
      expect((await ids({ n: -1 })).slice(0, 3)).toEqual(['d', 'a', 'b']);
      expect(await ids({ d: 1, _id: 1 })).toEqual(['c', 'e', 'b', 'a', 'd']);
      expect(await ids({ d: -1, _id: 1 })).toEqual(['d', 'a', 'b', 'c', 'e']);
      expect((await c.find({ s: { $exists: true } }, { sort: { s: 1 } })).map((d) => d.s)).toEqual(['B', 'a', 'b', '中']);
    });

    it('sorts by several keys, each with its own direction', async () => {
      const c = ctx.fresh();
      await c.insertMany([
        { _id: '1', g: 'x', n: 1 }, { _id: '2', g: 'y', n: 5 }, { _id: '3', g: 'x', n: 9 }, { _id: '4', g: 'y', n: 2 },
      ]);
      expect((await c.find({}, { sort: { g: 1, n: -1 } })).map((d) => d._id)).toEqual(['3', '1', '2', '4']);
      expect((await c.findOne({}, { sort: { n: -1 } }))?._id).toBe('3');
    });

    it('projects by inclusion (with dotted paths) and by exclusion; _id and _v stay unless excluded', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'p', a: 1, b: { c: 2, d: 3 }, items: [{ x: 1, y: 2 }], z: 'z' });
      expect(await c.findOne({ _id: 'p' }, { projection: { a: 1, 'b.c': 1 } })).toEqual({ _id: 'p', _v: 1, a: 1, b: { c: 2 } });
      expect(await c.findOne({ _id: 'p' }, { projection: { 'items.y': 1, _id: 0 } })).toEqual({ _v: 1, items: [{ y: 2 }] });
      expect(await c.findOne({ _id: 'p' }, { projection: { b: 0, items: 0, _v: 0 } })).toEqual({ _id: 'p', a: 1, z: 'z' });
      expect((await c.find({}, { projection: { 'b.d': 0 } }))[0]).toEqual({ _id: 'p', _v: 1, a: 1, b: { c: 2 }, items: [{ x: 1, y: 2 }], z: 'z' });
      await expect(c.find({}, { projection: { a: 1, b: 0 } })).rejects.toBeInstanceOf(UnsupportedQueryError);
    });

    it('pages through every document exactly once, in order, with a null cursor on the last page', async () => {
      const c = ctx.fresh();
      await c.insertMany(Array.from({ length: 25 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}`, g: i % 3 === 0 ? null : i % 4, i })));
      const pages = await allPages(c, {}, { limit: 10, sort: { g: 1 } });
      expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
      const expected = (await c.find({}, { sort: { g: 1, _id: 1 } })).map((d) => d._id);
      expect(pages.flat()).toEqual(expected);
      const descending = await allPages(c, { i: { $gte: 2 } }, { limit: 4, sort: { g: -1 } });
      expect(descending.flat()).toEqual((await c.find({ i: { $gte: 2 } }, { sort: { g: -1, _id: 1 } })).map((d) => d._id));
      expect(descending.flat()).toHaveLength(23);
    });

    it('given inserts between pages, keyset pages neither repeat nor skip the documents that were there', async () => {
      const c = ctx.fresh();
      await c.insertMany(Array.from({ length: 6 }, (_, i) => ({ _id: `m${i}`, at: new Date(Date.UTC(2024, 0, 1 + i * 2)) })));
      const first = await c.findPage({}, { limit: 3, sort: { at: 1 }, projection: { at: 0 } });
      expect(first.items.map((d) => d._id)).toEqual(['m0', 'm1', 'm2']);
      expect(first.items[0]).toEqual({ _id: 'm0', _v: 1 });
      // one document lands before the cursor (already passed), one after it
      await c.insertMany([{ _id: 'early', at: new Date(Date.UTC(2024, 0, 2)) }, { _id: 'late', at: new Date(Date.UTC(2024, 0, 8)) }]);
      const second = await c.findPage({}, { limit: 3, sort: { at: 1 }, cursor: first.nextCursor });
      expect(second.items.map((d) => d._id)).toEqual(['m3', 'late', 'm4']);
      const third = await c.findPage({}, { limit: 3, sort: { at: 1 }, cursor: second.nextCursor });
      expect(third.items.map((d) => d._id)).toEqual(['m5']);
      expect(third.nextCursor).toBeNull();
    });

    it('given a cursor made for another sort order, findPage refuses it', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ n: 1 }, { n: 2 }, { n: 3 }]);
      const page = await c.findPage({}, { limit: 1, sort: { n: 1 } });
      await expect(c.findPage({}, { limit: 1, sort: { n: -1 }, cursor: page.nextCursor })).rejects.toBeInstanceOf(UnsupportedQueryError);
      await expect(c.findPage({}, { limit: 1, cursor: 'not a cursor' })).rejects.toBeInstanceOf(UnsupportedQueryError);
    });

    it('given an empty result, findPage returns no items and no cursor', async () => {
      const c = ctx.fresh();
      expect(await c.findPage({ n: 1 }, { limit: 5 })).toEqual({ items: [], nextCursor: null });
    });
  });
}
