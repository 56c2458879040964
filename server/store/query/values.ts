/**
 * Value classes and comparison with MongoDB's rules for the supported subset: comparison operators only
 * compare values of the same class (numbers with numbers, strings with strings, dates with dates, booleans
 * with booleans); equality of documents ignores key order (our SQLite adapter may reorder keys).
 */
export type ValueClass = 'null' | 'number' | 'string' | 'boolean' | 'date' | 'array' | 'object';

export function valueClass(value: unknown): ValueClass {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (isDate(value)) return 'date';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

/** Strings compare by Unicode code point (= UTF-8 byte order, which is what MongoDB and SQLite use), not UTF-16 units. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const d = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

/** Compares two values of the same scalar class; undefined when the classes differ or are not ordered. */
export function compareSameClass(a: unknown, b: unknown): number | undefined {
  const ca = valueClass(a);
  if (ca !== valueClass(b)) return undefined;
  switch (ca) {
    case 'null': return 0;
    case 'number': return Math.sign((a as number) - (b as number));
    case 'boolean': return Number(a) - Number(b);
    case 'string': return compareStrings(a as string, b as string);
    case 'date': return Math.sign((a as Date).getTime() - (b as Date).getTime());
    default: return undefined;
  }
}

/** Deep equality: arrays by position, objects by key set (order ignored), dates by time. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  const ca = valueClass(a);
  if (ca !== valueClass(b)) return false;
  if (ca === 'array') {
    const xa = a as unknown[];
    const xb = b as unknown[];
    return xa.length === xb.length && xa.every((v, i) => valuesEqual(v, xb[i]));
  }
  if (ca === 'object') {
    const oa = a as Record<string, unknown>;
    const ob = b as Record<string, unknown>;
    const ka = Object.keys(oa).filter((k) => oa[k] !== undefined);
    const kb = Object.keys(ob).filter((k) => ob[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => Object.hasOwn(ob, k) && valuesEqual(oa[k], ob[k]));
  }
  return compareSameClass(a, b) === 0;
}

/** Also true for Dates from another realm (structuredClone, vm contexts), where `instanceof Date` is not. */
export function isDate(value: unknown): value is Date {
  return value instanceof Date || Object.prototype.toString.call(value) === '[object Date]';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return valueClass(value) === 'object';
}
