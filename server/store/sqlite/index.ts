import type { SqliteStoreOptions } from './connection.js';
import { SqliteDocumentStore } from './store.js';

export type { SqliteStoreOptions } from './connection.js';
export type { SqliteDocumentStore } from './store.js';

/**
 * The embedded DocumentStore: one SQLite file (WAL, synchronous=FULL by default — see SqliteStoreOptions),
 * or `{ file: ':memory:' }` for a private in-memory database (tests, tools).
 */
export function openSqliteStore(options: SqliteStoreOptions): SqliteDocumentStore {
  return new SqliteDocumentStore(options);
}

export function openSqliteMemoryStore(): SqliteDocumentStore {
  return new SqliteDocumentStore({ file: ':memory:' });
}
