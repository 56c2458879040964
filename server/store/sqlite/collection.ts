import { UnsupportedQueryError, VersionConflictError } from '../port.js';
import type {
  AnyDoc, Collection, Filter, FindOptions, IndexSpec, NewDoc, Page, PageOptions, SortSpec, Stored, Update,
  UpdateOptions, UpdateResult,
} from '../port.js';
import {
  applyProjection, applyUpdate, checkedNewDocument, findPageWith, matchesFilter, newId, parseFilter, splitPath,
  validateProjection, validateSort, validateUpdate,
} from '../query/index.js';
import { cloneDocument, encodeDocument, rowToDocument } from './codec.js';
import { mapWriteError } from './errors.js';
import { indexStatements } from './indexes.js';
import { assertAddressable, jsonPathLiteral } from './names.js';
import type { SqliteContext } from './context.js';
import { translateFilter } from './translate.js';

type Doc = Record<string, unknown> & { _id: string; _v: number };
interface Row { _id: string; _v: number; doc: string }

/**
 * One collection = one table `c_<name>(_id TEXT PRIMARY KEY, _v INTEGER, doc TEXT)`. A table per collection
 * keeps each collection's indexes small and its scans and drops cheap, and lets index expressions stay
 * plain `json_extract(doc, …)` without a collection column in front.
 *
 * better-sqlite3 is synchronous, so every operation runs to completion on this connection before another
 * starts: read-modify-write sequences are atomic, and they run inside the context's group transaction (BEGIN
 * IMMEDIATE, one savepoint per write) so that another process on the same file cannot interleave either; a write
 * resolves once the group has committed (see SqliteContext).
 */
export class SqliteCollection<T extends AnyDoc = AnyDoc> implements Collection<T> {
  constructor(readonly name: string, private readonly ctx: SqliteContext) {}

  async insertOne(doc: NewDoc<T>): Promise<Stored<T>> {
    return (await this.insertMany([doc]))[0]!;
  }

