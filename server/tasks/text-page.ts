/**
 * A task-list page for a text search that matched tasks by their words. The matched ids drive the query: they
 * are fetched by primary key in chunks (SQLite turns `$in` into a chain of ORs and refuses expression trees
 * deeper than 1000; and evaluating a long OR chain on every row of a subtree scan costs seconds at 100k tasks),
 * kept when they pass the page's filter (the store's own matcher), merged with the indexed case-number matches,
 * sorted and cut to the page. The store's keyset paging (`findPageWith`) wraps it, so cursors are the same as
 * everywhere else and pages neither skip nor repeat.
 */
import type { Collection, Filter, Page, PageOptions } from '../store/port.js';
import { parseFilter } from '../store/query/filter.js';
import { matchesFilter } from '../store/query/matcher.js';
import { findPageWith } from '../store/query/page.js';
import { documentComparator, sortKeysWithId } from '../store/query/sort.js';
import type { TaskDoc } from './task.js';

/** Ids per query: far below SQLite's expression depth limit of 1000, with room for the rest of the filter. */
export const IDS_PER_QUERY = 250;

/** `base`: the page's filter without the text; `byNumber`: the case-number part of the text filter. */
export async function findPageOfMatchedIds(
  tasks: Collection<TaskDoc>,
  base: Filter,
  byNumber: Filter,
  ids: string[],
  options: PageOptions,
): Promise<Page<TaskDoc>> {
  const compare = documentComparator(sortKeysWithId(options.sort));
  return findPageWith<TaskDoc>(
    async (scoped, findOptions) => {
      const found = new Map<string, TaskDoc>();
      for (const doc of await tasks.find({ $and: [scoped, byNumber] }, findOptions)) found.set(doc._id, doc);
      const test = parseFilter(scoped);
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        for (const doc of await tasks.find({ _id: { $in: ids.slice(i, i + IDS_PER_QUERY) } })) {
          if (matchesFilter(test, doc)) found.set(doc._id, doc);
        }
      }
      return [...found.values()].sort(compare).slice(0, findOptions.limit);
    },
    base,
    options,
  );
}
