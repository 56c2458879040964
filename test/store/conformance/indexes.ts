import { describe, expect, it } from '@jest/globals';
import { DuplicateKeyError } from '../../../server/store/port.js';
import type { ConformanceContext } from './context.js';

export function describeIndexes(ctx: ConformanceContext): void {
  describe('indexes', () => {
    it('given a unique index, a duplicate insert fails with DuplicateKeyError and writes nothing', async () => {
      const c = ctx.fresh();
      await c.createIndex({ fields: { 'person.idCard': 1 }, unique: true });
      await c.insertOne({ _id: 'p1', person: { idCard: '530102199001011234' } });
      const err = await c.insertOne({ _id: 'p2', person: { idCard: '530102199001011234' } }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(await c.count()).toBe(1);
      await c.insertOne({ _id: 'p3', person: { idCard: '530102199001015678' } });
      expect(await c.count()).toBe(2);
    });

    it('given a unique index, an update that would duplicate a key fails and leaves the document unchanged', async () => {
      const c = ctx.fresh();
      await c.createIndex({ fields: { code: 1 }, unique: true, name: 'code_unique' });
      await c.insertMany([{ _id: 'a', code: 'A' }, { _id: 'b', code: 'B' }]);
      await expect(c.updateOne({ _id: 'b' }, { $set: { code: 'A' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(c.replaceOne({ _id: 'b' }, { code: 'A' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', _v: 1, code: 'B' });
    });

    it('given a compound unique index, only the combination must be unique', async () => {
      const c = ctx.fresh();
      await c.createIndex({ fields: { tenant: 1, code: -1 }, unique: true });
      await c.insertMany([{ tenant: 't1', code: 'x' }, { tenant: 't2', code: 'x' }, { tenant: 't1', code: 'y' }]);
      await expect(c.insertOne({ tenant: 't2', code: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await c.count({ code: 'x' })).toBe(2);
    });

    it('a unique index distinguishes types: the string "1" and the number 1 are different keys', async () => {
      const c = ctx.fresh();
      await c.createIndex({ fields: { k: 1 }, unique: true });
      await c.insertMany([{ k: 1 }, { k: '1' }, { k: true }]);
      expect(await c.count()).toBe(3);
    });

    it('createIndex is idempotent and indexed equality lookups find the documents', async () => {
      const c = ctx.fresh();
      await c.createIndex({ fields: { 'case.no': 1 } });
      await c.createIndex({ fields: { 'case.no': 1 } });
      await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ case: { no: `N${i}` }, i })));
      expect((await c.findOne({ 'case.no': 'N42' }))?.i).toBe(42);
      expect(await c.count({ 'case.no': { $in: ['N1', 'N2', 'nope'] } })).toBe(2);
    });
  });
}
