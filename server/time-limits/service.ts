/**
 * Time-limit tables per unit subtree and due dates from them: the nearest scope wins (a county's table over the
 * city's), the most specific rule of that table wins, and the due instant is `start + limit` on the rule's clock
 * in the tenant's calendar (tenant = root unit of the case's unit).
 */
import type { AuditRecorder } from '../audit/index.js';
import type { CalendarService } from '../calendar/index.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { DocumentStore, Stored } from '../store/port.js';
import { resolveRule, type LimitContext, type ResolvedLimit } from './resolver.js';
import { storedTableId, TimeLimitRepository, type StoredTable } from './repository.js';
import { parseTable, type TimeLimitTable } from './table.js';

/** The org tree as this service needs it. */
export interface UnitPaths {
  pathOf(unitId: string): string | undefined;
}

export interface ComputedDue extends Omit<ResolvedLimit, 'warnAt'> {
  dueAt: Date;
  warnAt: Date;
  /** The share of the limit at which the warning starts (the rule's `warnAt`). */
  warnShare: number;
  /** Calendar warnings (a year without holiday data): the computation still happened. */
  warnings: string[];
}

export class TimeLimitNotFoundError extends Error {
  readonly code = 'time_limit.not_found';
  constructor(tableId: string, unitId: string) {
    super(`no time-limit table ${tableId} applies to unit ${unitId}`);
    this.name = 'TimeLimitNotFoundError';
  }
}

export class UnknownScopeError extends Error {
  readonly code = 'org.unit_not_found';
  constructor(unitId: string) {
    super(`no unit ${unitId}`);
    this.name = 'UnknownScopeError';
  }
}

export class TimeLimitService {
  readonly repo: TimeLimitRepository;

  constructor(
    store: DocumentStore,
    private readonly units: UnitPaths,
    private readonly calendars: CalendarService,
    private readonly audit?: AuditRecorder,
  ) {
    this.repo = new TimeLimitRepository(store);
  }

  init(): Promise<void> {
    return this.repo.init();
  }

  private scopePath(unitId: string): string {
    const path = this.units.pathOf(unitId);
    if (!path) throw new UnknownScopeError(unitId);
    return path;
  }

  /** Stores (or replaces) a table at a scope after validating it. The library loader calls this without an actor. */
  async load(input: unknown, scopeUnitId: string, ctx?: CommandContext): Promise<Stored<StoredTable>> {
    const table = parseTable(input);
    const scopePath = this.scopePath(scopeUnitId);
    const _id = storedTableId(table.id, scopeUnitId);
    const doc = {
      tableId: table.id,
      processId: table.processId ?? table.id,
      scopeUnitId,
      scopePath,
      table,
      updatedAt: new Date().toISOString(),
      updatedBy: ctx?.actor.id ?? 'library',
    };
    const before = await this.repo.tables.findOne({ _id });
    if (before) await this.repo.tables.replaceOne({ _id }, doc);
    else await this.repo.tables.insertOne({ _id, ...doc });
    if (ctx && this.audit) {
      await this.audit.record({
        ...origin(ctx), action: 'time_limit.table.save', object: { type: 'time_limit_table', id: _id }, unitId: scopeUnitId, unitPath: scopePath,
        before: before?.table ?? null, after: table,
      });
    }
    return (await this.repo.tables.findOne({ _id }))!;
  }

  /** The table that applies at a unit: the copy stored at the nearest enclosing scope. */
  async tableFor(tableId: string, unitId: string): Promise<Stored<StoredTable>> {
    const found = nearest(await this.repo.tables.find({ tableId }), this.scopePath(unitId));
    if (!found) throw new TimeLimitNotFoundError(tableId, unitId);
    return found;
  }

  private async tableForProcess(processId: string, unitId: string): Promise<TimeLimitTable | undefined> {
    const path = this.units.pathOf(unitId);
    if (!path) return undefined;
    return nearest(await this.repo.tables.find({ processId }), path)?.table;
  }

  /** The limit of a step for a case, or undefined when no table or rule covers it. */
  async resolve(ctx: LimitContext): Promise<ResolvedLimit | undefined> {
    const table = await this.tableForProcess(ctx.processId, ctx.unitId);
    return table && resolveRule(table, ctx);
  }

  /** Due and warning instants of a step started at `start`, or undefined when no rule covers it. */
  async computeDue(ctx: LimitContext, start: Date): Promise<ComputedDue | undefined> {
    const limit = await this.resolve(ctx);
    if (!limit) return undefined;
    const tenantId = this.tenantOf(ctx.unitId);
    const due = await this.calendars.computeDue(tenantId, start, limit.limit.amount, limit.limit.clock, limit.warnAt);
    return { ...limit, dueAt: due.due, warnAt: due.warningAt ?? due.due, warnShare: limit.warnAt, warnings: due.warnings };
  }

  /** The tenant of a unit is the root of its path (the calendar's owner). */
  tenantOf(unitId: string): string {
    return this.units.pathOf(unitId)?.split('/')[1] ?? unitId;
  }
}

function nearest(candidates: Stored<StoredTable>[], unitPath: string): Stored<StoredTable> | undefined {
  return candidates.filter((c) => unitPath.startsWith(c.scopePath)).sort((a, b) => b.scopePath.length - a.scopePath.length)[0];
}
