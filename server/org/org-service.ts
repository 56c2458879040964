import type { Collection, DocumentStore } from '../store/port.js';
import { ProblemError } from '../http/problems.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Revision } from '../authz/revision.js';
import { boundaryProblems } from './geojson.js';
import { planImport, type ImportRow } from './import.js';
import { OrgTree } from './tree.js';
import { UNIT_ID_PATTERN, childPath, mayContain, type GeoJsonPolygonal, type Unit, type UnitKind } from './unit.js';

export const UNITS_COLLECTION = 'org_units';

export interface NewUnit {
  id: string;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  boundary?: GeoJsonPolygonal;
}

/**
 * As stored: GeoJSON coordinates are arrays of arrays, which the store subset does not hold (FerretDB v1),
 * so the boundary is kept as JSON text in `boundaryJson`.
 */
type UnitDoc = Omit<Unit, 'boundary'> & { boundaryJson?: string };

function toDoc(unit: Unit): UnitDoc {
  const { boundary, ...rest } = unit;
  return boundary ? { ...rest, boundaryJson: JSON.stringify(boundary) } : rest;
}

function fromDoc(doc: UnitDoc): Unit {
  const { boundaryJson, _v, ...rest } = doc as UnitDoc & { _v?: number };
  void _v;
  return boundaryJson ? { ...rest, boundary: JSON.parse(boundaryJson) as GeoJsonPolygonal } : rest;
}

function invalid(message: string, errors?: unknown[]): ProblemError {
  return new ProblemError('org.invalid_unit', message, errors ? { errors } : {});
}

