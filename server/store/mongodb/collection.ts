import type { Collection as MongoCollection } from 'mongodb';
import { VersionConflictError } from '../port.js';
import type {
  AnyDoc, Collection, Filter, FindOptions, IndexSpec, NewDoc, Page, PageOptions, Stored, Update, UpdateOptions, UpdateResult,
} from '../port.js';
import { applyProjection, applyUpdate, checkedNewDocument, findPageWith, matchesFilter, validateProjection, validateUpdate } from '../query/index.js';
import { newStoredDocument, normalized, replacementOf } from './documents.js';
import { mapped } from './errors.js';
import { createIndexFrom } from './indexes.js';
import { countDocs, prepareFilter, readDocs } from './read.js';
import type { PreparedFilter, RawDoc } from './read.js';

/** How often a write re-reads a document that another writer changed under it before giving up (a fault). */
const MAX_WRITE_ATTEMPTS = 50;

/**
 * A collection on MongoDB (or FerretDB). Updates are read-modify-write with the shared `applyUpdate`,
 * committed by a compare-and-set on `{_id, _v}`: the result is exactly what the SQLite adapter computes
 * (FerretDB v1's own $pull, for one, knows only equality), every change bumps `_v`, and a concurrent
 * writer is detected instead of overwritten. Projections are applied by the shared code too.
 */
export class MongoStoreCollection<T extends AnyDoc> implements Collection<T> {
  constructor(readonly name: string, private readonly raw: MongoCollection<RawDoc>) {}

  async insertOne(doc: NewDoc<T>): Promise<Stored<T>> {
    const stored = newStoredDocument(doc);
    await mapped(this.name, () => this.raw.insertOne(stored));
    return stored as Stored<T>;
  }

  async insertMany(docs: NewDoc<T>[]): Promise<Stored<T>[]> {
    // every document is checked before any is written; the server's ordered insert then stops at the first
    // duplicate key, leaving the earlier documents inserted
    const stored = docs.map((doc) => newStoredDocument(doc));
    if (stored.length > 0) await mapped(this.name, () => this.raw.insertMany(stored, { ordered: true }));
    return stored as Stored<T>[];
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<Stored<T> | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<Stored<T>[]> {
    validateProjection(options.projection);
    const docs = await mapped(this.name, () => readDocs(this.raw, prepareFilter(filter), options));
    return docs.map((doc) => applyProjection(doc, options.projection) as Stored<T>);
  }

  async findPage(filter: Filter, options: PageOptions): Promise<Page<Stored<T>>> {
    return findPageWith((f, o) => this.find(f, o), filter, options);
  }

  async count(filter: Filter = {}): Promise<number> {
    const where = prepareFilter(filter);
    return mapped(this.name, () => countDocs(this.raw, where));
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    validateUpdate(update);
    const after = await this.changeFirst(prepareFilter(filter), (doc) => withNextVersion(applyUpdate(doc, update), doc), options);
    return after ? { matched: 1, modified: 1 } : { matched: 0, modified: 0 };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    validateUpdate(update);
    const where = prepareFilter(filter);
    let changed = 0;
    // collected first so that a document changed by this loop is never visited twice
    for (const doc of await this.read(where)) {
      if (await this.changeDocument(where, doc, (d) => withNextVersion(applyUpdate(d, update), d))) changed += 1;
    }
    return { matched: changed, modified: changed };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<Stored<T> | null> {
    validateUpdate(update);
    const after = await this.changeFirst(prepareFilter(filter), (doc) => withNextVersion(applyUpdate(doc, update), doc), options);
    return after as Stored<T> | null;
  }

  async replaceOne(filter: Filter, doc: NewDoc<T>, options: UpdateOptions = {}): Promise<UpdateResult> {
    const where = prepareFilter(filter);
    checkedNewDocument(doc); // an unstorable replacement fails before anything is read
    const after = await this.changeFirst(where, (current) => replacementOf(current, doc), options);
    return after ? { matched: 1, modified: 1 } : { matched: 0, modified: 0 };
  }

  async deleteOne(filter: Filter): Promise<number> {
    const where = prepareFilter(filter);
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const [doc] = await this.read(where, 1);
      if (!doc) return 0;
      const { deletedCount } = await mapped(this.name, () => this.raw.deleteOne({ _id: doc._id, _v: doc._v }));
      if (deletedCount === 1) return 1;
    }
    throw this.tooMuchContention();
  }

  async deleteMany(filter: Filter): Promise<number> {
    const where = prepareFilter(filter);
    if (where.server.exact) {
      const { deletedCount } = await mapped(this.name, () => this.raw.deleteMany(where.server.filter));
      return deletedCount;
    }
    let deleted = 0;
    for (const doc of await this.read(where)) {
      deleted += (await mapped(this.name, () => this.raw.deleteOne({ _id: doc._id, _v: doc._v }))).deletedCount;
    }
    return deleted;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    return mapped(this.name, () => createIndexFrom(this.raw, spec));
  }

  private read(where: PreparedFilter, limit?: number): Promise<RawDoc[]> {
    return mapped(this.name, () => readDocs(this.raw, where, limit === undefined ? {} : { limit }));
  }

  /** Changes the first match in `_id` order; with expectedVersion, a different `_v` is a conflict. */
  private async changeFirst(where: PreparedFilter, change: (doc: RawDoc) => RawDoc, options: UpdateOptions): Promise<RawDoc | null> {
    const expected = options.expectedVersion;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      const [doc] = await this.read(where, 1);
      if (!doc) return null;
      if (expected !== undefined && doc._v !== expected) throw new VersionConflictError(this.name, doc._id, expected, doc._v);
      const next = change(doc);
      if (await this.compareAndSet(doc, next)) return next;
      if (expected !== undefined) {
        const now = await this.raw.findOne({ _id: doc._id });
        if (now) throw new VersionConflictError(this.name, doc._id, expected, now._v);
      }
    }
    throw this.tooMuchContention();
  }

  /** Changes one known document, re-reading it while other writers get in between; false once it no longer matches. */
  private async changeDocument(where: PreparedFilter, doc: RawDoc, change: (doc: RawDoc) => RawDoc): Promise<boolean> {
    let current: RawDoc | null = doc;
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt += 1) {
      if (await this.compareAndSet(current, change(current))) return true;
      current = await this.raw.findOne({ _id: current._id });
      if (!current || !matchesFilter(where.node, current)) return false;
    }
    throw this.tooMuchContention();
  }

  private async compareAndSet(doc: RawDoc, next: RawDoc): Promise<boolean> {
    const { matchedCount } = await mapped(this.name, () => this.raw.replaceOne({ _id: doc._id, _v: doc._v }, next));
    return matchedCount === 1;
  }

  private tooMuchContention(): Error {
    return new Error(`${this.name}: gave up after ${MAX_WRITE_ATTEMPTS} concurrent changes to the same documents`);
  }
}

function withNextVersion(updated: Record<string, unknown>, before: RawDoc): RawDoc {
  return { ...(normalized(updated) as Record<string, unknown>), _id: before._id, _v: before._v + 1 };
}
