import type { Collection, DocumentStore } from '../store/port.js';
import { TaskTermIndex } from './search-terms.js';
import { CASE_SUSPENSIONS_COLLECTION, TASK_VARIABLES_COLLECTION, TASK_NOTIFICATIONS_COLLECTION, TASKS_COLLECTION, type TaskDoc } from './task.js';

export interface TaskNotification {
  _id: string;
  userId: string;
  taskId: string;
  kind: 'urge' | 'cc' | 'extension';
  message: string;
  from: string;
  at: string;
  read: boolean;
  [key: string]: unknown;
}

/** The instance variables a user-task job was activated with, kept apart from the (listed) task document. */
export interface TaskVariables {
  _id: string;
  /** JSON text: nested arrays are not safe in every store adapter, and the variables are only ever read whole. */
  json: string;
  [key: string]: unknown;
}

export interface CaseSuspension {
  _id: string;
  by: string;
  reason: string;
  at: string;
  [key: string]: unknown;
}

/** The task collections and the indexes the list queries need (each view leads with its equality field). */
export class TaskRepository {
  readonly tasks: Collection<TaskDoc>;
  readonly notifications: Collection<TaskNotification>;
  readonly suspensions: Collection<CaseSuspension>;
  readonly variables: Collection<TaskVariables>;
  /** The text search's (term, task) rows. */
  readonly terms: TaskTermIndex;

  constructor(store: DocumentStore) {
    this.tasks = store.collection<TaskDoc>(TASKS_COLLECTION);
    this.notifications = store.collection<TaskNotification>(TASK_NOTIFICATIONS_COLLECTION);
    this.suspensions = store.collection<CaseSuspension>(CASE_SUSPENSIONS_COLLECTION);
    this.variables = store.collection<TaskVariables>(TASK_VARIABLES_COLLECTION);
    this.terms = new TaskTermIndex(store);
  }

  async init(): Promise<void> {
    await createTaskIndexes(this.tasks);
    await this.terms.init();
    await this.notifications.createIndex({ fields: { userId: 1, at: -1 } });
  }
}

export async function createTaskIndexes(tasks: Collection<TaskDoc>): Promise<void> {
  await tasks.createIndex({ fields: { assignee: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { queue: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { multiGroup: 1, state: 1 } });
  await tasks.createIndex({ fields: { unitPath: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { state: 1, dueDate: 1 } });
  // leads with followUpDate so that the planner never prefers it for list queries that filter by state
  await tasks.createIndex({ fields: { followUpDate: 1 } });
  await tasks.createIndex({ fields: { ccUsers: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { processInstanceKey: 1, state: 1 } });
  // the step and process filters of the scope view, then the subtree range; state and createdAt ride along so
  // that SQLite filters and sorts from the index entries instead of loading ~1,500 documents per page. Without
  // planner statistics, SQLite picked a shorter (process, unitPath) index over the (step, process, ...) one
  // whenever both existed, so there is no shorter variant.
  await tasks.createIndex({ fields: { elementId: 1, bpmnProcessId: 1, unitPath: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { elementId: 1, unitPath: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { bpmnProcessId: 1, unitPath: 1, state: 1, createdAt: 1 } });
  await tasks.createIndex({ fields: { caseKey: 1 } });
}
