import { UnsupportedQueryError } from '../port.js';
import { checkedNewDocument, isPlainObject, newId } from '../query/index.js';

/** A stored document as it comes from the server: `_id` and `_v` included. */
export type RawDoc = Record<string, unknown> & { _id: string; _v: number };

/**
 * A new document as it is stored: checked against the storable subset, `_id` generated when missing,
 * `_v` 1, and a deep copy without `undefined` members (dropped, as JSON does; `undefined` array
 * elements become null, as BSON does) so that what we return is exactly what the server holds.
 */
export function newStoredDocument(doc: Record<string, unknown>): RawDoc {
  const checked = checkedNewDocument(doc);
  const _id = (checked._id as string | undefined) ?? newId();
  return { ...(normalized(checked) as Record<string, unknown>), _id, _v: 1 };
}

/** The replacement for `current`: keeps its `_id` (a different one is refused, as MongoDB does) and bumps `_v`. */
export function replacementOf(current: RawDoc, doc: Record<string, unknown>): RawDoc {
  const checked = checkedNewDocument(doc);
  if (checked._id !== undefined && checked._id !== current._id) {
    throw new UnsupportedQueryError(`replaceOne may not change _id (${current._id} → ${String(checked._id)})`);
  }
  return { ...(normalized(checked) as Record<string, unknown>), _id: current._id, _v: current._v + 1 };
}

export function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((element) => (element === undefined ? null : normalized(element)));
  if (value instanceof Date) return new Date(value.getTime());
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) if (member !== undefined) copy[key] = normalized(member);
    return copy;
  }
  return value;
}