  async insertMany(docs: NewDoc<T>[]): Promise<Stored<T>[]> {
    const checked = docs.map((doc) => checkedNewDocument(doc as Record<string, unknown>));
    const table = this.ctx.table(this.name);
    const insert = this.ctx.connection.statement(`INSERT INTO ${table} (_id, _v, doc) VALUES (?, 1, ?)`);
    const arrayPaths = new Set<string>();
    const onArrayPath = (path: string) => arrayPaths.add(path);
    const { stored, failure } = await this.ctx.write(() => {
      const stored: Stored<T>[] = [];
      let failure: unknown;
      for (const { _id, ...body } of checked) {
        const id = (_id as string | undefined) ?? newId();
        try {
          insert.run(id, encodeDocument(body, onArrayPath));
        } catch (err) {
          // MongoDB's ordered insert: the documents before the failure stay written (and are committed)
          failure = err;
          break;
        }
        stored.push(Object.assign({ _id: id, _v: 1 }, cloneDocument(body)) as Stored<T>);
      }
      for (const path of arrayPaths) this.ctx.arrayPaths.recordPath(this.name, path);
      return { stored, failure };
    });
    if (failure !== undefined) mapWriteError(failure, this.name);
    return stored;
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<Stored<T> | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<Stored<T>[]> {
    validateProjection(options.projection);
    return this.select(filter, options).map((doc) => applyProjection(doc, options.projection) as Stored<T>);
  }

  findPage(filter: Filter, options: PageOptions): Promise<Page<Stored<T>>> {
    return findPageWith((f, o) => this.find(f, o), filter, options);
  }

  async count(filter: Filter = {}): Promise<number> {
    const node = parseFilter(filter);
    const table = this.ctx.table(this.name);
    const { where, exact } = translateFilter(node, this.isArrayPath());
    if (exact) return this.ctx.connection.statement(`SELECT count(*) FROM ${table} WHERE ${where.text}`).pluck().get(...where.params) as number;
    let n = 0;
    for (const row of this.ctx.connection.statement(`SELECT _id, _v, doc FROM ${table} WHERE ${where.text}`).iterate(...where.params)) {
      if (matchesFilter(node, rowToDocument(row as Row))) n++;
    }
    return n;
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    return (await this.findOneAndUpdate(filter, update, options)) ? { matched: 1, modified: 1 } : { matched: 0, modified: 0 };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    validateUpdate(update);
    return this.ctx.write(() => {
      const docs = this.select(filter, {});
      for (const doc of docs) this.write(doc, applyUpdate(doc, update), undefined);
      return { matched: docs.length, modified: docs.length };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<Stored<T> | null> {
    validateUpdate(update);
    return this.ctx.write(() => {
      const [doc] = this.select(filter, { limit: 1 });
      if (!doc) return null;
      return this.write(doc, applyUpdate(doc, update), options.expectedVersion) as Stored<T>;
    });
  }

  async replaceOne(filter: Filter, replacement: NewDoc<T>, options: UpdateOptions = {}): Promise<UpdateResult> {
    const body = checkedNewDocument(replacement as Record<string, unknown>);
    return this.ctx.write(() => {
      const [doc] = this.select(filter, { limit: 1 });
      if (!doc) return { matched: 0, modified: 0 };
      if (body._id !== undefined && body._id !== doc._id) throw new UnsupportedQueryError('replaceOne may not change _id');
      this.write(doc, { ...body, _id: doc._id, _v: doc._v }, options.expectedVersion);
      return { matched: 1, modified: 1 };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.ctx.write(() => {
      const [doc] = this.select(filter, { limit: 1, projection: { _id: 1 } });
      return doc ? this.deleteById(doc._id) : 0;
    });
  }

  async deleteMany(filter: Filter): Promise<number> {
    const node = parseFilter(filter);
    return this.ctx.write(() => {
      const table = this.ctx.table(this.name);
      const { where, exact } = translateFilter(node, this.isArrayPath());
      if (exact) return this.ctx.connection.statement(`DELETE FROM ${table} WHERE ${where.text}`).run(...where.params).changes;
      return this.select(filter, {}).reduce((n, doc) => n + this.deleteById(doc._id), 0);
    });
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const table = this.ctx.table(this.name);
    const statements = indexStatements(table, this.name, spec);
    try {
      await this.ctx.write(() => statements.forEach((statement) => this.ctx.connection.db.exec(statement)));
    } catch (err) {
      mapWriteError(err, this.name);
    }
  }

  /** SQLite's query plan for `find(filter, options)` (diagnostics, and the proof that indexes are used). */
  explainFind(filter: Filter, options: FindOptions = {}): { plan: string[]; exact: boolean } {
    const { text, params, exact } = this.selectStatement(filter, options);
    const rows = this.ctx.connection.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...params) as { detail: string }[];
    return { plan: rows.map((row) => row.detail), exact };
  }

  private selectStatement(filter: Filter, options: FindOptions) {
    const node = parseFilter(filter);
    validateSort(options.sort);
    const table = this.ctx.table(this.name);
    const { where, exact } = translateFilter(node, this.isArrayPath());
    const orderBy = orderByClause(options.sort);
    const skip = options.skip ?? 0;
    const limit = options.limit ?? -1;
    if (!Number.isInteger(skip) || skip < 0 || !Number.isInteger(limit) || limit < -1) {
      throw new UnsupportedQueryError('skip and limit must be non-negative integers');
    }
    const base = `SELECT _id, _v, doc FROM ${table} WHERE ${where.text} ORDER BY ${orderBy}`;
    return exact
      ? { node, exact, skip, limit, text: `${base} LIMIT ? OFFSET ?`, params: [...where.params, limit === 0 ? -1 : limit, skip] }
      : { node, exact, skip, limit, text: base, params: where.params };
  }

  /** Matching documents (full, unprojected), sorted, with skip/limit — in SQL when the filter translates exactly. */
  private select(filter: Filter, options: FindOptions): Doc[] {
    const { node, exact, skip, limit, text, params } = this.selectStatement(filter, options);
    if (exact) {
      const rows = this.ctx.connection.statement(text).all(...params);
      return (rows as Row[]).map((row) => rowToDocument(row) as Doc);
    }
    const found: Doc[] = [];
    let skipped = 0;
    for (const row of this.ctx.connection.statement(text).iterate(...params)) {
      const doc = rowToDocument(row as Row) as Doc;
      if (!matchesFilter(node, doc)) continue;
      if (skipped++ < skip) continue;
      found.push(doc);
      if (limit > 0 && found.length >= limit) break;
    }
    return found;
  }

  /** Writes the updated document (compare-and-set on `_v` when asked) and returns it as stored. */
  private write(before: Doc, after: Record<string, unknown>, expectedVersion: number | undefined): Doc {
    if (expectedVersion !== undefined && before._v !== expectedVersion) {
      throw new VersionConflictError(this.name, before._id, expectedVersion, before._v);
    }
    const { _id: _ignoredId, _v: _ignoredVersion, ...body } = after;
    const json = encodeDocument(body, (path) => this.ctx.arrayPaths.recordPath(this.name, path));
    try {
      this.ctx.connection.statement(`UPDATE ${this.ctx.table(this.name)} SET doc = ?, _v = _v + 1 WHERE _id = ? AND _v = ?`)
        .run(json, before._id, before._v);
    } catch (err) {
      mapWriteError(err, this.name);
    }
    return Object.assign({ _id: before._id, _v: before._v + 1 }, cloneDocument(body)) as Doc;
  }

  private deleteById(id: string): number {
    return this.ctx.connection.statement(`DELETE FROM ${this.ctx.table(this.name)} WHERE _id = ?`).run(id).changes;
  }

  private isArrayPath(): (path: string) => boolean {
    const paths = this.ctx.arrayPaths.of(this.name);
    return (path) => paths.has(path);
  }
}

/** ORDER BY on the same json_extract expressions as the indexes; NULL (missing or null) sorts first ascending, as in MongoDB. */
function orderByClause(sort: SortSpec | undefined): string {
  const keys = Object.entries(sort ?? {});
  if (!keys.some(([path]) => path === '_id')) keys.push(['_id', 1]);
  return keys.map(([path, direction]) => {
    const order = direction === 1 ? 'ASC' : 'DESC';
    if (path === '_id' || path === '_v') return `${path} ${order}`;
    const segments = splitPath(path);
    assertAddressable(segments, 'sort on');
    return `json_extract(doc, ${jsonPathLiteral(segments)}) ${order}`;
  }).join(', ');
}
