import { UnsupportedQueryError } from '../port.js';
import { isDate, isPlainObject } from './values.js';

/**
 * What may be stored: keys without "." and not starting with "$" (FerretDB v1 cannot store them, and a
 * dotted key would be ambiguous with a path); finite numbers; valid dates (years 0–9999, so that their
 * ISO form sorts as text); strings not starting with U+0001 (the SQLite adapter's tag for dates).
 * `undefined` members are dropped, as JSON does.
 */
export function assertStorable(value: unknown, where = 'document'): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value.charCodeAt(0) === 1) throw new UnsupportedQueryError(`${where}: strings starting with U+0001 are reserved`);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnsupportedQueryError(`${where}: ${value} is not a storable number`);
    return;
  }
  if (isDate(value)) {
    const year = value.getUTCFullYear();
    if (Number.isNaN(value.getTime()) || year < 0 || year > 9999) {
      throw new UnsupportedQueryError(`${where}: dates must be valid and within years 0–9999`);
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((element, i) => assertStorable(element === undefined ? null : element, `${where}[${i}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, member] of Object.entries(value)) {
      if (key.includes('.') || key.startsWith('$') || key === '') {
        throw new UnsupportedQueryError(`${where}: key "${key}" is not storable (no ".", no leading "$", not empty)`);
      }
      if (member !== undefined) assertStorable(member, `${where}.${key}`);
    }
    return;
  }
  throw new UnsupportedQueryError(`${where}: values of type ${typeof value} are not storable`);
}

/** A checked new document: `_v` stripped (the store owns it), `_id` a non-empty string when given. */
export function checkedNewDocument(doc: Record<string, unknown>): Record<string, unknown> {
  if (!isPlainObject(doc)) throw new UnsupportedQueryError('a document must be a plain object');
  const { _v: _ignored, ...rest } = doc;
  if (rest._id !== undefined && (typeof rest._id !== 'string' || rest._id === '')) {
    throw new UnsupportedQueryError('_id must be a non-empty string');
  }
  assertStorable(rest);
  return rest;
}
