import { isDate } from '../query/index.js';

/**
 * How documents are stored in SQLite: JSON text without `_id`/`_v` (those are columns). A Date becomes the
 * string U+0001 "D" + ISO-8601 (UTC, fixed width for years 0–9999), so that dates compare and sort
 * correctly as SQL text, stay distinguishable from strings (no stored string may start with U+0001, see
 * query/document.ts), and come back as Date objects.
 */
export const DATE_TAG = '\u0001D';

export function encodeDate(date: Date): string {
  return DATE_TAG + date.toISOString();
}

export function encodeDocument(doc: Record<string, unknown>): string {
  // a replacer sees Date#toJSON's output, so read the raw value from the holder instead
  return JSON.stringify(doc, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return isDate(raw) ? encodeDate(raw) : value;
  });
}

export function decodeDocument(json: string): Record<string, unknown> {
  return JSON.parse(json, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(DATE_TAG) ? new Date(value.slice(DATE_TAG.length)) : value,
  ) as Record<string, unknown>;
}

/** A stored row back to the document callers see. */
export function rowToDocument(row: { _id: string; _v: number; doc: string }): Record<string, unknown> {
  return { _id: row._id, _v: row._v, ...decodeDocument(row.doc) };
}
