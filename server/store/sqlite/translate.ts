import type { FieldOp, FilterNode } from '../query/index.js';
import { valueClass } from '../query/index.js';
import { encodeDate } from './codec.js';
import { canAddress, jsonPathLiteral } from './names.js';
import { FALSE, join, raw, sql, TRUE } from './sql-fragment.js';
import type { Fragment } from './sql-fragment.js';

/**
 * Filters to SQL over `doc` (JSON text), with MongoDB's semantics:
 * - every comparison is guarded by the JSON type of the candidate, so 1 never equals true and a string is
 *   never $gt a number; dates are tagged text (codec.ts) and told apart from strings by their first char;
 * - array traversal (`{tags: 'x'}`, `{'items.sku': 'a'}`) uses json_each, but only for paths where this
 *   collection has ever stored an array (ArrayPaths) — everywhere else the plain `json_extract(doc, path)`
 *   form is emitted, which is exactly the expression our indexes are built on, so lookups use the index;
 * - `$ne`/`$nin`/`$exists: false` are the negation of "some candidate matches", so missing fields match.
 *
 * What SQL cannot say exactly — equality with a whole array or document (key order), numeric path segments
 * and keys containing '"' — becomes TRUE in SQL and `exact: false`: the caller re-checks rows with the JS
 * matcher (query/matcher.ts). Filters have no negation of sub-trees, so TRUE there always widens the result.
 */
export interface Translation {
  where: Fragment;
  exact: boolean;
}

class Inexact extends Error {}

/** One candidate value: its JSON type (NULL when missing) and its SQL value. */
interface Candidate {
  type: Fragment;
  value: Fragment;
  /** A table column (`_id` TEXT, `_v` INTEGER): SQL converts operands to its affinity, so always guard. */
  column?: true;
}

type Condition = (c: Candidate) => Fragment;

export function translateFilter(node: FilterNode, isArrayPath: (path: string) => boolean): Translation {
  let exact = true;
  const visit = (n: FilterNode): Fragment => {
    if (n.kind === 'and' || n.kind === 'or') {
      if (n.children.length === 0) return n.kind === 'and' ? TRUE : FALSE;
      return sql`(${join(n.children.map(visit), n.kind === 'and' ? ' AND ' : ' OR ')})`;
    }
    try {
      return fieldCondition(n.segments, n.test, isArrayPath);
    } catch (err) {
      if (!(err instanceof Inexact)) throw err;
      exact = false;
      return TRUE;
    }
  };
  const where = visit(node);
  return { where, exact };
}

function fieldCondition(segments: string[], test: FieldOp, isArrayPath: (path: string) => boolean): Fragment {
  const anyCandidate = (condition: Condition) => candidatesMatch(segments, condition, isArrayPath);
  switch (test.op) {
    case 'ne': return sql`NOT COALESCE(${anyCandidate(equals(test.value))}, 0)`;
    case 'nin': return sql`NOT COALESCE(${anyCandidate(equalsAny(test.values))}, 0)`;
    case 'exists': {
      const exists = anyCandidate((c) => sql`${c.type} IS NOT NULL`);
      return test.value ? exists : sql`NOT COALESCE(${exists}, 0)`;
    }
    case 'eq': return anyCandidate(equals(test.value));
    case 'in': return anyCandidate(equalsAny(test.values));
    case 'regex': return anyCandidate((c) =>
      sql`(${c.type} = 'text' AND substr(${c.value}, 1, 1) <> char(1) AND gz_regexp(${test.regex.source}, ${test.regex.flags}, ${c.value}))`);
    case 'gt': case 'gte': case 'lt': case 'lte': return anyCandidate(compares(test.op, test.value));
  }
}

