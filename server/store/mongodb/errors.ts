import { MongoServerError } from 'mongodb';
import { DuplicateKeyError, UnsupportedQueryError } from '../port.js';

/** Server error codes that mean "this request is outside what the data allows", not a fault of the server. */
const REJECTED_REQUEST_CODES = new Set([
  2, // BadValue
  14, // TypeMismatch
  28, // PathNotViable
  52, // DollarPrefixedFieldName
  56, // EmptyFieldName
  57, // DottedFieldName
]);

/**
 * FerretDB v1 (SQLite backend) reports a unique violation on update or replace as InternalError (code 1)
 * carrying SQLite's message, "UNIQUE constraint failed: index '<table>_<hash8>_<index name>'".
 */
const FERRETDB_UNIQUE_VIOLATION = /UNIQUE constraint failed: index '(?:[^']*?_[0-9a-f]{8}_)?([^']+)'/;

/**
 * Maps driver errors to the port's errors. A unique index violation (E11000) is DuplicateKeyError;
 * MongoDB names the index in its message ("index: <name> dup key"), FerretDB v1's insert does not.
 */
export function mapMongoError(collection: string, err: unknown): unknown {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 11000 || code === 11001) {
    const index = /index: (\S+) dup key/.exec(message)?.[1] ?? 'unknown';
    return new DuplicateKeyError(collection, index, message);
  }
  const ferretUnique = code === 1 ? FERRETDB_UNIQUE_VIOLATION.exec(message) : null;
  if (ferretUnique) return new DuplicateKeyError(collection, ferretUnique[1]!, message);
  if (code !== undefined && REJECTED_REQUEST_CODES.has(code)) {
    return new UnsupportedQueryError(`${collection}: ${message}`);
  }
  return err;
}

function errorCode(err: unknown): number | undefined {
  if (err instanceof MongoServerError) {
    if (typeof err.code === 'number') return err.code;
  }
  // bulk write errors carry the first write error's code
  const writeErrors = (err as { writeErrors?: { code?: number }[] } | null)?.writeErrors;
  if (Array.isArray(writeErrors) && typeof writeErrors[0]?.code === 'number') return writeErrors[0].code;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export async function mapped<R>(collection: string, run: () => Promise<R>): Promise<R> {
  try {
    return await run();
  } catch (err) {
    throw mapMongoError(collection, err);
  }
}
