/**
 * Task list benchmark (run: npx tsx bench/tasks/run.ts). 100k open task documents in a SQLite temp file,
 * spread over a city of 10 counties × 10 towns; the list queries of the task API (my tasks, my groups' tasks,
 * my scope with filters + sort + page, text prefix) through `listTasks`, p50/p95 in milliseconds — against a
 * baseline in the same run: the same queries on the same documents in a collection without the task indexes.
 * Prints one JSON object. Goal: p95 <= 100 ms for every query at 100k.
 * BENCH_TASKS=20000 changes the size; BENCH_ONLY=<words> runs only the queries whose name contains them.
 * Text queries: 'words of the case title' uses the task_terms rows (CJK bigrams) of the case titles.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import type { Collection } from '../../server/store/port.js';
import { createTaskIndexes, type TaskRepository } from '../../server/tasks/repository.js';
import { listTasks, type Caller, type TaskListQuery } from '../../server/tasks/task-list.js';
import { TaskTermIndex, termRows } from '../../server/tasks/search-terms.js';
import { groupFields, type TaskDoc } from '../../server/tasks/task.js';
import { latency, spread } from '../store/measure.js';

const SIZE = Number(process.env.BENCH_TASKS ?? 100_000);
const COUNTIES = 10;
const TOWNS = 10;
const USERS = 5000;
const STEPS = ['intake', 'dispatch', 'handle', 'review', 'close'];
const SLA = ['ok', 'ok', 'ok', 'warning', 'breached'] as const;
const BATCH = 1000;
const STREETS = ['人民路', '解放街', '建设大道', '中山路', '和平里', '幸福巷', '新华街', '光明路', '长江路', '黄河街'];
const THINGS = ['垃圾堆放', '占道经营', '噪音扰民', '井盖缺失', '路灯损坏', '违章搭建', '污水外溢', '车辆乱停'];

/** A case title such as 人民路17号附近井盖缺失: the text search indexes its bigrams. */
function caseTitle(i: number): string {
  return `${STREETS[spread(i, STREETS.length)]!}${spread(i + 3, 200)}号附近${THINGS[spread(i + 5, THINGS.length)]!}`;
}

function town(i: number): { id: string; path: string } {
  const county = i % COUNTIES;
  const t = Math.floor(i / COUNTIES) % TOWNS;
  return { id: `T${county}_${t}`, path: `/c/K${county}/T${county}_${t}/` };
}

function taskDoc(i: number): TaskDoc {
  // a multiplicative hash on the task number, so that the town does not move in step with i % 5 (step, SLA)
  const u = town(Math.floor(spread(i, 1_000_003) / 7) % (COUNTIES * TOWNS));
  const claimed = i % 3 !== 0;
  const created = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const caseId = `CASE-${String(i).padStart(7, '0')}`;
  const step = STEPS[i % STEPS.length]!;
  return {
    _id: `job-${i}`, jobKey: `job-${i}`, processInstanceKey: `pi-${i}`, bpmnProcessId: i % 4 === 0 ? 'dispute' : 'urban-case',
    elementId: step, elementInstanceKey: `ei-${i}`, caseId, title: `案件 ${step}`, category: ['市容', '环境', '纠纷', '安全'][i % 4]!,
    unitId: u.id, unitPath: u.path, formKey: null, formVersion: null, prefillMappingId: null, outputMappingId: null, fieldPermissions: null,
    formBindingError: null, caseTitle: caseTitle(i),
    assignee: claimed ? `u${spread(i, USERS)}` : null, candidateUsers: [], ...groupFields([`dept_handler@${u.id}`]),
    warnings: [], dueDate: new Date(Date.parse(created) + 5 * 86_400_000).toISOString(), followUpDate: null, priority: i % 100,
    sla: SLA[i % SLA.length]!, state: 'open', suspended: false, touched: false, previousTaskId: null, delegatedBy: null, signers: [],
    pendingVariables: null, ccUsers: i % 50 === 0 ? [`u${spread(i + 7, USERS)}`] : [], extension: null, urgeCount: 0,
    caseKey: caseId.toLowerCase(), createdAt: created, updatedAt: created, completedAt: null, completedBy: null,
  };
}

