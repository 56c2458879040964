import { boundaryProblems } from './geojson.js';
import { UNIT_ID_PATTERN, UNIT_KINDS, childPath, mayContain, type Unit, type UnitKind } from './unit.js';
import type { OrgTree } from './tree.js';

/** One row of an import, as given in JSON or parsed from CSV. `row` is 1-based (CSV: the header is row 1). */
export interface ImportRow {
  row: number;
  id?: unknown;
  name?: unknown;
  kind?: unknown;
  parentId?: unknown;
  boundary?: unknown;
}

export interface ImportProblem {
  row: number;
  field?: string;
  message: string;
}

export type ImportPlan = { ok: true; units: Unit[] } | { ok: false; problems: ImportProblem[] };

/**
 * Validates a whole import against itself and the existing tree and computes every path, before anything is
 * written: ids unique and new, kinds known, parents existing (in the tree or earlier/later in the import),
 * parent kinds allowed, no cycles, boundaries valid GeoJSON.
 */
export function planImport(rows: ImportRow[], tree: OrgTree): ImportPlan {
  const problems: ImportProblem[] = [];
  const seen = new Map<string, ImportRow>();
  for (const r of rows) {
    const id = typeof r.id === 'string' ? r.id.trim() : '';
    if (!UNIT_ID_PATTERN.test(id)) problems.push({ row: r.row, field: 'id', message: 'id must be 1-64 of A-Z a-z 0-9 _ -' });
    else if (seen.has(id)) problems.push({ row: r.row, field: 'id', message: `duplicate id ${id} (also row ${seen.get(id)!.row})` });
    else if (tree.get(id)) problems.push({ row: r.row, field: 'id', message: `unit ${id} already exists` });
    else seen.set(id, r);
    if (typeof r.name !== 'string' || r.name.trim() === '' || r.name.length > 100) {
      problems.push({ row: r.row, field: 'name', message: 'name is required (at most 100 characters)' });
    }
    if (!UNIT_KINDS.includes(r.kind as UnitKind)) {
      problems.push({ row: r.row, field: 'kind', message: `kind must be one of ${UNIT_KINDS.join(', ')}` });
    }
    if (r.parentId !== undefined && r.parentId !== null && r.parentId !== '' && typeof r.parentId !== 'string') {
      problems.push({ row: r.row, field: 'parentId', message: 'parentId must be a unit id' });
    }
    if (r.boundary !== undefined && r.boundary !== null && r.boundary !== '') {
      if (r.kind !== 'grid') problems.push({ row: r.row, field: 'boundary', message: 'only grids carry a boundary' });
      else for (const m of boundaryProblems(r.boundary)) problems.push({ row: r.row, field: 'boundary', message: m });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const units = new Map<string, Unit>();
  const resolving = new Set<string>();
  const resolve = (id: string): Unit | undefined => {
    const done = units.get(id);
    if (done) return done;
    const r = seen.get(id)!;
    const parentId = typeof r.parentId === 'string' && r.parentId.trim() !== '' ? r.parentId.trim() : null;
    const kind = r.kind as UnitKind;
    if (resolving.has(id)) {
      problems.push({ row: r.row, field: 'parentId', message: `cycle through ${id}` });
      return undefined;
    }
    resolving.add(id);
    let parentPath: string | null = null;
    let parentKind: UnitKind | null = null;
    if (parentId) {
      const existing = tree.get(parentId);
      if (existing) {
        parentPath = existing.path;
        parentKind = existing.kind;
      } else if (seen.has(parentId)) {
        const parent = resolve(parentId);
        if (!parent) return undefined;
        parentPath = parent.path;
        parentKind = parent.kind;
      } else {
        problems.push({ row: r.row, field: 'parentId', message: `parent ${parentId} does not exist` });
        return undefined;
      }
    }
    if (parentKind === null && kind !== 'city') {
      problems.push({ row: r.row, field: 'parentId', message: `a ${kind} needs a parent; only a city is a root` });
      return undefined;
    }
    if (parentKind !== null && !mayContain(parentKind, kind)) {
      problems.push({ row: r.row, field: 'kind', message: `a ${parentKind} cannot contain a ${kind}` });
      return undefined;
    }
    const unit: Unit = {
      _id: id,
      name: (r.name as string).trim(),
      kind,
      parentId,
      path: childPath(parentPath, id),
      disabled: false,
      ...(r.boundary ? { boundary: r.boundary as Unit['boundary'] } : {}),
    };
    units.set(id, unit);
    return unit;
  };
  for (const id of seen.keys()) resolve(id);
  if (problems.length > 0) return { ok: false, problems: dedupe(problems) };
  // parents before children, so that a partial failure of the store never leaves an orphan
  return { ok: true, units: [...units.values()].sort((a, b) => a.path.length - b.path.length) };
}

function dedupe(problems: ImportProblem[]): ImportProblem[] {
  const keys = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.row}|${p.field}|${p.message}`;
    if (keys.has(k)) return false;
    keys.add(k);
    return true;
  });
}
