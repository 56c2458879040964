/**
 * The DocumentStore port: named collections of JSON documents with a Mongo-style filter/update subset
 * that every adapter honours exactly (proved by test/store/conformance.ts run against each adapter).
 *
 * The subset is deliberately what FerretDB v1 and SQLite can both do: no multi-document transactions,
 * no $lookup, no TTL indexes, no dotted keys inside stored documents.
 */

/** Every stored document has a string `_id` and a version `_v` that increases by one on every update. */
export interface StoredFields {
  _id: string;
  _v: number;
}

export type JsonScalar = string | number | boolean | null | Date;
export type DocValue = JsonScalar | DocValue[] | { [key: string]: DocValue | undefined };
export type AnyDoc = { [key: string]: unknown };

/** A document as it is given to insert: `_id` is generated when missing, `_v` is always set by the store. */
export type NewDoc<T extends AnyDoc> = Omit<T, '_id' | '_v'> & { _id?: string };
export type Stored<T extends AnyDoc> = T & StoredFields;

/** Comparison operators allowed on a field. Anything else is rejected with UnsupportedQueryError. */
export interface FieldOperators {
  $eq?: unknown;
  $ne?: unknown;
  $in?: unknown[];
  $nin?: unknown[];
  $gt?: unknown;
  $gte?: unknown;
  $lt?: unknown;
  $lte?: unknown;
  $exists?: boolean;
  /** Anchored regular expressions only ("^prefix..."), as a string or RegExp (flag `i` allowed). */
  $regex?: string | RegExp;
  $options?: string;
}

/**
 * A filter. Keys are field paths (dotted paths reach into nested documents; a path that meets an array
 * matches when any element matches, as in MongoDB), or the logical operators $and / $or.
 * A plain value means equality (array membership when the field is an array).
 */
export type Filter = {
  [path: string]: unknown;
  $and?: Filter[];
  $or?: Filter[];
};

export type SortSpec = Record<string, 1 | -1>;
/** Inclusion (1) or exclusion (0) projection; `_id` and `_v` are always returned unless excluded. */
export type Projection = Record<string, 0 | 1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
  projection?: Projection;
}

export interface PageOptions {
  /** Sort keys; `_id` is appended as the final tie-breaker so that pages are stable. */
  sort?: SortSpec;
  limit: number;
  /** The opaque `nextCursor` of the previous page. */
  cursor?: string | null;
  projection?: Projection;
}

export interface Page<T> {
  items: T[];
  /** Present when more documents follow. */
  nextCursor: string | null;
}

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, unknown>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  /** Removes array elements equal to the value (or matching a field-operator object). */
  $pull?: Record<string, unknown>;
}

export interface UpdateOptions {
  /**
   * Compare-and-set: the update applies only if the document's `_v` equals this number;
   * otherwise VersionConflictError is thrown and nothing changes.
   */
  expectedVersion?: number;
}

export interface UpdateResult {
  matched: number;
  modified: number;
}

export interface IndexSpec {
  /** Field paths in order; 1 ascending, -1 descending. */
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  /** Defaults to a name derived from the fields. */
  name?: string;
}

export interface Collection<T extends AnyDoc = AnyDoc> {
  readonly name: string;
  insertOne(doc: NewDoc<T>): Promise<Stored<T>>;
  /** Inserts in order; stops at the first failure (earlier documents stay inserted, as in MongoDB's ordered insert). */
  insertMany(docs: NewDoc<T>[]): Promise<Stored<T>[]>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<Stored<T> | null>;
  find(filter: Filter, options?: FindOptions): Promise<Stored<T>[]>;
  findPage(filter: Filter, options: PageOptions): Promise<Page<Stored<T>>>;
  count(filter?: Filter): Promise<number>;
  /** Updates the first document matching the filter (in `_id` order). */
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically updates one document and returns it as it is after the update, or null when none matched. */
  findOneAndUpdate(filter: Filter, update: Update, options?: UpdateOptions): Promise<Stored<T> | null>;
  /** Replaces the whole document (keeping `_id`), with the same compare-and-set option. */
  replaceOne(filter: Filter, doc: NewDoc<T>, options?: UpdateOptions): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  createIndex(spec: IndexSpec): Promise<void>;
}

export interface DocumentStore {
  readonly kind: 'sqlite' | 'mongodb' | 'memory';
  collection<T extends AnyDoc = AnyDoc>(name: string): Collection<T>;
  /** Resolves when the store answers; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  /** Drops a whole collection and its indexes (tests and admin tools). */
  dropCollection(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Thrown when a compare-and-set update finds another version. */
export class VersionConflictError extends Error {
  readonly code = 'store.version_conflict';
  constructor(
    readonly collection: string,
    readonly id: string | undefined,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(`version conflict in ${collection}${id ? `/${id}` : ''}: expected _v=${expected}, found ${actual ?? 'none'}`);
    this.name = 'VersionConflictError';
  }
}

/** Thrown when a unique index would be violated. */
export class DuplicateKeyError extends Error {
  readonly code = 'store.duplicate_key';
  constructor(readonly collection: string, readonly index: string, detail?: string) {
    super(`duplicate key in ${collection} (index ${index})${detail ? `: ${detail}` : ''}`);
    this.name = 'DuplicateKeyError';
  }
}

/** Thrown for a filter, update, sort or projection outside the supported subset. */
export class UnsupportedQueryError extends Error {
  readonly code = 'store.unsupported_query';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedQueryError';
  }
}
