import { isDate, isPlainObject } from '../query/index.js';

/**
 * How documents are stored in SQLite: JSON text without `_id`/`_v` (those are columns). A Date becomes the
 * string U+0001 "D" + ISO-8601 (UTC, fixed width for years 0–9999), so that dates compare and sort
 * correctly as SQL text, stay distinguishable from strings (no stored string may start with U+0001, see
 * query/document.ts), and come back as Date objects.
 *
 * Encoding and decoding are hand-written walks rather than JSON replacer/reviver callbacks, which cost a
 * native-to-JS call per value and dominated insert and read time.
 */
export const DATE_TAG = '\u0001D';
/** How the tag appears inside JSON text (JSON.stringify escapes control characters). */
const DATE_TAG_IN_JSON = '\\u0001D';

export function encodeDate(date: Date): string {
  return DATE_TAG + date.toISOString();
}

/** The JSON text of a document, reporting every path (array positions stripped) that holds an array. */
export function encodeDocument(doc: Record<string, unknown>, onArrayPath?: (path: string) => void): string {
  return JSON.stringify(toStorable(doc, '', onArrayPath));
}

function toStorable(value: unknown, path: string, onArrayPath: ((path: string) => void) | undefined): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    onArrayPath?.(path);
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value[i] === undefined ? null : toStorable(value[i], path, onArrayPath);
    return out;
  }
  if (isDate(value)) return encodeDate(value);
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined) out[key] = toStorable(member, path ? `${path}.${key}` : key, onArrayPath);
  }
  return out;
}

export function decodeDocument(json: string): Record<string, unknown> {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  return json.includes(DATE_TAG_IN_JSON) ? (revive(parsed) as Record<string, unknown>) : parsed;
}

function revive(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith(DATE_TAG) ? new Date(value.slice(DATE_TAG.length)) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
  } else {
    for (const key in value) (value as Record<string, unknown>)[key] = revive((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A deep copy in the shape a read returns (undefined members dropped, Dates copied). */
export function cloneDocument(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((element) => (element === undefined ? null : cloneDocument(element)));
  if (isDate(value)) return new Date(value.getTime());
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = cloneDocument(value[key]);
  return out;
}

/** A stored row back to the document callers see. */
export function rowToDocument(row: { _id: string; _v: number; doc: string }): Record<string, unknown> {
  const doc = decodeDocument(row.doc);
  return Object.assign({ _id: row._id, _v: row._v }, doc);
}
