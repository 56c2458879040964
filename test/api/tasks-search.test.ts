/**
 * The task list's text search at volume, through HTTP on every store: more matching tasks than one query may
 * name (ids are queried in chunks and merged), paged by cursor without gaps or repeats, in the requested order,
 * within the caller's scope only. Tasks are seeded straight into the task collections, as the projector writes them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { termRows } from '../../server/tasks/search-terms.js';
import { groupFields, type TaskDoc } from '../../server/tasks/task.js';
import { availableStores } from '../support/stores.js';
import { startHarness, type Harness } from './security/harness.js';

const stores = await availableStores();
/**
 * More matches than one id query may name (chunks of 250). SQLite gets 620 (three chunks, seven pages); the
 * Mongo-wire FerretDB, where each page costs ~250 primary-key lookups per chunk, gets 320 — still two chunks —
 * so that the suite stays bounded on a loaded 2-core CI machine.
 */
const matchingOn = (store: string) => (store === 'sqlite' ? 620 : 320);

function task(i: number, assignee: string, unit: { id: string; path: string }, title: string): TaskDoc {
  const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
  return {
    _id: `seed-${String(i).padStart(5, '0')}`, jobKey: `seed-${i}`, processInstanceKey: `pi-${i}`, bpmnProcessId: 'urban-case', elementId: 'handle', elementInstanceKey: `ei-${i}`,
    caseId: `CASE-S${i}`, title: '处置', category: null, unitId: unit.id, unitPath: unit.path, formKey: null, formVersion: null, prefillMappingId: null, outputMappingId: null,
    fieldPermissions: null, formBindingError: null, caseTitle: title, assignee, candidateUsers: [], ...groupFields([]), warnings: [], dueDate: null, followUpDate: null,
    priority: (i * 37) % 100, sla: 'ok', state: 'open', suspended: false, touched: false, previousTaskId: null, delegatedBy: null, signers: [], pendingVariables: null,
    ccUsers: [], extension: null, urgeCount: 0, caseKey: `case-s${i}`, createdAt: at, updatedAt: at, completedAt: null, completedBy: null,
  };
}

describe.each(stores.map((s) => [s.name, s] as const))('task text search at volume on %s', (name, storeDef) => {
  const MATCHING = matchingOn(name);
  let h: Harness;
  let head: string;
  let headB: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('headA', 'A', 'dept_head');
    await h.user('headB', 'B', 'dept_head');
    head = await h.login('headA');
    headB = await h.login('headB');
    const a1 = { id: 'A1', path: '/c/A/A1/' };
    const docs = Array.from({ length: MATCHING + 200 }, (_, i) => task(i, 'nobody', a1, i < MATCHING ? `人民路${i}号垃圾堆放` : `解放街${i}号噪音扰民`));
    docs.push(task(9999, 'nobody', { id: 'B1', path: '/c/B/B1/' }, '人民路垃圾堆放 (乙县)'));
    const { repo } = h.server.tasks;
    await repo.tasks.insertMany(docs);
    await repo.terms.terms.insertMany(docs.flatMap((d) => termRows(d._id, d.unitPath, d.caseTitle ?? '')));
  }, 120_000);
  afterAll(async () => h?.close());

  const pages = async (cookie: string, query: string) => {
    const seen: { _id: string; priority: number }[] = [];
    let cursor: string | null = null;
    do {
      const res = await h.call('get', `/api/tasks?view=scope&limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie });
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { _id: string; priority: number }[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return seen;
  };

  it('finds every one of more matching tasks than one query may name, paged without gaps or repeats, in order', async () => {
    const found = await pages(head, `text=${encodeURIComponent('人民路 垃圾')}&sort=priority&order=desc`);
    expect(found).toHaveLength(MATCHING);
    expect(new Set(found.map((t) => t._id)).size).toBe(MATCHING);
    const priorities = found.map((t) => t.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  }, 300_000); // FerretDB: pages of ~250 primary-key lookups per chunk, slow on a loaded machine

  it('the other county\'s head finds only its own matching task', async () => {
    expect((await pages(headB, `text=${encodeURIComponent('垃圾堆放')}`)).map((t) => t._id)).toEqual(['seed-09999']);
  });
});
