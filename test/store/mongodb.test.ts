// The MongoDB adapter on a real Mongo-wire server: FerretDB v1 (SQLite backend) started by the jest global
// setup (test/setup/mongo-wire.ts), or any server named by GONGZHI_TEST_MONGO_URL. Runs the conformance suite
// that the SQLite adapter passes too, plus what only this adapter has to prove: the stored shape on the wire.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { openMongoStore } from '../../server/store/mongodb/index.js';
import type { DocumentStore } from '../../server/store/port.js';
import { storeUrlFor, testMongoServer } from '../setup/ferretdb.js';
import { matchesFilter, parseFilter } from '../../server/store/query/index.js';
import { describeStoreConformance } from './conformance.js';
import { randomDocuments, randomFilters } from './random-queries.js';

const server = testMongoServer();
const db = `gongzhi_test_${process.pid}_${Date.now().toString(36)}`;

if (!server) {
  console.warn('\n!!! Mongo-wire suites SKIPPED: GONGZHI_TEST_MONGO_URL is not set (see test/setup/global-setup.ts)\n');
  describe.skip('MongoDB store (no Mongo-wire server)', () => {
    it('needs GONGZHI_TEST_MONGO_URL', () => undefined);
  });
} else {
  const url = storeUrlFor(server);
  let admin: MongoClient;
  beforeAll(async () => {
    admin = await new MongoClient(server.url).connect();
  });
  afterAll(async () => {
    await admin.db(db).dropDatabase();
    await admin.close();
  });

  // FerretDB v1 cannot store arrays inside arrays; the suite asserts the refusal instead (see ServerLimits)
  describeStoreConformance(
    server.isFerretDb ? 'mongodb on FerretDB v1' : 'mongodb',
    async () => openMongoStore({ url, db }),
    server.isFerretDb ? { noNestedArrays: true } : {},
  );

  describe('MongoDB store: what is on the wire', () => {
    let store: DocumentStore;
    beforeAll(async () => {
      store = await openMongoStore({ url, db });
    });
    afterAll(async () => {
      await store.close();
    });

    it('given an inserted case, other MongoDB clients see plain BSON: a string _id, _v, a native date', async () => {
      const cases = store.collection('wire_cases');
      const at = new Date('2025-01-02T03:04:05.678Z');
      const stored = await cases.insertOne({ title: '占道经营', reportedAt: at });
      await cases.updateOne({ _id: stored._id }, { $set: { state: '受理' } });
      const raw = await admin.db(db).collection('wire_cases').findOne({ reportedAt: { $type: 'date' } });
      expect(raw).toEqual({ _id: stored._id, _v: 2, title: '占道经营', reportedAt: at, state: '受理' });
      expect(typeof raw?._id).toBe('string');
    });

    it('given a document written by another client, the store reads and versions it like its own', async () => {
      await admin.db(db).collection<{ _id: string }>('wire_foreign').insertOne({ _id: 'f1', _v: 1, n: 1 } as { _id: string });
      const foreign = store.collection('wire_foreign');
      expect(await foreign.findOneAndUpdate({ n: 1 }, { $inc: { n: 1 } }, { expectedVersion: 1 })).toEqual({ _id: 'f1', _v: 2, n: 2 });
    });

    it('given a unique index violated by an update, DuplicateKeyError names the index', async () => {
      const people = store.collection('wire_people');
      await people.createIndex({ fields: { idCard: 1 }, unique: true, name: 'idCard_unique' });
      await people.insertMany([{ _id: 'a', idCard: '1' }, { _id: 'b', idCard: '2' }]);
      await expect(people.updateOne({ _id: 'b' }, { $set: { idCard: '1' } })).rejects.toMatchObject({
        code: 'store.duplicate_key', index: 'idCard_unique',
      });
    });

    it('given random documents and filters, the server answers exactly as the reference matcher', async () => {
      const c = store.collection('wire_random');
      await c.createIndex({ fields: { a: 1 } });
      const docs = await c.insertMany(randomDocuments(120, 7));
      for (const filter of randomFilters(400, 11)) {
        const expected = docs.filter((d) => matchesFilter(parseFilter(filter), d)).map((d) => d._id);
        const found = (await c.find(filter, { sort: { _id: 1 } })).map((d) => d._id);
        expect([JSON.stringify(filter), found]).toEqual([JSON.stringify(filter), expected]);
        expect([JSON.stringify(filter), await c.count(filter)]).toEqual([JSON.stringify(filter), expected.length]);
      }
    }, 120_000);

    it('given an unreachable server, opening the store fails instead of hanging', async () => {
      await expect(openMongoStore({ url: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300', db })).rejects.toThrow();
    });
  });
}
