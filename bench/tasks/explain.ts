/** Prints SQLite's plans for the task list filters (diagnostics for bench/tasks; run: npx tsx bench/tasks/explain.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { createTaskIndexes } from '../../server/tasks/repository.js';
import { taskListFilter, type TaskListQuery } from '../../server/tasks/task-list.js';
import type { TaskDoc } from '../../server/tasks/task.js';

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-explain-'));
const store = openSqliteStore({ file: join(dir, 't.db') });
const tasks = store.collection<TaskDoc>('tasks');
await createTaskIndexes(tasks);
await tasks.insertOne({ _id: 'x', candidateGroups: ['a', 'b'], ccUsers: ['u'] } as unknown as TaskDoc);
const caller = { userId: 'u1', groups: ['g1', 'g2'], scopePaths: ['/c/K1/'] };
const cases: Partial<TaskListQuery>[] = [
  { view: 'mine' },
  { view: 'groups' },
  { view: 'scope', sla: 'warning', sort: 'dueDate' },
  { view: 'scope', bpmnProcessId: 'urban-case', elementId: 'handle', sort: 'createdAt', order: 'desc' },
  { view: 'scope', text: 'case-00123' },
];
for (const c of cases) {
  const q = { view: 'mine', limit: 50, ...c } as TaskListQuery;
  const filter = taskListFilter(q, caller)!;
  const explain = (tasks as unknown as { explainFind(f: unknown, o: unknown): { plan: string[] } }).explainFind(filter, { sort: { [q.sort ?? 'createdAt']: q.order === 'desc' ? -1 : 1, _id: 1 }, limit: 51 });
  console.log(JSON.stringify(c), '\n  ', explain.plan.join('\n   '));
}
await store.close();
rmSync(dir, { recursive: true, force: true });
