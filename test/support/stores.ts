/**
 * The DocumentStores a test may run against: SQLite on a temp file always; the MongoDB adapter too when
 * a Mongo-wire server is available (GONGZHI_TEST_MONGO_URL, set by test/setup/global-setup.ts when it starts
 * FerretDB). Every `open()` gives an isolated store: a fresh file, or a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentStore } from '../../server/store/port.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { storeUrlFor, testMongoServer } from '../setup/ferretdb.js';

export interface AvailableStore {
  name: string;
  open(): Promise<DocumentStore>;
}

let opened = 0;

export async function availableStores(): Promise<AvailableStore[]> {
  const stores: AvailableStore[] = [{ name: 'sqlite', open: async () => openTempSqliteStore() }];

  // --- Mongo-wire store (the MongoDB adapter's owner may refine this block) ---
  const mongo = testMongoServer();
  if (mongo) {
    stores.push({
      name: 'mongodb',
      open: async () => {
        const { openMongoStore } = await import('../../server/store/mongodb/index.js');
        const db = `gongzhi_t_${process.pid}_${Date.now().toString(36)}_${++opened}`;
        // one connection on FerretDB v1, whose conditional updates are not atomic across connections
        const store = await openMongoStore({ url: storeUrlFor(mongo), db });
        return withCleanup(store, async () => {
          const { MongoClient } = await import('mongodb');
          const client = await new MongoClient(mongo.url).connect();
          try {
            await client.db(db).dropDatabase();
          } finally {
            await client.close();
          }
        });
      },
    });
  }
  // --- end of the Mongo-wire store ---

  return stores;
}

/** A SQLite store on a new file in a new temp directory, removed on close. */
export function openTempSqliteStore(): DocumentStore {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-store-'));
  const store = openSqliteStore({ file: join(dir, 'store.sqlite') });
  return withCleanup(store, async () => rmSync(dir, { recursive: true, force: true }));
}

function withCleanup(store: DocumentStore, cleanup: () => Promise<void>): DocumentStore {
  return {
    kind: store.kind,
    collection: (name) => store.collection(name),
    ping: () => store.ping(),
    dropCollection: (name) => store.dropCollection(name),
    async close() {
      await store.close();
      await cleanup();
    },
  };
}
