/**
 * Routing tables per unit subtree and dispatch decisions from them: the table stored at the nearest scope
 * enclosing the case's unit wins (a county's own table over the city's), then the most specific rule of it.
 */
import type { AuditRecorder } from '../audit/index.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { DocumentStore, Collection, Stored } from '../store/port.js';
import { resolveRoute, type RouteDecision } from './resolver.js';
import { parseRoutingTable, type RoutingTable } from './table.js';

export const ROUTING_COLLECTION = 'routing_tables';

export interface StoredRoutingTable {
  [key: string]: unknown;
  tableId: string;
  processId: string;
  scopeUnitId: string;
  scopePath: string;
  table: RoutingTable;
  updatedAt: string;
  updatedBy: string;
}

/** The org tree as this service needs it. */
export interface UnitPaths {
  pathOf(unitId: string): string | undefined;
  get(unitId: string): { _id: string; kind: string; parentId: string | null } | undefined;
}

export class RoutingScopeError extends Error {
  readonly code = 'org.unit_not_found';
  constructor(unitId: string) {
    super(`no unit ${unitId}`);
    this.name = 'RoutingScopeError';
  }
}

export class RoutingService {
  private readonly tables: Collection<StoredRoutingTable>;

  constructor(
    store: DocumentStore,
    private readonly units: UnitPaths,
    private readonly audit?: AuditRecorder,
  ) {
    this.tables = store.collection<StoredRoutingTable>(ROUTING_COLLECTION);
  }

  async init(): Promise<void> {
    await this.tables.createIndex({ fields: { processId: 1 } });
  }

  /** Stores (or replaces) a table at a scope after validating it; the library loader calls this without an actor. */
  async load(input: unknown, scopeUnitId: string, ctx?: CommandContext): Promise<Stored<StoredRoutingTable>> {
    const table = parseRoutingTable(input);
    const scopePath = this.units.pathOf(scopeUnitId);
    if (!scopePath) throw new RoutingScopeError(scopeUnitId);
    const _id = `${table.id}@${scopeUnitId}`;
    const doc = {
      tableId: table.id,
      processId: table.processId ?? table.id,
      scopeUnitId,
      scopePath,
      table,
      updatedAt: new Date().toISOString(),
      updatedBy: ctx?.actor.id ?? 'library',
    };
    const before = await this.tables.findOne({ _id });
    if (before) await this.tables.replaceOne({ _id }, doc);
    else await this.tables.insertOne({ _id, ...doc });
    if (ctx && this.audit) {
      await this.audit.record({
        ...origin(ctx), action: 'routing.table.save', object: { type: 'routing_table', id: _id }, unitId: scopeUnitId, unitPath: scopePath,
        before: before?.table ?? null, after: table,
      });
    }
    return (await this.tables.findOne({ _id }))!;
  }

  /**
   * The command centre of a case (二级指挥): the county/district the case's unit lies in, else the root (a case
   * reported at city level). Processes address their command-centre roles there.
   */
  commandUnitOf(unitId: string): string | undefined {
    let root: string | undefined;
    for (let u = this.units.get(unitId); u; u = u.parentId ? this.units.get(u.parentId) : undefined) {
      if (u.kind === 'county') return u._id;
      root = u._id;
    }
    return root;
  }

  /**
   * The levels above a case for escalation (village → township → county → city): the unit id of each kind on
   * the path from the case's unit up, null where the path has none (a grid directly under a street).
   */
  levelUnitsOf(unitId: string): (string | null)[] {
    const found: Record<string, string> = {};
    for (let u = this.units.get(unitId); u; u = u.parentId ? this.units.get(u.parentId) : undefined) found[u.kind] ??= u._id;
    return ['village', 'township', 'county', 'city'].map((k) => found[k] ?? null);
  }

  /** The departments a case of `processId` at `unitId` goes to, or undefined when no table or rule covers it. */
  async route(processId: string, unitId: string, category: unknown): Promise<RouteDecision | undefined> {
    const unitPath = this.units.pathOf(unitId);
    if (!unitPath) return undefined;
    const nearest = async (id: string) =>
      (await this.tables.find({ processId: id })).filter((t) => unitPath.startsWith(t.scopePath)).sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
    let table = await nearest(processId);
    // a county variant (`<template>_<unit>`, see DefinitionService.variantFor) without its own table uses the template's
    const unitOfVariant = unitPath.split('/').find((id) => id !== '' && processId.endsWith(`_${id}`));
    if (!table && unitOfVariant) table = await nearest(processId.slice(0, -(unitOfVariant.length + 1)));
    return table && resolveRoute(table.table, { category, unitPath });
  }
}
