import { get, post } from '../api.js';
import { ask, type DialogField } from '../dialog.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { Task } from './types.js';

/** 退回 targets: the user-task steps this instance has completed, other than the current one (asked of the task API). */
export async function returnTargets(task: Task): Promise<{ value: string; label: string }[]> {
  const answer = await get<{ items: { elementId: string; title: string }[] }>(`/api/tasks/${encodeURIComponent(task._id)}/return-targets`);
  return answer.items.map((s) => ({ value: s.elementId, label: `${s.title}（${s.elementId}）` }));
}

const reason = (): DialogField => ({ name: 'reason', label: t('reason'), kind: 'textarea' });
const list = (s: string) => s.split(/[,，\s]+/).filter(Boolean);

export interface Operation {
  key: MessageKey;
  /** Asks what it needs and calls the API; resolves false when the user cancelled. */
  run(task: Task): Promise<boolean>;
}

async function op(title: MessageKey, fields: DialogField[], call: (v: Record<string, string>) => Promise<unknown>): Promise<boolean> {
  const v = await ask(t(title), fields);
  if (!v) return false;
  await call(v);
  return true;
}

/** Every task operation of #6 as a button: each asks its reason/target in a dialog. */
export const OPERATIONS: Operation[] = [
  {
    key: 'task.return',
    run: async (task) => {
      const targets = await returnTargets(task);
      return op('task.return', [{ name: 'elementId', label: t('task.return.target'), kind: 'select', options: targets }, reason()],
        (v) => post(`/api/tasks/${task._id}/return`, { elementId: v.elementId, reason: v.reason }));
    },
  },
  { key: 'task.transfer', run: (task) => op('task.transfer', [{ name: 'userId', label: t('task.userId'), required: false }, { name: 'unitId', label: t('task.unitId'), required: false }, reason()], (v) => post(`/api/tasks/${task._id}/transfer`, { userId: v.userId || undefined, unitId: v.unitId || undefined, reason: v.reason })) },
  { key: 'task.delegate', run: (task) => op('task.delegate', [{ name: 'userId', label: t('task.userId') }, reason()], (v) => post(`/api/tasks/${task._id}/delegate`, { userId: v.userId, reason: v.reason })) },
  {
    key: 'task.countersign',
    run: (task) => op('task.countersign', [{ name: 'userIds', label: t('task.userIds') }, { name: 'position', label: t('task.position'), kind: 'select', options: [{ value: 'before', label: '前加签 before' }, { value: 'after', label: '后加签 after' }] }, reason()],
      (v) => post(`/api/tasks/${task._id}/countersign`, { userIds: list(v.userIds!), position: v.position, reason: v.reason })),
  },
  { key: 'task.cc', run: (task) => op('task.cc', [{ name: 'userIds', label: t('task.userIds'), required: false }, { name: 'unitIds', label: t('task.unitId'), required: false }, reason()], (v) => post(`/api/tasks/${task._id}/cc`, { userIds: list(v.userIds!), unitIds: list(v.unitIds!), note: v.reason })) },
  { key: 'task.withdraw', run: (task) => op('task.withdraw', [reason()], (v) => post(`/api/tasks/${task._id}/withdraw`, { reason: v.reason })) },
  { key: 'task.urge', run: (task) => op('task.urge', [{ name: 'message', label: t('reason'), kind: 'textarea' }], (v) => post(`/api/tasks/${task._id}/urge`, { message: v.message })) },
  { key: 'task.extension', run: (task) => op('task.extension', [{ name: 'days', label: t('task.days'), kind: 'number', value: '3' }, reason()], (v) => post(`/api/tasks/${task._id}/extension`, { days: Number(v.days), reason: v.reason })) },
  { key: 'task.suspend', run: (task) => op('task.suspend', [reason()], (v) => post(`/api/task-cases/${task.processInstanceKey}/suspend`, { reason: v.reason })) },
  { key: 'task.resume', run: (task) => op('task.resume', [reason()], (v) => post(`/api/task-cases/${task.processInstanceKey}/resume`, { reason: v.reason })) },
];
