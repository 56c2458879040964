/**
 * The query subset shared by every DocumentStore adapter: parsing and validation (one error for anything
 * unsupported, everywhere), the reference matcher, update application, projection, sort order, ids and
 * keyset page cursors.
 */
export { parseFilter, splitPath } from './filter.js';
export type { FieldOp, FilterNode } from './filter.js';
export { matchesFilter, matchesValue, pathCandidates, MISSING } from './matcher.js';
export { applyUpdate, validateUpdate } from './update.js';
export { applyProjection, validateProjection } from './projection.js';
export { compareForSort, documentComparator, readPath, sortKeysWithId, validateSort } from './sort.js';
export type { SortKey } from './sort.js';
export { encodeCursor, filterAfterCursor } from './cursor.js';
export { findPageWith } from './page.js';
export { assertStorable, checkedNewDocument } from './document.js';
export { newId } from './ids.js';
export { compareSameClass, compareStrings, isDate, isPlainObject, valueClass, valuesEqual } from './values.js';
