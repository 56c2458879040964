import type { Collection as MongoCollection } from 'mongodb';
import { UnsupportedQueryError } from '../port.js';
import type { IndexSpec } from '../port.js';
import { splitPath } from '../query/index.js';
import type { RawDoc } from './read.js';

/** Creates a (possibly unique) index; the default name is MongoDB's own (`a_1_b_-1`). Creating it again is a no-op. */
export async function createIndexFrom(raw: MongoCollection<RawDoc>, spec: IndexSpec): Promise<void> {
  const entries = Object.entries(spec.fields ?? {});
  if (entries.length === 0) throw new UnsupportedQueryError('an index needs at least one field');
  for (const [path, direction] of entries) {
    splitPath(path);
    if (direction !== 1 && direction !== -1) throw new UnsupportedQueryError(`index direction of "${path}" must be 1 or -1`);
  }
  // a Map keeps the field order even for keys that look like integers
  await raw.createIndex(new Map(entries), {
    unique: spec.unique === true,
    ...(spec.name !== undefined ? { name: spec.name } : {}),
  });
}
