/**
 * The DocumentStore conformance suite: every adapter (SQLite file, SQLite in memory, MongoDB/FerretDB)
 * must give exactly these answers. Run it from an adapter's test file:
 *
 *   describeStoreConformance('sqlite file', () => openSqliteStore({ file }));
 *
 * Each test works in its own fresh collection, so the suite also runs against a shared database.
 */
import { afterAll, beforeAll, describe } from '@jest/globals';
import type { AnyDoc, DocumentStore } from '../../server/store/port.js';
import type { ConformanceContext, ServerLimits } from './conformance/context.js';
import { describeCrud } from './conformance/crud.js';
import { describeFilters } from './conformance/filters.js';
import { describeIndexes } from './conformance/indexes.js';
import { describeRoundTrips } from './conformance/round-trips.js';
import { describeSortAndPages } from './conformance/sort-pages.js';
import { describeUnsupported } from './conformance/unsupported.js';
import { describeUpdates } from './conformance/updates.js';

export type { ConformanceContext, ServerLimits } from './conformance/context.js';

export function describeStoreConformance(name: string, open: () => Promise<DocumentStore>, limits: ServerLimits = {}): void {
  describe(`DocumentStore conformance: ${name}`, () => {
    let store: DocumentStore | undefined;
    let counter = 0;
    const run = Date.now().toString(36);
    const ctx: ConformanceContext = {
      store: () => store!,
      fresh: <T extends AnyDoc>() => store!.collection<T>(`conf_${run}_${++counter}`),
      limits,
    };
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    describeCrud(ctx);
    describeFilters(ctx);
    describeUpdates(ctx);
    describeSortAndPages(ctx);
    describeIndexes(ctx);
    describeRoundTrips(ctx);
    describeUnsupported(ctx);
  });
}
