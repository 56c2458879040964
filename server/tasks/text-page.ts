/**
 * A task-list page when the text search matched more tasks than one query may name: SQLite turns `$in` into
 * a chain of ORs and refuses expression trees deeper than 1000, so the ids are queried in chunks, each chunk
 * with the same filter, sort, cursor and limit, and the chunks' pages are merged in the page's sort order —
 * the first `limit` of the merge are exactly the first `limit` of the whole result. The store's own keyset
 * paging (`findPageWith`) wraps it, so cursors are the same as everywhere else.
 */
import type { Collection, Filter, Page, PageOptions } from '../store/port.js';
import { findPageWith } from '../store/query/page.js';
import { documentComparator, sortKeysWithId } from '../store/query/sort.js';
import type { TaskDoc } from './task.js';

/** Ids per query: far below SQLite's expression depth limit of 1000, with room for the rest of the filter. */
export const IDS_PER_QUERY = 250;

export async function findPageByIdChunks(
  tasks: Collection<TaskDoc>,
  base: Filter,
  ids: string[],
  byIds: (chunk: string[]) => Filter,
  options: PageOptions,
): Promise<Page<TaskDoc>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) chunks.push(ids.slice(i, i + IDS_PER_QUERY));
  const compare = documentComparator(sortKeysWithId(options.sort));
  return findPageWith<TaskDoc>(
    async (scoped, findOptions) => {
      const found = new Map<string, TaskDoc>();
      for (const chunk of chunks) {
        for (const doc of await tasks.find({ $and: [scoped, byIds(chunk)] }, findOptions)) found.set(doc._id, doc);
      }
      return [...found.values()].sort(compare).slice(0, findOptions.limit);
    },
    base,
    options,
  );
}
