import type { Database } from 'better-sqlite3';
import { isPlainObject } from '../query/index.js';

/**
 * The field paths (array positions stripped: `items.sku`) at which a collection has ever stored an array.
 * Filters only pay for json_each array traversal on these paths; everywhere else they stay plain,
 * index-friendly `json_extract` comparisons. The set only grows (dropping the collection clears it), so
 * a stale extra entry costs speed, never correctness; it is recorded in the same transaction as the write.
 */
export function arrayPathsOf(doc: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      paths.add(path);
      for (const element of value) visit(element, path);
    } else if (isPlainObject(value)) {
      for (const [key, member] of Object.entries(value)) visit(member, path ? `${path}.${key}` : key);
    }
  };
  visit(doc, '');
  paths.delete('');
  return paths;
}

export class ArrayPathRegistry {
  private readonly known = new Map<string, Set<string>>();

  constructor(private readonly db: Database) {
    db.exec('CREATE TABLE IF NOT EXISTS gz_array_paths (collection TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (collection, path)) WITHOUT ROWID');
  }

  /** The known array paths of a collection (loaded once, then kept current by `record`). */
  of(collection: string): Set<string> {
    let paths = this.known.get(collection);
    if (!paths) {
      const rows = this.db.prepare('SELECT path FROM gz_array_paths WHERE collection = ?').pluck().all(collection) as string[];
      paths = new Set(rows);
      this.known.set(collection, paths);
    }
    return paths;
  }

  /** Call inside the write's transaction, before or after the write. */
  record(collection: string, doc: Record<string, unknown>): void {
    for (const path of arrayPathsOf(doc)) this.recordPath(collection, path);
  }

  recordPath(collection: string, path: string): void {
    const paths = this.of(collection);
    if (paths.has(path)) return;
    this.db.prepare('INSERT OR IGNORE INTO gz_array_paths (collection, path) VALUES (?, ?)').run(collection, path);
    paths.add(path);
  }

  forget(collection: string): void {
    this.db.prepare('DELETE FROM gz_array_paths WHERE collection = ?').run(collection);
    this.known.delete(collection);
  }

  /** Another connection may have written: reload lazily. */
  invalidate(): void {
    this.known.clear();
  }
}
