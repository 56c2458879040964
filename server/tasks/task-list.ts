/**
 * The task list queries: my tasks, my groups' tasks, everything in my scope, and what was cc'd to me;
 * filters, sort and cursor pagination through the store's `findPage`. Each view leads with the field its
 * index starts with (assignee / candidateGroups / unitPath / ccUsers) so that SQLite does not scan.
 */
import type { Filter, Page } from '../store/port.js';
import type { TaskRepository } from './repository.js';
import { findPageOfMatchedIds } from './text-page.js';
import { ACTIVE_STATES, FINAL_STATES, type SlaState, type TaskDoc } from './task.js';

export type TaskView = 'mine' | 'groups' | 'scope' | 'cc';

export interface TaskListQuery {
  view: TaskView;
  bpmnProcessId?: string;
  elementId?: string;
  sla?: SlaState;
  category?: string;
  /** Unit id whose subtree the case unit must be in. */
  areaPath?: string;
  createdFrom?: string;
  createdTo?: string;
  dueBefore?: string;
  /** Case number prefix (case-insensitive) or words of the case's title/description/address. */
  text?: string;
  sort?: 'createdAt' | 'dueDate' | 'priority';
  order?: 'asc' | 'desc';
  limit: number;
  cursor?: string | null;
}

export interface Caller {
  userId: string;
  groups: string[];
  /** Unit subtree paths where the caller may read tasks. */
  scopePaths: string[];
}

/** Strings starting with `prefix` sort between it and it + U+FFFF: a range SQLite answers from an index. */
function prefixRange(prefix: string): { $gte: string; $lt: string } {
  return { $gte: prefix, $lt: `${prefix}\uffff` };
}

/** Unit paths end with `/`, so every path of the subtree sorts between `path` and `path` + U+FFFF. */
function subtreeRange(path: string): Filter {
  return { unitPath: prefixRange(path) };
}

/** `textIds`: the tasks whose indexed words hold every term of `q.text` (null: the text has no terms). */
export function taskListFilter(q: TaskListQuery, caller: Caller, textIds: string[] | null = null, omitText = false): Filter | null {
  const and: Filter[] = [];
  switch (q.view) {
    case 'mine':
      and.push({ assignee: caller.userId, state: { $in: ACTIVE_STATES } });
      break;
    case 'groups':
      if (!caller.groups.length) return null;
      and.push({ $or: [{ queue: { $in: caller.groups } }, { multiGroup: true, candidateGroups: { $in: caller.groups } }], state: 'open', assignee: null });
      break;
    case 'scope':
      if (!caller.scopePaths.length) return null;
      // a path range instead of an anchored regex: SQLite uses the unitPath index for ranges only
      // with a text prefix, the state test is written so that SQLite cannot pick the (weak) state index over
      // the case-number range; both forms select the same tasks
      and.push({ $or: caller.scopePaths.map(subtreeRange), state: q.text ? { $nin: FINAL_STATES } : { $in: ACTIVE_STATES } });
      break;
    case 'cc':
      and.push({ ccUsers: caller.userId });
      break;
  }
  if (q.bpmnProcessId) and.push({ bpmnProcessId: q.bpmnProcessId });
  if (q.elementId) and.push({ elementId: q.elementId });
  if (q.sla) and.push({ sla: q.sla });
  if (q.category) and.push({ category: q.category });
  if (q.areaPath) and.push(subtreeRange(q.areaPath));
  if (q.createdFrom) and.push({ createdAt: { $gte: q.createdFrom } });
  if (q.createdTo) and.push({ createdAt: { $lte: q.createdTo } });
  if (q.dueBefore) and.push({ dueDate: { $lte: q.dueBefore } });
  // omitText: the rest of a text query's filter (still in the form that keeps SQLite on the case-number index)
  if (q.text && !omitText) and.push(textFilter(q.text, textIds ?? []));
  return and.length === 1 ? and[0]! : { $and: and };
}

/** The subtrees a text search may read term holders from: the area filter, else the scope view's paths. */
function termScope(q: TaskListQuery, caller: Caller): string[] | undefined {
  if (q.areaPath) return [q.areaPath];
  return q.view === 'scope' ? caller.scopePaths : undefined;
}

/** Case number prefix, or one of the tasks whose words matched. */
function textFilter(text: string, ids: string[]): Filter {
  const byNumber = { caseKey: prefixRange(text.toLowerCase()) };
  return ids.length ? { $or: [byNumber, { _id: { $in: ids } }] } : byNumber;
}

export async function listTasks(repo: TaskRepository, q: TaskListQuery, caller: Caller): Promise<Page<TaskDoc>> {
  const textIds = q.text ? await repo.terms.match(q.text, termScope(q, caller)) : null;
  const filter = taskListFilter(q, caller, textIds);
  if (!filter) return { items: [], nextCursor: null };
  const sort = { [q.sort ?? 'createdAt']: q.order === 'desc' ? -1 : 1 } as Record<string, 1 | -1>;
  const options = { sort, limit: q.limit, cursor: q.cursor ?? null };
  if (q.text && textIds?.length) {
    return findPageOfMatchedIds(repo.tasks, taskListFilter(q, caller, null, true)!, textFilter(q.text, []), textIds, options);
  }
  return repo.tasks.findPage(filter, options);
}
