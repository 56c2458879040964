import type { DocumentStore } from '../store/port.js';
import { assertValidCalendar, CalendarInvalidError, type CalendarData } from './calendar-data.js';
import type { NationalCalendar, NationalSource } from './national.js';
import { applyEdit, diffCalendar, mergeCalendar, type CalendarEdit, type CalendarOverrides } from './overrides.js';
import { CalendarRepository } from './repository.js';
import { WorkCalendar, type ClockUnit, type Coverage, type Instant } from './work-calendar.js';

/** Where the "missing year" warnings go: the server's pino logger fits. */
export interface CalendarWarnings {
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface TenantCalendar {
  tenantId: string;
  /** The merged calendar the clocks use: national data with the tenant's edits on top. */
  calendar: CalendarData;
  /** The tenant's own changes relative to the national data. */
  overrides: CalendarOverrides;
  /** For compare-and-set edits; 0 while the tenant uses the national calendar unchanged. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  sources: NationalSource[];
}

export interface DueDate {
  due: Date;
  /** When the asked share of the limit is used (only when a share was asked for). */
  warningAt?: Date;
  coverage: Coverage;
  /** Human-readable warnings (e.g. a year without holiday data); empty when the result is fully covered. */
  warnings: string[];
}

export interface EditContext {
  by: string | null;
  /** The version the admin edited; a concurrent change makes the edit fail with a version conflict. */
  expectedVersion?: number;
}

/**
 * Per-tenant working-day calendars: tenants start from the shipped national schedules, admins edit them
 * (validated as a whole before anything is written), and the three clocks compute due dates on them.
 */
export class CalendarService {
  private readonly repository: CalendarRepository;

  constructor(
    store: DocumentStore,
    private readonly national: NationalCalendar,
    private readonly warnings: CalendarWarnings = { warn: () => undefined },
    private readonly now: () => Date = () => new Date(),
  ) {
    this.repository = new CalendarRepository(store);
  }

  async get(tenantId: string): Promise<TenantCalendar> {
    const stored = await this.repository.load(tenantId);
    return {
      tenantId,
      calendar: mergeCalendar(this.national.data, stored.overrides),
      overrides: stored.overrides,
      version: stored.version,
      updatedAt: stored.updatedAt,
      updatedBy: stored.updatedBy,
      sources: this.national.sources,
    };
  }

  /** The tenant's WorkCalendar; every uncovered year a computation touches is logged as a warning. */
  async workCalendar(tenantId: string): Promise<WorkCalendar> {
    const { calendar } = await this.get(tenantId);
    return new WorkCalendar(calendar, {
      onMissingYear: (year) => this.warnings.warn({ tenantId, year }, `calendar of tenant ${tenantId} has no holiday data for ${year}; weekends-only fallback used`),
    });
  }

  async edit(tenantId: string, edit: CalendarEdit, ctx: EditContext): Promise<TenantCalendar> {
    const clash = (edit.addHolidays ?? []).filter((h) => (edit.addMakeUpDays ?? []).some((m) => m.date === h.date));
    if (clash.length > 0) {
      throw new CalendarInvalidError(clash.map((h) => ({ path: 'addMakeUpDays', message: `${h.date} cannot be both a holiday and a make-up working day` })));
    }
    const current = await this.repository.load(tenantId);
    return this.store(tenantId, applyEdit(this.national.data, current.overrides, edit), current.version, ctx);
  }

  /** Replaces the tenant's whole calendar; it is kept as differences from the national data. */
  async replace(tenantId: string, desired: CalendarData, ctx: EditContext): Promise<TenantCalendar> {
    assertValidCalendar(desired);
    const current = await this.repository.load(tenantId);
    return this.store(tenantId, diffCalendar(this.national.data, desired), current.version, ctx);
  }

  /** Drops the tenant's edits: back to the national calendar. */
  async reset(tenantId: string): Promise<TenantCalendar> {
    await this.repository.remove(tenantId);
    return this.get(tenantId);
  }

  /** The due instant of a limit, and optionally the instant `warnShare` of it is used (0.8 → 黄牌). */
  async computeDue(tenantId: string, start: Instant, amount: number, unit: ClockUnit, warnShare?: number): Promise<DueDate> {
    const calendar = await this.workCalendar(tenantId);
    const { due, coverage } = calendar.addTime(start, amount, unit);
    const warning = warnShare === undefined ? undefined : calendar.shareInstant(start, due, warnShare, unit);
    const missingYears = [...new Set([...coverage.missingYears, ...(warning?.coverage.missingYears ?? [])])].sort((a, b) => a - b);
    const warnings = missingYears.map(
      (year) => `no holiday schedule for ${year} in this calendar: only weekends were treated as days off in ${year}`,
    );
    return { due, ...(warning ? { warningAt: warning.due } : {}), coverage: { complete: missingYears.length === 0, missingYears }, warnings };
  }

  private async store(tenantId: string, overrides: CalendarOverrides, loadedVersion: number, ctx: EditContext): Promise<TenantCalendar> {
    assertValidCalendar(mergeCalendar(this.national.data, overrides));
    const expected = ctx.expectedVersion ?? loadedVersion;
    await this.repository.save(tenantId, overrides, expected, ctx.by, this.now());
    return this.get(tenantId);
  }
}
