import type { AnyDoc, Collection, DocumentStore, Stored } from '../store/port.js';
import { DuplicateKeyError, VersionConflictError } from '../store/port.js';
import { NO_OVERRIDES, type CalendarOverrides } from './overrides.js';

export const CALENDAR_COLLECTION = 'calendars';

/** One document per tenant that changed anything; a tenant without one uses the national calendar as shipped. */
export type TenantCalendarDoc = AnyDoc & CalendarOverrides & {
  _id: string;
  updatedAt: string;
  updatedBy: string | null;
};

export interface StoredOverrides {
  overrides: CalendarOverrides;
  /** 0 while the tenant has no document (nothing changed yet); the document's `_v` afterwards. */
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Tenant calendar overrides in the DocumentStore, written with compare-and-set on the version. */
export class CalendarRepository {
  private readonly docs: Collection<TenantCalendarDoc>;

  constructor(store: DocumentStore) {
    this.docs = store.collection<TenantCalendarDoc>(CALENDAR_COLLECTION);
  }

  async load(tenantId: string): Promise<StoredOverrides> {
    const doc = await this.docs.findOne({ _id: tenantId });
    if (!doc) return { overrides: NO_OVERRIDES, version: 0, updatedAt: null, updatedBy: null };
    return { overrides: overridesOf(doc), version: doc._v, updatedAt: doc.updatedAt, updatedBy: doc.updatedBy };
  }

  /**
   * Stores the overrides if the tenant's calendar is still at `expectedVersion` (0 = no document yet);
   * otherwise throws VersionConflictError and writes nothing.
   */
  async save(tenantId: string, overrides: CalendarOverrides, expectedVersion: number, by: string | null, at: Date): Promise<number> {
    const doc = { _id: tenantId, ...overrides, updatedAt: at.toISOString(), updatedBy: by };
    if (expectedVersion === 0) {
      try {
        return (await this.docs.insertOne(doc))._v;
      } catch (err) {
        if (err instanceof DuplicateKeyError) {
          const current = await this.docs.findOne({ _id: tenantId });
          throw new VersionConflictError(CALENDAR_COLLECTION, tenantId, 0, current?._v);
        }
        throw err;
      }
    }
    const result = await this.docs.replaceOne({ _id: tenantId }, doc, { expectedVersion });
    if (result.matched === 0) throw new VersionConflictError(CALENDAR_COLLECTION, tenantId, expectedVersion, undefined);
    return expectedVersion + 1;
  }

  /** Back to the national calendar as shipped. */
  async remove(tenantId: string): Promise<void> {
    await this.docs.deleteOne({ _id: tenantId });
  }
}

function overridesOf(doc: Stored<TenantCalendarDoc>): CalendarOverrides {
  return {
    ...(doc.timeZone !== undefined ? { timeZone: doc.timeZone } : {}),
    ...(doc.windows !== undefined ? { windows: doc.windows } : {}),
    addedYears: doc.addedYears ?? [],
    removedYears: doc.removedYears ?? [],
    addedHolidays: doc.addedHolidays ?? [],
    removedHolidays: doc.removedHolidays ?? [],
    addedMakeUpDays: doc.addedMakeUpDays ?? [],
    removedMakeUpDays: doc.removedMakeUpDays ?? [],
  };
}
