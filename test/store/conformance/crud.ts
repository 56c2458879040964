import { describe, expect, it } from '@jest/globals';
import { DuplicateKeyError, VersionConflictError } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

export function describeCrud(ctx: ConformanceContext): void {
  describe('insert, find, update, replace, delete', () => {
    it('given a document without _id, when inserted, then it gets a sortable string _id of 24+ chars and _v 1', async () => {
      const c = ctx.fresh<{ title: string }>();
      const first = await c.insertOne({ title: '一' });
      const second = await c.insertOne({ title: '二' });
      expect(typeof first._id).toBe('string');
      expect(first._id.length).toBeGreaterThanOrEqual(24);
      expect(first._v).toBe(1);
      expect(second._id > first._id).toBe(true);
      expect(await c.findOne({ _id: first._id })).toEqual({ _id: first._id, _v: 1, title: '一' });
    });

    it('given an explicit _id, when the same _id is inserted again, then DuplicateKeyError and nothing changes', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'case-1', n: 1 });
      await expect(c.insertOne({ _id: 'case-1', n: 2 })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await c.find({})).toEqual([{ _id: 'case-1', _v: 1, n: 1 }]);
    });

    it('given an ordered insertMany with a duplicate in the middle, then earlier documents stay and later ones are not written', async () => {
      const c = ctx.fresh();
      const err = await c.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'a' }, { _id: 'c' }]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect((err as DuplicateKeyError).code).toBe('store.duplicate_key');
      expect((await c.find({})).map((d) => d._id)).toEqual(['a', 'b']);
    });

    it('insertMany returns the stored documents in order', async () => {
      const c = ctx.fresh();
      const stored = await c.insertMany([{ n: 1 }, { n: 2 }]);
      expect(stored.map((d) => [d.n, d._v])).toEqual([[1, 1], [2, 1]]);
      expect(await c.count()).toBe(2);
      expect(await c.count({ n: 2 })).toBe(1);
    });

    it('findOne returns null when nothing matches, and the first in _id order otherwise', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: 'b', k: 1 }, { _id: 'a', k: 1 }]);
      expect(await c.findOne({ k: 2 })).toBeNull();
      expect((await c.findOne({ k: 1 }))?._id).toBe('a');
    });

    it('updateOne changes the first match in _id order and bumps _v; no match reports zero', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: 'b', k: 1 }, { _id: 'a', k: 1 }]);
      expect(await c.updateOne({ k: 1 }, { $set: { done: true } })).toEqual({ matched: 1, modified: 1 });
      expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', _v: 2, k: 1, done: true });
      expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', _v: 1, k: 1 });
      expect(await c.updateOne({ k: 9 }, { $set: { done: true } })).toEqual({ matched: 0, modified: 0 });
    });

    it('updateMany updates every match and bumps each _v', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: 'a', k: 1 }, { _id: 'b', k: 1 }, { _id: 'c', k: 2 }]);
      await c.updateOne({ _id: 'a' }, { $inc: { n: 1 } });
      expect(await c.updateMany({ k: 1 }, { $inc: { n: 1 } })).toEqual({ matched: 2, modified: 2 });
      expect((await c.find({}, { sort: { _id: 1 } })).map((d) => [d._id, d._v, d.n])).toEqual([
        ['a', 3, 2], ['b', 2, 1], ['c', 1, undefined],
      ]);
    });

    it('findOneAndUpdate returns the document after the update, or null', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'a', n: 1 });
      expect(await c.findOneAndUpdate({ _id: 'a' }, { $inc: { n: 5 } })).toEqual({ _id: 'a', _v: 2, n: 6 });
      expect(await c.findOneAndUpdate({ _id: 'zz' }, { $inc: { n: 5 } })).toBeNull();
    });

    it('given expectedVersion equal to _v, the update applies; given a stale one, VersionConflictError and nothing changes', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'a', state: 'open' });
      expect(await c.updateOne({ _id: 'a' }, { $set: { state: 'claimed' } }, { expectedVersion: 1 })).toEqual({ matched: 1, modified: 1 });
      const err = await c.updateOne({ _id: 'a' }, { $set: { state: 'lost' } }, { expectedVersion: 1 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VersionConflictError);
      expect((err as VersionConflictError).code).toBe('store.version_conflict');
      await expect(c.findOneAndUpdate({ _id: 'a' }, { $set: { state: 'lost' } }, { expectedVersion: 5 })).rejects.toBeInstanceOf(VersionConflictError);
      await expect(c.replaceOne({ _id: 'a' }, { state: 'lost' }, { expectedVersion: 3 })).rejects.toBeInstanceOf(VersionConflictError);
      expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', _v: 2, state: 'claimed' });
      expect(await c.findOneAndUpdate({ _id: 'a' }, { $set: { state: 'done' } }, { expectedVersion: 2 })).toEqual({ _id: 'a', _v: 3, state: 'done' });
    });

    it('given expectedVersion and no matching document, nothing matches (no conflict is invented)', async () => {
      const c = ctx.fresh();
      expect(await c.updateOne({ _id: 'none' }, { $set: { x: 1 } }, { expectedVersion: 1 })).toEqual({ matched: 0, modified: 0 });
    });

    it('given two writers with the same version, exactly one compare-and-set wins', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'task', assignee: null });
      const results = await Promise.allSettled([
        c.updateOne({ _id: 'task' }, { $set: { assignee: 'li' } }, { expectedVersion: 1 }),
        c.updateOne({ _id: 'task' }, { $set: { assignee: 'wang' } }, { expectedVersion: 1 }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(rejected.reason).toBeInstanceOf(VersionConflictError);
      expect((await c.findOne({ _id: 'task' }))?._v).toBe(2);
    });

    it('replaceOne replaces the whole document, keeps _id and bumps _v', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: 'a', old: 1, keep: 'no' });
      expect(await c.replaceOne({ _id: 'a' }, { fresh: 2 })).toEqual({ matched: 1, modified: 1 });
      expect(await c.findOne({ _id: 'a' })).toEqual({ _id: 'a', _v: 2, fresh: 2 });
      expect(await c.replaceOne({ _id: 'zz' }, { fresh: 2 })).toEqual({ matched: 0, modified: 0 });
    });

    it('deleteOne deletes the first match in _id order; deleteMany deletes all matches', async () => {
      const c = ctx.fresh();
      await c.insertMany([{ _id: 'c', k: 1 }, { _id: 'a', k: 1 }, { _id: 'b', k: 1 }, { _id: 'd', k: 2 }]);
      expect(await c.deleteOne({ k: 1 })).toBe(1);
      expect((await c.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['b', 'c', 'd']);
      expect(await c.deleteOne({ k: 9 })).toBe(0);
      expect(await c.deleteMany({ k: 1 })).toBe(2);
      expect(await c.count()).toBe(1);
    });

    it('dropCollection removes the documents and ping answers', async () => {
      const c = ctx.fresh();
      await c.insertOne({ n: 1 });
      await ctx.store().dropCollection(c.name);
      expect(await c.count()).toBe(0);
      await c.insertOne({ n: 2 });
      expect(await c.count()).toBe(1);
      await expect(ctx.store().ping()).resolves.toBeUndefined();
    });

    it('_id and _v compare by type too: the string id "5" is not the number 5, the version 1 is not "1"', async () => {
      const c = ctx.fresh();
      await c.insertOne({ _id: '5' });
      expect(await c.count({ _id: 5 })).toBe(0);
      expect(await c.count({ _id: { $in: [5] } })).toBe(0);
      expect(await c.count({ _v: '1' })).toBe(0);
      expect(await c.count({ _v: { $gte: '0' } })).toBe(0);
      expect(await c.count({ _id: '5', _v: 1 })).toBe(1);
    });

    it('find honours skip and limit', async () => {
      const c = ctx.fresh();
      await c.insertMany([1, 2, 3, 4, 5].map((n) => ({ _id: `d${n}`, n })));
      expect((await c.find({}, { sort: { n: 1 }, skip: 1, limit: 2 })).map((d) => d.n)).toEqual([2, 3]);
      expect((await c.find({ n: { $gt: 1 } }, { sort: { n: -1 }, skip: 3 })).map((d) => d.n)).toEqual([2]);
    });
  });
}
