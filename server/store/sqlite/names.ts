import { UnsupportedQueryError } from '../port.js';

/** SQL identifiers and JSON path literals. Paths are inlined (not bound) so that expression indexes match them. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function tableName(collection: string): string {
  return quoteIdentifier(`c_${collection}`);
}

export function indexName(collection: string, index: string): string {
  return quoteIdentifier(`c_${collection}__${index}`);
}

const SIMPLE_LABEL = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether SQLite's JSON path syntax can address these keys (a double quote cannot be escaped in a label). */
export function canAddress(segments: readonly string[]): boolean {
  return segments.every((s) => !s.includes('"') && !/^\d+$/.test(s));
}

/** The JSON path as a SQL string literal, e.g. '$.person."身份证"'. */
export function jsonPathLiteral(segments: readonly string[]): string {
  const path = '$' + segments.map((s) => (SIMPLE_LABEL.test(s) ? `.${s}` : `."${s}"`)).join('');
  return `'${path.replaceAll("'", "''")}'`;
}

export function assertAddressable(segments: readonly string[], what: string): void {
  if (!canAddress(segments)) {
    throw new UnsupportedQueryError(`${what} "${segments.join('.')}": numeric segments and keys with '"' are not supported here`);
  }
}
