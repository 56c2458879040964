import { ArrayPathRegistry } from './array-paths.js';
import type { Connection } from './connection.js';
import { tableName } from './names.js';

/** What the collections of one store share: the connection, table bookkeeping and array paths. */
export class SqliteContext {
  readonly arrayPaths: ArrayPathRegistry;
  private readonly ensured = new Set<string>();
  private depth = 0;

  constructor(readonly connection: Connection) {
    this.arrayPaths = new ArrayPathRegistry(connection.db);
  }

  /** The quoted table of a collection, created on first use (as MongoDB creates collections on first use). */
  table(collection: string): string {
    if (this.depth === 0 && this.connection.changedElsewhere()) {
      this.ensured.clear();
      this.arrayPaths.invalidate();
    }
    const table = tableName(collection);
    if (!this.ensured.has(collection)) {
      this.connection.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (_id TEXT PRIMARY KEY NOT NULL, _v INTEGER NOT NULL, doc TEXT NOT NULL)`);
      this.ensured.add(collection);
    }
    return table;
  }

  dropped(collection: string): void {
    this.ensured.delete(collection);
    this.arrayPaths.forget(collection);
  }

  /** Runs `fn` in an IMMEDIATE transaction (nested calls join the outer one). */
  transaction<R>(fn: () => R): R {
    if (this.depth > 0) return fn();
    // look for other writers before taking the lock, so caches are fresh inside it
    if (this.connection.changedElsewhere()) {
      this.ensured.clear();
      this.arrayPaths.invalidate();
    }
    this.depth++;
    try {
      return this.connection.db.transaction(fn).immediate();
    } finally {
      this.depth--;
    }
  }
}
