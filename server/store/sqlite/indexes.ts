import { UnsupportedQueryError } from '../port.js';
import type { IndexSpec } from '../port.js';
import { splitPath } from '../query/index.js';
import { assertAddressable, indexName, jsonPathLiteral } from './names.js';

/**
 * Indexes are SQLite expression indexes on `json_extract(doc, '$.path')` — the very expression the filter
 * translation emits for a path without arrays, so equality, range and sort on an indexed path use them.
 *
 * A unique index additionally gets a UNIQUE index on `COALESCE(doc -> '$.path', 'null')`: the JSON text of
 * the value, which keeps types apart (the number 1, the string "1" and true are different keys, whereas
 * json_extract maps true to 1) and treats missing like null, as MongoDB does (two documents without the
 * field collide). Arrays are compared as whole values (MongoDB would index each element).
 */
export function indexStatements(table: string, collection: string, spec: IndexSpec): string[] {
  const fields = Object.entries(spec.fields ?? {});
  if (fields.length === 0) throw new UnsupportedQueryError('an index needs at least one field');
  const name = spec.name ?? fields.map(([path, direction]) => `${path}_${direction}`).join('_');
  const lookup: string[] = [];
  const unique: string[] = [];
  for (const [path, direction] of fields) {
    if (direction !== 1 && direction !== -1) throw new UnsupportedQueryError(`index direction of "${path}" must be 1 or -1`);
    const order = direction === 1 ? 'ASC' : 'DESC';
    if (path === '_id' || path === '_v') {
      lookup.push(`${path} ${order}`);
      unique.push(path);
      continue;
    }
    const segments = splitPath(path);
    assertAddressable(segments, 'index on');
    const literal = jsonPathLiteral(segments);
    lookup.push(`json_extract(doc, ${literal}) ${order}`);
    unique.push(`COALESCE(doc -> ${literal}, 'null')`);
  }
  // `_id` last: keyset pages (ORDER BY the keys, then _id) then walk the index without a sort step
  if (!fields.some(([path]) => path === '_id')) lookup.push('_id ASC');
  const statements = [`CREATE INDEX IF NOT EXISTS ${indexName(collection, spec.unique ? `${name}__lookup` : name)} ON ${table} (${lookup.join(', ')})`];
  if (spec.unique) statements.unshift(`CREATE UNIQUE INDEX IF NOT EXISTS ${indexName(collection, name)} ON ${table} (${unique.join(', ')})`);
  return statements;
}