function queries(terms: TaskTermIndex): { name: string; run: (tasks: Collection<TaskDoc>, i: number) => Promise<number> }[] {
  const q = (query: Partial<TaskListQuery> & Pick<TaskListQuery, 'view'>, caller: (i: number) => Caller) => async (tasks: Collection<TaskDoc>, i: number) =>
    (await listTasks({ tasks, terms } as TaskRepository, { limit: 50, ...query }, caller(i))).items.length;
  const user = (i: number): Caller => ({ userId: `u${spread(i, USERS)}`, groups: [], scopePaths: [] });
  const grouped = (i: number): Caller => {
    const a = town(spread(i, 100));
    const b = town(spread(i + 1, 100));
    return { userId: 'x', groups: [`dept_handler@${a.id}`, `unit:${a.id}`, `dept_handler@${b.id}`], scopePaths: [] };
  };
  const county = (i: number): Caller => ({ userId: 'x', groups: [], scopePaths: [`/c/K${i % COUNTIES}/`] });
  return [
    { name: 'mine (assignee, sorted by created)', run: q({ view: 'mine' }, user) },
    { name: 'groups (candidate groups, unclaimed)', run: q({ view: 'groups' }, grouped) },
    { name: 'scope (county subtree, sla=warning, by due date)', run: q({ view: 'scope', sla: 'warning', sort: 'dueDate', order: 'asc' }, county) },
    { name: 'scope (county subtree, process + step, newest first)', run: q({ view: 'scope', bpmnProcessId: 'urban-case', elementId: 'handle', sort: 'createdAt', order: 'desc' }, county) },
    { name: 'scope (county subtree, text prefix of case id)', run: async (tasks, i) => q({ view: 'scope', text: `case-00${String(spread(i, 1000)).padStart(3, '0')}` }, county)(tasks, i) },
    { name: 'scope (county subtree, words of the case title)', run: async (tasks, i) => q({ view: 'scope', text: `${STREETS[spread(i, STREETS.length)]!.slice(0, 2)} ${THINGS[spread(i + 1, THINGS.length)]!}` }, county)(tasks, i) },
    { name: 'whole city, created in a week, second page', run: async (tasks, i) => {
      const query: TaskListQuery = { view: 'scope', createdFrom: '2026-01-20T00:00:00Z', createdTo: '2026-01-27T00:00:00Z', sort: 'createdAt', limit: 50 };
      const repo = { tasks, terms } as TaskRepository;
      const caller = { userId: 'x', groups: [], scopePaths: ['/c/'] };
      const first = await listTasks(repo, query, caller);
      return (await listTasks(repo, { ...query, cursor: first.nextCursor }, caller)).items.length + i * 0;
    } },
  ];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-tasks-'));
  const store = await openSqliteStore({ file: join(dir, 'tasks.db') });
  try {
    const indexed = store.collection<TaskDoc>('tasks');
    const plain = store.collection<TaskDoc>('tasks_unindexed');
    await createTaskIndexes(indexed);
    const terms = new TaskTermIndex(store, 'bench_task_terms');
    await terms.init();
    const loadStart = performance.now();
    for (let from = 0; from < SIZE; from += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, SIZE - from) }, (_, k) => taskDoc(from + k));
      await indexed.insertMany(docs);
      await plain.insertMany(docs);
      await terms.terms.insertMany(docs.flatMap((doc) => termRows(doc._id, doc.unitPath, doc.caseTitle ?? '')));
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const results = [];
    for (const query of queries(terms).filter((q) => !process.env.BENCH_ONLY || q.name.includes(process.env.BENCH_ONLY))) {
      let found = 0;
      const withIndexes = await latency(300, async (i) => (found += await query.run(indexed, i)), 30);
      const baseline = await latency(15, (i) => query.run(plain, i), 2);
      results.push({ query: query.name, indexed: withIndexes, baselineNoIndexes: baseline, speedupP95: Math.round((baseline.p95 / Math.max(withIndexes.p95, 0.001)) * 10) / 10, avgItems: Math.round(found / 330) });
    }
    const worstP95 = Math.max(...results.map((r) => r.indexed.p95));
    console.log(JSON.stringify({
      bench: 'tasks', store: 'sqlite', openTasks: SIZE, loadSeconds: Math.round(loadSeconds * 10) / 10, cpus: cpus().length, node: process.version,
      goal: { p95Ms: 100 }, worstP95Ms: worstP95, meetsGoal: worstP95 <= 100, results,
    }, null, 2));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
