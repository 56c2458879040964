/**
 * A task document: one job-based user task of a process instance, as the task list and the Chinese task
 * operations see it. `_id` is the engine's job key, so projecting the same job twice is a no-op.
 */
export const TASKS_COLLECTION = 'tasks';
export const TASK_NOTIFICATIONS_COLLECTION = 'task_notifications';
export const CASE_SUSPENSIONS_COLLECTION = 'task_case_suspensions';
export const TASK_VARIABLES_COLLECTION = 'task_variables';

/**
 * open: waiting for its assignee or a candidate; delegated: with the delegate (委派), returns to the delegator;
 * countersigning: the assignee completed, added signers (加签 after) still have to sign; the rest are final.
 */
export type TaskState = 'open' | 'delegated' | 'countersigning' | 'completed' | 'returned' | 'withdrawn' | 'cancelled';
export const ACTIVE_STATES: TaskState[] = ['open', 'delegated', 'countersigning'];
export const FINAL_STATES: TaskState[] = ['completed', 'returned', 'withdrawn', 'cancelled'];

/** The indexed group fields that go with a list of candidate groups. */
export function groupFields(candidateGroups: string[]): { candidateGroups: string[]; queue: string | null; multiGroup: boolean } {
  return { candidateGroups, queue: candidateGroups.length === 1 ? candidateGroups[0]! : null, multiGroup: candidateGroups.length > 1 };
}

export type SlaState = 'ok' | 'warning' | 'breached';

export interface Signer {
  userId: string;
  position: 'before' | 'after';
  signed: boolean;
  comment?: string;
}

export interface ExtensionRequest {
  requestedBy: string;
  days: number;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
}

export interface TaskDoc {
  _id: string;
  jobKey: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  elementId: string;
  elementInstanceKey: string;
  caseId: string;
  title: string;
  category: string | null;
  /** The case's unit (from the instance variable `unitId`); scope queries and permissions use its path. */
  unitId: string;
  unitPath: string;
  formKey: string | null;
  /** The form version this task uses (see form-binding.ts); null = newest published at use. */
  formVersion: number | null;
  prefillMappingId: string | null;
  outputMappingId: string | null;
  fieldPermissions: Record<string, 'editable' | 'readonly' | 'hidden'> | null;
  formBindingError: string | null;
  /** The case's title (instance variable `title`/`caseTitle`), shown in lists and searched. */
  caseTitle: string | null;
  assignee: string | null;
  candidateUsers: string[];
  /** `role@unitId` (holders of that role at that unit) or `unit:unitId` (anyone with a role there). */
  candidateGroups: string[];
  /**
   * The candidate group as a plain field when there is exactly one (the usual case: a rule's group, the
   * dispatcher queue, a unit after 转办): SQLite indexes scalar paths, not array elements.
   */
  queue: string | null;
  /** More than one candidate group: the groups view also looks at `candidateGroups` of these few. */
  multiGroup: boolean;
  /** Why the assignment rules found nobody, when the task went to the dispatcher queue instead. */
  warnings: string[];
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  sla: SlaState;
  state: TaskState;
  suspended: boolean;
  /** Set by any operation other than projection: 撤回 is allowed only while the next task is untouched. */
  touched: boolean;
  /** The task of this instance completed just before this one was created (for 撤回). */
  previousTaskId: string | null;
  delegatedBy: string | null;
  signers: Signer[];
  /** Variables the assignee submitted while 加签 signers still have to sign. */
  pendingVariables: Record<string, unknown> | null;
  ccUsers: string[];
  extension: ExtensionRequest | null;
  /** The step's longest 延期 in working days (task header `maxExtensionDays`, e.g. 12345 办理: 10); absent = no limit. */
  maxExtensionDays?: number | null;
  urgeCount: number;
  /** Lower-cased tracking number (or case id): the text filter is an indexed prefix range on it. */
  caseKey: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  completedBy: string | null;
  [key: string]: unknown;
}
