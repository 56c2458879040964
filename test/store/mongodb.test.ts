// The MongoDB adapter on a real Mongo-wire server: FerretDB v1 (SQLite backend) started by the jest global
// setup (test/setup/ferretdb.ts), or any server named by GONGZHI_TEST_MONGO_URL. Runs the conformance suite
// that the SQLite adapter passes too, plus what only this adapter has to prove: the stored shape on the wire.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MongoClient } from 'mongodb';
import { openMongoStore } from '../../server/store/mongodb/index.js';
import type { DocumentStore } from '../../server/store/port.js';
import { describeStoreConformance } from './conformance.js';

const url = process.env.GONGZHI_TEST_MONGO_URL;
const db = `gongzhi_test_${process.pid}_${Date.now().toString(36)}`;

async function isFerretDb(client: MongoClient): Promise<boolean> {
  const info = await client.db('admin').command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === 'string';
}

function withSingleConnection(serverUrl: string): string {
  return `${serverUrl}${serverUrl.includes('?') ? '&' : '?'}maxPoolSize=1`;
}

if (!url) {
  console.warn('\n!!! Mongo-wire suites SKIPPED: GONGZHI_TEST_MONGO_URL is not set (see test/setup/global-setup.ts)\n');
  describe.skip('MongoDB store (no Mongo-wire server)', () => {
    it('needs GONGZHI_TEST_MONGO_URL', () => undefined);
  });
} else {
  const serverUrl = url;
  let admin: MongoClient;
  beforeAll(async () => {
    admin = await new MongoClient(serverUrl).connect();
  });
  afterAll(async () => {
    await admin.db(db).dropDatabase();
    await admin.close();
  });

  // FerretDB v1 runs a conditional update as a query and then an unconditional `UPDATE … WHERE _id = ?`
  // (internal/handler/msg_update.go, backends/sqlite UpdateAll), so two connections racing on one document
  // can both "match" `{_id, _v}`; MongoDB matches and writes each document atomically. On FerretDB the suite
  // therefore runs over one connection, which FerretDB serves in order: it still proves the adapter's
  // compare-and-set protocol (two writers that read the same _v: one wins, one gets VersionConflictError).
  describeStoreConformance('mongodb on a Mongo-wire server', async () =>
    openMongoStore({ url: (await isFerretDb(admin)) ? withSingleConnection(serverUrl) : serverUrl, db }));

  describe('MongoDB store: what is on the wire', () => {
    let store: DocumentStore;
    beforeAll(async () => {
      store = await openMongoStore({ url: serverUrl, db });
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

    it('given an unreachable server, opening the store fails instead of hanging', async () => {
      await expect(openMongoStore({ url: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300', db })).rejects.toThrow();
    });
  });
}
