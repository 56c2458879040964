import { ArrayPathRegistry } from './array-paths.js';
import type { Connection } from './connection.js';
import { tableName } from './names.js';

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** The group transaction open on the connection, and who waits for its commit. */
interface Batch {
  waiters: Waiter[];
  writes: number;
}

/**
 * What the collections of one store share: the connection, table bookkeeping and array paths — and the group
 * commit of writes.
 *
 * Group commit: a write does not commit on its own. The first write opens an IMMEDIATE transaction and schedules
 * its COMMIT for the end of the current turn of the event loop (setImmediate); every write issued meanwhile — by
 * any request — runs inside it, each in its own savepoint (a failing write undoes only itself). A write's promise
 * resolves only after the COMMIT that holds it, so what a caller was told is written is durable (with
 * `synchronous=FULL`, on disk) exactly as before, but a busy server pays one fsync per batch instead of one per
 * write. The durable state is always a prefix of the writes in order. What is not the same: a read may see a
 * write of another request that is still waiting for its commit (as if it had committed a moment earlier); if that
 * commit then fails (disk full, I/O error), every write of the batch is rejected and the caches are dropped.
 */
export class SqliteContext {
  readonly arrayPaths: ArrayPathRegistry;
  private readonly ensured = new Set<string>();
  private depth = 0;
  private batch: Batch | undefined;
  /** Counters for diagnostics and benchmarks: writes run, and the commits that made them durable. */
  readonly stats = { writes: 0, commits: 0, lostBatches: 0 };
  /** Writes per batch at most; a longer batch commits early (bounds the transaction and the lock hold). */
  static readonly MAX_WRITES_PER_BATCH = 1000;

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

  /**
   * Runs `fn` (synchronous SQL) atomically within the group transaction; resolves with its result once the batch
   * holding it has committed. A throwing `fn` leaves nothing behind and rejects at once.
   */
  write<R>(fn: () => R): Promise<R> {
    if (this.depth > 0) return Promise.resolve(fn());
    const batch = this.openBatch();
    const db = this.connection.db;
    let result: R;
    this.depth++;
    try {
      result = db.transaction(fn)(); // inside the open transaction: a SAVEPOINT
    } catch (err) {
      // SQLite rolls the whole transaction back on some errors (SQLITE_FULL, SQLITE_IOERR, ...): the batch is lost
      if (!db.inTransaction) this.lose(batch, err);
      return Promise.reject(err);
    } finally {
      this.depth--;
    }
    batch.writes++;
    this.stats.writes++;
    const done = new Promise<R>((resolve, reject) => batch.waiters.push({ resolve: () => resolve(result), reject }));
    if (batch.writes >= SqliteContext.MAX_WRITES_PER_BATCH) this.commit(batch);
    return done;
  }

  /** Commits the open batch now (before closing the connection). */
  flush(): void {
    if (this.batch) this.commit(this.batch);
  }

  private openBatch(): Batch {
    if (this.batch) return this.batch;
    // look for other writers before taking the lock, so caches are fresh inside it
    if (this.connection.changedElsewhere()) {
      this.ensured.clear();
      this.arrayPaths.invalidate();
    }
    this.connection.db.exec('BEGIN IMMEDIATE');
    const batch: Batch = { waiters: [], writes: 0 };
    this.batch = batch;
    setImmediate(() => this.commit(batch));
    return batch;
  }

  private commit(batch: Batch): void {
    if (this.batch !== batch) return; // already committed early, or lost
    this.batch = undefined;
    try {
      this.connection.db.exec('COMMIT');
    } catch (err) {
      if (this.connection.db.inTransaction) this.connection.db.exec('ROLLBACK');
      this.lose(batch, err);
      return;
    }
    this.stats.commits++;
    for (const w of batch.waiters) w.resolve();
  }

  /** The batch did not commit: nothing of it is stored; tell every writer, and forget what the caches learnt. */
  private lose(batch: Batch, err: unknown): void {
    if (this.batch === batch) this.batch = undefined;
    this.stats.lostBatches++;
    this.ensured.clear();
    this.arrayPaths.invalidate();
    for (const w of batch.waiters) w.reject(err);
  }

  /** Runs `fn` in an IMMEDIATE transaction (nested calls, and calls while a group transaction is open, join it). */
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
