import type { Collection, DocumentStore } from '../store/port.js';
import type { TimeLimitTable } from './table.js';

export const TIME_LIMITS_COLLECTION = 'time_limit_tables';

/**
 * One table as stored for one scope: the same table id may be stored at a city and at a county under it; the
 * county's copy overrides the city's for cases of the county's subtree.
 */
export interface StoredTable {
  _id: string;
  tableId: string;
  processId: string;
  scopeUnitId: string;
  scopePath: string;
  table: TimeLimitTable;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export function storedTableId(tableId: string, scopeUnitId: string): string {
  return `${tableId}@${scopeUnitId}`;
}

export class TimeLimitRepository {
  readonly tables: Collection<StoredTable>;

  constructor(store: DocumentStore) {
    this.tables = store.collection<StoredTable>(TIME_LIMITS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.tables.createIndex({ fields: { processId: 1, scopePath: 1 } });
    await this.tables.createIndex({ fields: { tableId: 1, scopePath: 1 } });
  }
}
