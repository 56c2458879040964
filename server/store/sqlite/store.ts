import { UnsupportedQueryError } from '../port.js';
import type { AnyDoc, Collection, DocumentStore } from '../port.js';
import { SqliteCollection } from './collection.js';
import { Connection } from './connection.js';
import type { SqliteStoreOptions } from './connection.js';
import { SqliteContext } from './context.js';
import { tableName } from './names.js';

export class SqliteDocumentStore implements DocumentStore {
  readonly kind = 'sqlite' as const;
  private readonly ctx: SqliteContext;
  private readonly collections = new Map<string, SqliteCollection>();
  private closed = false;

  constructor(options: SqliteStoreOptions) {
    this.ctx = new SqliteContext(new Connection(options));
  }

  collection<T extends AnyDoc = AnyDoc>(name: string): Collection<T> {
    if (typeof name !== 'string' || !/^[^\0$]{1,120}$/.test(name)) {
      throw new UnsupportedQueryError(`invalid collection name "${String(name)}"`);
    }
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection(name, this.ctx);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  /** The SQLite adapter's own handle on a collection (with `explainFind`), for diagnostics and tests. */
  sqliteCollection(name: string): SqliteCollection {
    this.collection(name);
    return this.collections.get(name)!;
  }

  /** Group-commit counters: writes, the commits that made them durable, batches lost to a failed commit. */
  commitStats(): { writes: number; commits: number; lostBatches: number } {
    return { ...this.ctx.stats };
  }

  async ping(): Promise<void> {
    this.ctx.connection.statement('SELECT 1').get();
  }

  async dropCollection(name: string): Promise<void> {
    await this.ctx.write(() => {
      this.ctx.connection.db.exec(`DROP TABLE IF EXISTS ${tableName(name)}`);
      this.ctx.dropped(name);
    });
    this.ctx.connection.forgetStatements();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ctx.flush();
    this.ctx.connection.close();
  }
}
