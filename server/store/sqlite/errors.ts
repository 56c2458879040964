import { DuplicateKeyError } from '../port.js';

/** Turns SQLite's unique-constraint failures into DuplicateKeyError (naming our index); rethrows anything else. */
export function mapWriteError(err: unknown, collection: string): never {
  const code = (err as { code?: unknown }).code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const message = (err as Error).message;
    const index = /index '([^']+)'/.exec(message)?.[1]?.replace(`c_${collection}__`, '') ?? '_id_';
    throw new DuplicateKeyError(collection, index, message);
  }
  throw err;
}
