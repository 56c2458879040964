/**
 * The words of the task list's text search. SQLite indexes scalar paths only, so a task's searchable text is
 * kept as one row per (term, task) in `task_terms`, indexed by term. Chinese has no spaces: runs of CJK
 * characters become overlapping character bigrams (a common approach for CJK full-text search); runs of
 * letters/digits become lower-cased words. A query matches the tasks holding every term of the query.
 * Reporter names and phones are deliberately not indexed.
 */
import type { Collection, DocumentStore } from '../store/port.js';

export const TASK_TERMS_COLLECTION = 'task_terms';
/** Longer texts (descriptions) are indexed up to here: enough to find a case, bounded per task. */
const MAX_TEXT = 400;
/** A term held by more tasks than this is too unselective to fetch whole (see `match`). */
const MAX_IDS_PER_TERM = 2000;

export interface TaskTerm {
  _id: string;
  term: string;
  taskId: string;
  /** The task's case unit path (fixed for a task's life): a scoped search reads only its subtree's holders. */
  unitPath: string;
  [key: string]: unknown;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/u;

/** The distinct terms of a text: CJK bigrams (a lone CJK character stays itself), lower-cased words. */
export function termsOf(text: string): string[] {
  const terms = new Set<string>();
  for (const run of text.slice(0, MAX_TEXT).toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|(?:(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu) ?? []) {
    if (!CJK.test(run[0]!)) {
      terms.add(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
  }
  return [...terms];
}

/** The (term, task) rows of one task's text. */
export function termRows(taskId: string, unitPath: string, text: string): TaskTerm[] {
  return termsOf(text).map((term) => ({ _id: `${taskId} ${term}`, term, taskId, unitPath }));
}

export function searchableText(variables: Record<string, unknown>): string {
  const location = variables.location as { address?: unknown } | undefined;
  return [variables.title, variables.caseTitle, variables.description, variables.address, location?.address]
    .filter((v): v is string => typeof v === 'string')
    .join(' ');
}

export class TaskTermIndex {
  readonly terms: Collection<TaskTerm>;
  constructor(store: DocumentStore, collection = TASK_TERMS_COLLECTION) {
    this.terms = store.collection<TaskTerm>(collection);
  }

  async init(): Promise<void> {
    await this.terms.createIndex({ fields: { term: 1, taskId: 1 } });
    await this.terms.createIndex({ fields: { term: 1, unitPath: 1 } });
  }

  async index(taskId: string, unitPath: string, text: string): Promise<void> {
    const rows = termRows(taskId, unitPath, text);
    if (!rows.length) return;
    try {
      await this.terms.insertMany(rows);
    } catch (err) {
      if ((err as { code?: string }).code !== 'store.duplicate_key') throw err; // indexed by another server
    }
  }

  /**
   * Ids of tasks holding every term of the query; null when the query has no terms (e.g. one CJK character),
   * so that the caller matches on the case number only. Terms held by at most MAX_IDS_PER_TERM tasks are
   * intersected; the candidates are then checked against the commoner terms. When every term is that common,
   * the search runs among the newest MAX_IDS_PER_TERM holders of each (job keys grow over time). `withinPaths`:
   * only holders whose case unit lies in these subtrees (the scope view's, or the area filter).
   */
  async match(query: string, withinPaths?: string[]): Promise<string[] | null> {
    const terms = termsOf(query);
    if (!terms.length) return null;
    const holders: { term: string; ids: string[]; complete: boolean }[] = [];
    for (const term of terms) {
      const scoped = withinPaths ? { term, $or: withinPaths.map((p) => ({ unitPath: { $gte: p, $lt: `${p}\uffff` } })) } : { term };
      const rows = await this.terms.find(scoped, { projection: { taskId: 1 }, sort: { taskId: -1, _id: -1 }, limit: MAX_IDS_PER_TERM + 1 });
      if (rows.length === 0) return [];
      holders.push({ term, ids: rows.slice(0, MAX_IDS_PER_TERM).map((r) => r.taskId), complete: rows.length <= MAX_IDS_PER_TERM });
    }
    const exact = holders.filter((h) => h.complete);
    const narrowing = (exact.length ? exact : holders).sort((a, b) => a.ids.length - b.ids.length);
    let candidates = narrowing[0]!.ids;
    for (const other of narrowing.slice(1)) {
      const set = new Set(other.ids);
      candidates = candidates.filter((id) => set.has(id));
    }
    if (!exact.length) return candidates;
    for (const common of holders.filter((h) => !h.complete)) candidates = await this.holding(common.term, candidates);
    return candidates;
  }

  /** Those of the candidates that hold the term (looked up by (term, taskId), in chunks SQLite accepts). */
  private async holding(term: string, candidates: string[]): Promise<string[]> {
    const held = new Set<string>();
    for (let i = 0; i < candidates.length; i += 250) {
      const rows = await this.terms.find({ term, taskId: { $in: candidates.slice(i, i + 250) } }, { projection: { taskId: 1 } });
      rows.forEach((r) => held.add(r.taskId));
    }
    return candidates.filter((id) => held.has(id));
  }
}