/** Commands and queries on the org tree. Every command is audited and bumps the authz revision. */
export class OrgService {
  readonly tree = new OrgTree();
  private readonly units: Collection<UnitDoc>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditRecorder,
    private readonly revision: Revision,
  ) {
    this.units = store.collection<UnitDoc>(UNITS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.units.createIndex({ fields: { path: 1 } });
    await this.units.createIndex({ fields: { parentId: 1 } });
    await this.reload();
  }

  async reload(): Promise<void> {
    const all = await this.units.find({}, { sort: { path: 1 } });
    this.tree.replaceAll(all.map(fromDoc));
  }

  require(id: string): Unit {
    const unit = this.tree.get(id);
    if (!unit) throw new ProblemError('org.unit_not_found', `no unit ${id}`);
    return unit;
  }

  async create(input: NewUnit, ctx: CommandContext): Promise<Unit> {
    const plan = planImport([{ row: 1, ...input }], this.tree);
    if (!plan.ok) throw invalid(plan.problems.map((p) => p.message).join('; '), plan.problems);
    const unit = plan.units[0]!;
    await this.units.insertOne(toDoc(unit));
    this.tree.put(unit);
    await this.changed(ctx, 'org.unit.create', unit, undefined, unit);
    return unit;
  }

  async update(id: string, patch: { name?: string; disabled?: boolean; boundary?: GeoJsonPolygonal | null }, ctx: CommandContext): Promise<Unit> {
    const before = this.require(id);
    const set: Record<string, unknown> = {};
    const unset: Record<string, ''> = {};
    if (patch.name !== undefined) {
      if (patch.name.trim() === '') throw invalid('name must not be empty');
      set.name = patch.name.trim();
    }
    if (patch.disabled !== undefined) set.disabled = patch.disabled;
    if (patch.boundary !== undefined) {
      if (patch.boundary === null) unset.boundaryJson = '';
      else {
        if (before.kind !== 'grid') throw invalid('only grids carry a boundary');
        const problems = boundaryProblems(patch.boundary);
        if (problems.length) throw invalid('invalid GeoJSON boundary', problems.map((message) => ({ path: 'boundary', message })));
        set.boundaryJson = JSON.stringify(patch.boundary);
      }
    }
    if (Object.keys(set).length === 0 && Object.keys(unset).length === 0) return before;
    const after = await this.units.findOneAndUpdate({ _id: id }, { ...(Object.keys(set).length ? { $set: set } : {}), ...(Object.keys(unset).length ? { $unset: unset } : {}) });
    if (!after) throw new ProblemError('org.unit_not_found', `no unit ${id}`);
    const unit = fromDoc(after);
    this.tree.put(unit);
    const action = patch.disabled !== undefined && Object.keys(set).length === 1 ? (patch.disabled ? 'org.unit.disable' : 'org.unit.enable') : 'org.unit.update';
    await this.changed(ctx, action, unit, before, unit);
    return unit;
  }

  /**
   * Moves a unit under a new parent and re-paths its whole subtree. The store has no multi-document
   * transactions: units are re-pathed parents first, and a failure half-way is repaired by running the
   * same move again (each step is idempotent).
   */
  async move(id: string, newParentId: string, ctx: CommandContext): Promise<Unit> {
    const unit = this.require(id);
    const parent = this.require(newParentId);
    if (parent.path.startsWith(unit.path)) throw invalid('a unit cannot move into its own subtree');
    if (!mayContain(parent.kind, unit.kind)) throw invalid(`a ${parent.kind} cannot contain a ${unit.kind}`);
    const oldPath = unit.path;
    const newPath = childPath(parent.path, id);
    if (oldPath === newPath) return unit;
    const subtree = this.tree.subtree(oldPath).sort((a, b) => a.path.length - b.path.length);
    for (const u of subtree) {
      const path = newPath + u.path.slice(oldPath.length);
      const set: Record<string, unknown> = { path };
      if (u._id === id) set.parentId = newParentId;
      const after = await this.units.findOneAndUpdate({ _id: u._id }, { $set: set });
      if (after) this.tree.put(fromDoc(after));
    }
    const moved = this.require(id);
    await this.changed(ctx, 'org.unit.move', moved, { parentId: unit.parentId, path: oldPath }, { parentId: newParentId, path: newPath, subtreeSize: subtree.length });
    return moved;
  }

  /** Imports many units at once; validates everything first and writes nothing when any row is bad. */
  async import(rows: ImportRow[], ctx: CommandContext): Promise<Unit[]> {
    const plan = planImport(rows, this.tree);
    if (!plan.ok) {
      throw new ProblemError('org.import_invalid', `${plan.problems.length} problem(s) in the import`, { errors: plan.problems });
    }
    if (plan.units.length === 0) return [];
    await this.units.insertMany(plan.units.map(toDoc));
    for (const u of plan.units) this.tree.put(u);
    const top = plan.units[0]!;
    await this.audit.record({
      ...origin(ctx),
      action: 'org.import',
      object: { type: 'org.unit', id: top._id },
      unitId: top.parentId ?? top._id,
      unitPath: top.parentId ? this.tree.pathOf(top.parentId) : top.path,
      after: { count: plan.units.length, ids: plan.units.slice(0, 100).map((u) => u._id) },
    });
    await this.revision.bump();
    return plan.units;
  }

  /** Top-level units an import attaches to (existing parents, or new roots): whose admin must allow it. */
  attachmentPoints(rows: ImportRow[]): (string | null)[] {
    const ids = new Set(rows.map((r) => r.id));
    const points = new Set<string | null>();
    for (const r of rows) {
      const p = typeof r.parentId === 'string' && r.parentId !== '' ? r.parentId : null;
      if (p === null || !ids.has(p)) points.add(p);
    }
    return [...points];
  }

  static isValidId(id: string): boolean {
    return UNIT_ID_PATTERN.test(id);
  }

  private async changed(ctx: CommandContext, action: string, unit: Unit, before: unknown, after: unknown): Promise<void> {
    await this.audit.record({ ...origin(ctx), action, object: { type: 'org.unit', id: unit._id }, unitId: unit._id, unitPath: unit.path, before, after });
    await this.revision.bump();
  }
}