/** "Some value the path reaches satisfies the condition", walking arrays only where this collection has them. */
function candidatesMatch(segments: string[], condition: Condition, isArrayPath: (path: string) => boolean): Fragment {
  if (segments.length === 1 && (segments[0] === '_id' || segments[0] === '_v')) {
    return condition({ type: raw(segments[0] === '_id' ? `'text'` : `'integer'`), value: raw(segments[0]), column: true });
  }
  if (!canAddress(segments)) throw new Inexact();
  let depth = 0;
  const walk = (source: string, local: string[], done: number): Fragment => {
    const path = jsonPathLiteral(local);
    const here = segments.slice(0, done).join('.');
    if (done === segments.length) {
      const whole = condition({ type: raw(`json_type(${source}, ${path})`), value: raw(`json_extract(${source}, ${path})`) });
      if (!isArrayPath(here)) return whole;
      const e = `e${depth++}`;
      const element = condition({ type: raw(`${e}.type`), value: raw(`${e}.value`) });
      return sql`(${whole} OR EXISTS (SELECT 1 FROM json_each(${raw(source)}, ${raw(path)}) AS ${raw(e)} WHERE json_type(${raw(source)}, ${raw(path)}) = 'array' AND ${element}))`;
    }
    const next = segments[done]!;
    if (done === 0 || !isArrayPath(here)) return walk(source, [...local, next], done + 1);
    const e = `e${depth++}`;
    const notArray = sql`(json_type(${raw(source)}, ${raw(path)}) IS NOT 'array' AND ${walk(source, [...local, next], done + 1)})`;
    const inElements = walk(`${e}.value`, [next], done + 1);
    return sql`(${notArray} OR EXISTS (SELECT 1 FROM json_each(${raw(source)}, ${raw(path)}) AS ${raw(e)} WHERE json_type(${raw(source)}, ${raw(path)}) = 'array' AND ${raw(e)}.type = 'object' AND ${inElements}))`;
  };
  return walk('doc', [], 0);
}

const STRING_NOT_DATE = (c: Candidate) => sql`substr(${c.value}, 1, 1) <> char(1)`;
const IS_DATE = (c: Candidate) => sql`substr(${c.value}, 1, 1) = char(1)`;

function equals(operand: unknown): Condition {
  switch (valueClass(operand)) {
    case 'null': return (c) => sql`COALESCE(${c.type}, 'null') = 'null'`;
    case 'boolean': return (c) => sql`${c.type} = ${raw(operand ? `'true'` : `'false'`)}`;
    // The type guard costs a parse of the row's JSON; equality needs it only where json_extract's SQL value is
    // ambiguous: booleans come back as 1/0, and documents/arrays as JSON text starting with '{' or '['.
    // (SQL compares expressions without affinity, so the text '5' never equals the number 5.)
    case 'number':
      return (c) => operand !== 0 && operand !== 1 && !c.column
        ? sql`${c.value} = ${operand}`
        : sql`(${c.type} IN ('integer', 'real') AND ${c.value} = ${operand})`;
    case 'string': {
      const first = (operand as string).charAt(0);
      if (first === '\u0001') return () => FALSE; // no stored string starts with U+0001
      return (c) => first !== '{' && first !== '[' && !c.column
        ? sql`${c.value} = ${operand}`
        : sql`(${c.type} = 'text' AND ${c.value} = ${operand})`;
    }
    case 'date': return (c) => sql`(${c.type} = 'text' AND ${c.value} = ${encodeDate(operand as Date)})`;
    default: throw new Inexact(); // whole-array or whole-document equality: the JS matcher decides
  }
}

function equalsAny(operands: unknown[]): Condition {
  if (operands.length === 0) return () => FALSE;
  const conditions = operands.map(equals);
  return (c) => sql`(${join(conditions.map((condition) => condition(c)), ' OR ')})`;
}

const SQL_OPERATOR = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function compares(op: keyof typeof SQL_OPERATOR, operand: unknown): Condition {
  const operator = raw(SQL_OPERATOR[op]);
  switch (valueClass(operand)) {
    case 'null': return op === 'gte' || op === 'lte' ? equals(null) : () => FALSE;
    case 'number': return (c) => sql`(${c.type} IN ('integer', 'real') AND ${c.value} ${operator} ${operand})`;
    case 'boolean': return (c) => sql`(${c.type} IN ('true', 'false') AND ${c.value} ${operator} ${operand ? 1 : 0})`;
    case 'string': return (c) => sql`(${c.type} = 'text' AND ${STRING_NOT_DATE(c)} AND ${c.value} ${operator} ${operand})`;
    case 'date': return (c) => sql`(${c.type} = 'text' AND ${IS_DATE(c)} AND ${c.value} ${operator} ${encodeDate(operand as Date)})`;
    default: throw new Inexact();
  }
}
