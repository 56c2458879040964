/**
 * Seeded random documents and filters for the differential test of the SQL translation against the
 * reference matcher: small value pools so that filters actually hit, and every shape the subset has —
 * scalars of each type, null and missing, arrays of scalars, nested documents and arrays of documents.
 */
import type { Filter } from '../../server/store/port.js';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DATES = [new Date('2023-05-01T00:00:00Z'), new Date('2024-01-01T12:00:00Z'), new Date('2025-09-09T09:09:09Z')];
const SCALARS: unknown[] = [0, 1, 2, 3, -1, 1.5, 'x', 'y', 'z', '', '中', 'X1', '[]', '2', true, false, null, ...DATES];

export function randomDocuments(count: number, seed: number): Record<string, unknown>[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const scalar = () => pick(SCALARS);
  const value = (): unknown => {
    const r = random();
    if (r < 0.6) return scalar();
    if (r < 0.8) return Array.from({ length: Math.floor(random() * 3) }, scalar);
    return { c: scalar(), d: random() < 0.5 ? scalar() : [scalar(), scalar()] };
  };
  return Array.from({ length: count }, (_, i) => {
    const doc: Record<string, unknown> = { _id: `r${String(i).padStart(3, '0')}` };
    for (const key of ['a', 'n', 'tags']) if (random() < 0.8) doc[key] = value();
    if (random() < 0.7) doc.b = random() < 0.6 ? { c: value(), d: scalar() } : [{ c: scalar() }, { d: scalar() }, scalar()];
    if (random() < 0.6) doc.items = Array.from({ length: Math.floor(random() * 3) }, () => ({ sku: pick(['s1', 's2', 's3']), qty: pick([0, 1, 2, 5]) }));
    return doc;
  });
}

const PATHS = ['a', 'n', 'tags', 'b', 'b.c', 'b.d', 'a.c', 'a.d', 'items.sku', 'items.qty', '_id', 'missing'];

export function randomFilters(count: number, seed: number): Filter[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const operand = (): unknown => (random() < 0.92 ? pick(SCALARS) : [pick(SCALARS)]);
  const ordered = () => pick(SCALARS.filter((v) => v !== null));
  const field = (): Filter => {
    const path = pick(PATHS);
    switch (Math.floor(random() * 9)) {
      case 0: return { [path]: operand() };
      case 1: return { [path]: { $ne: operand() } };
      case 2: return { [path]: { $in: [pick(SCALARS), pick(SCALARS)] } };
      case 3: return { [path]: { $nin: [pick(SCALARS), pick(SCALARS)] } };
      case 4: return { [path]: { [pick(['$gt', '$gte', '$lt', '$lte'])]: ordered() } };
      case 5: return { [path]: { $exists: random() < 0.5 } };
      case 6: return { [path]: { $regex: pick(['^x', '^X', '^中', '^']), ...(random() < 0.3 ? { $options: 'i' } : {}) } };
      case 7: return { [path]: { $gte: ordered(), $lt: ordered() } };
      default: return { [path]: null };
    }
  };
  const filter = (depth: number): Filter => {
    const r = random();
    if (depth > 0 && r < 0.15) return { $or: [filter(depth - 1), filter(depth - 1)] };
    if (depth > 0 && r < 0.25) return { $and: [filter(depth - 1), filter(depth - 1)] };
    return field();
  };
  return Array.from({ length: count }, () => filter(2));
}
