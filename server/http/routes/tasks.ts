import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { principalOf } from '../../authz/guard.js';
import { commandContext } from '../../identity/context.js';
import type { SecurityServices } from '../../identity/services.js';
import type { TaskServices } from '../../tasks/index.js';
import { listTasks } from '../../tasks/task-list.js';

const idParams = z.object({ id: z.string().min(1).max(64) });
const reason = z.string().max(2000).default('');
const task = z.record(z.string(), z.unknown());
const page = z.object({ items: z.array(task), nextCursor: z.string().nullable() });

const listQuery = z.object({
  view: z.enum(['mine', 'groups', 'scope', 'cc']).default('mine'),
  bpmnProcessId: z.string().max(128).optional(),
  elementId: z.string().max(128).optional(),
  sla: z.enum(['ok', 'warning', 'breached']).optional(),
  category: z.string().max(128).optional(),
  area: z.string().max(64).optional().describe('unit id: tasks of cases in its subtree'),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  dueBefore: z.iso.datetime({ offset: true }).optional(),
  text: z.string().max(100).optional().describe('case number prefix (case-insensitive), or words of the case title/description/address (Chinese: any two adjacent characters)'),
  sort: z.enum(['createdAt', 'dueDate', 'priority']).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

type Op = { path: string; id: string; summary: string; action: string; body: z.ZodType; run: (t: TaskServices, req: Parameters<typeof principalOf>[0], id: string, body: never) => Promise<unknown> };

/** The task list and the task operations; every operation names the acting user's reason in the audit log. */
export function taskRoutes(s: SecurityServices, t: TaskServices): RouteDef[] {
  const svc = t.service;
  const ops: Op[] = [
    { path: 'claim', id: 'claimTask', summary: '认领: claim a task you are a candidate of.', action: 'claim', body: z.object({}).default({}), run: (_t, req, id) => svc.claim(principalOf(req), id, commandContext(req)) },
    { path: 'unclaim', id: 'unclaimTask', summary: 'Give a claimed task back to its candidates.', action: 'claim', body: z.object({}).default({}), run: (_t, req, id) => svc.unclaim(principalOf(req), id, commandContext(req)) },
    {
      path: 'complete', id: 'completeTask', summary: '完成: complete your task with its form submission (or variables).', action: 'complete',
      body: z.object({ variables: z.record(z.string(), z.unknown()).default({}), comment: reason }),
      run: (_t, req, id, b: { variables: Record<string, unknown>; comment: string }) => svc.complete(principalOf(req), id, b.variables, b.comment, commandContext(req)),
    },
    { path: 'sign', id: 'signTask', summary: '加签 signer signs.', action: 'complete', body: z.object({ comment: reason }), run: (_t, req, id, b: { comment: string }) => svc.sign(principalOf(req), id, b.comment, commandContext(req)) },
    {
      path: 'return', id: 'returnTask', summary: '退回: return the case to an earlier user-task step of this instance.', action: 'return',
      body: z.object({ elementId: z.string().min(1).max(128), reason: z.string().min(1).max(2000) }),
      run: (_t, req, id, b: { elementId: string; reason: string }) => svc.returnTo(principalOf(req), id, b.elementId, b.reason, commandContext(req)),
    },
    {
      path: 'withdraw', id: 'withdrawTask', summary: '撤回: the previous assignee pulls back this (next) task while it is untouched.', action: 'withdraw',
      body: z.object({ reason: z.string().min(1).max(2000) }),
      run: (_t, req, id, b: { reason: string }) => svc.withdraw(principalOf(req), id, b.reason, commandContext(req)),
    },
    {
      path: 'transfer', id: 'transferTask', summary: '转办: hand the task to another user or unit.', action: 'transfer',
      body: z.object({ userId: z.string().max(64).optional(), unitId: z.string().max(64).optional(), reason: z.string().min(1).max(2000) }),
      run: (_t, req, id, b: { userId?: string; unitId?: string; reason: string }) => svc.transfer(principalOf(req), id, { userId: b.userId, unitId: b.unitId }, b.reason, commandContext(req)),
    },
    {
      path: 'delegate', id: 'delegateTask', summary: '委派: delegate; the delegate completing returns it to you for confirmation.', action: 'delegate',
      body: z.object({ userId: z.string().min(1).max(64), reason }),
      run: (_t, req, id, b: { userId: string; reason: string }) => svc.delegate(principalOf(req), id, b.userId, b.reason, commandContext(req)),
    },
    {
      path: 'countersign', id: 'countersignTask', summary: '加签: add signers before or after you.', action: 'countersign',
      body: z.object({ userIds: z.array(z.string().min(1).max(64)).min(1).max(20), position: z.enum(['before', 'after']), reason }),
      run: (_t, req, id, b: { userIds: string[]; position: 'before' | 'after'; reason: string }) => svc.countersign(principalOf(req), id, b.userIds, b.position, b.reason, commandContext(req)),
    },
    {
      path: 'cc', id: 'ccTask', summary: '抄送: read-only copies to users and units.', action: 'cc',
      body: z.object({ userIds: z.array(z.string().max(64)).max(100).optional(), unitIds: z.array(z.string().max(64)).max(50).optional(), note: reason }),
      run: (_t, req, id, b: { userIds?: string[]; unitIds?: string[]; note: string }) => svc.cc(principalOf(req), id, b, b.note, commandContext(req)),
    },
    { path: 'urge', id: 'urgeTask', summary: '催办: notify whoever must act.', action: 'urge', body: z.object({ message: reason }), run: (_t, req, id, b: { message: string }) => svc.urge(principalOf(req), id, b.message, commandContext(req)) },
    {
      path: 'extension', id: 'requestTaskExtension', summary: '延期申请: ask for more days.', action: 'extend',
      body: z.object({ days: z.number().int().min(1).max(365), reason: z.string().min(1).max(2000) }),
      run: (_t, req, id, b: { days: number; reason: string }) => svc.requestExtension(principalOf(req), id, b.days, b.reason, commandContext(req)),
    },
  ];
  return [
    defineRoute({
      method: 'get', path: '/api/tasks', operationId: 'listTasks', tags: ['tasks'],
      summary: 'Task list: my tasks, my groups\' tasks, everything in my scope, or cc\'d to me; filters, sort, cursor pages.',
      access: { object: 'task', action: 'read' }, query: listQuery, response: page,
      handler: async ({ query, req }) => {
        const p = principalOf(req);
        const areaPath = query.area ? s.org.require(query.area).path : undefined;
        const caller = { userId: p.id, groups: query.view === 'groups' ? await t.dir.groupsOf(p.id) : [], scopePaths: s.authz.scope(p, 'task', 'read') };
        return listTasks(t.repo, { ...query, areaPath, cursor: query.cursor ?? null }, caller);
      },
    }),
    defineRoute({
      method: 'get', path: '/api/tasks/notifications', operationId: 'taskNotifications', tags: ['tasks'],
      summary: 'My inbox: 催办 and 抄送 notifications, newest first.', access: { object: 'task', action: 'read' },
      query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), cursor: z.string().max(512).optional() }),
      handler: async ({ query, req }) => t.repo.notifications.findPage({ userId: principalOf(req).id }, { sort: { at: -1 }, limit: query.limit, cursor: query.cursor ?? null }),
    }),
    defineRoute({
      method: 'get', path: '/api/tasks/:id', operationId: 'getTask', tags: ['tasks'], summary: 'One task.',
      access: { object: 'task', action: 'read' }, params: idParams, response: task,
      handler: async ({ params, req }) => svc.get(principalOf(req), params.id),
    }),
    ...ops.map((op) =>
      defineRoute({
        method: 'post', path: `/api/tasks/:id/${op.path}`, operationId: op.id, tags: ['tasks'], summary: op.summary,
        access: { object: 'task', action: op.action }, params: idParams, body: op.body, response: task,
        handler: async ({ params, body, req }) => (await op.run(t, req, params.id, body as never)) as Record<string, unknown>,
      }),
    ),
    defineRoute({
      method: 'get', path: '/api/tasks/:id/return-targets', operationId: 'getTaskReturnTargets', tags: ['tasks'],
      summary: '退回 targets: the user-task steps this task\'s instance has completed before, oldest first (the clerk needs no instance history access).',
      access: { object: 'task', action: 'read' }, params: idParams,
      response: z.object({ items: z.array(z.object({ elementId: z.string(), title: z.string(), completedAt: z.string().nullable() })) }),
      handler: async ({ params, req }) => {
        const current = (await svc.get(principalOf(req), params.id)) as unknown as { processInstanceKey: string; elementId: string };
        const done = await t.repo.tasks.find({ processInstanceKey: current.processInstanceKey, state: 'completed' }, { sort: { completedAt: 1 }, limit: 500 });
        const steps = new Map<string, { elementId: string; title: string; completedAt: string | null }>();
        for (const d of done) if (d.elementId !== current.elementId) steps.set(d.elementId, { elementId: d.elementId, title: d.title, completedAt: d.completedAt });
        return { items: [...steps.values()] };
      },
    }),
    defineRoute({
      method: 'get', path: '/api/tasks/:id/form', operationId: 'getTaskForm', tags: ['tasks'],
      summary: 'The task\'s form: the bound version\'s definition, the prefill (through the step\'s variables → prefill mapping) and the step\'s field permissions.',
      access: { object: 'task', action: 'read' }, params: idParams,
      response: z.object({
        formKey: z.string(), version: z.number(), hash: z.string(), title: z.string(),
        definition: z.looseObject({ components: z.array(z.looseObject({})) }),
        prefill: z.record(z.string(), z.unknown()),
        fieldPermissions: z.record(z.string(), z.enum(['editable', 'readonly', 'hidden'])),
      }),
      handler: async ({ params, req }) => svc.form(principalOf(req), params.id),
    }),
    defineRoute({
      method: 'post', path: '/api/tasks/:id/extension/decide', operationId: 'decideTaskExtension', tags: ['tasks'],
      summary: 'Approve or reject a pending 延期申请; approval moves the due date.', access: { object: 'task.extension', action: 'approve' },
      params: idParams, body: z.object({ approve: z.boolean(), reason }), response: task,
      handler: async ({ params, body, req }) => svc.decideExtension(principalOf(req), params.id, body.approve, body.reason, commandContext(req)),
    }),
    defineRoute({
      method: 'post', path: '/api/task-cases/:processInstanceKey/:op', operationId: 'suspendOrResumeCase', tags: ['tasks'],
      summary: '挂起/恢复: suspend or resume the case; its tasks cannot be operated while suspended.', access: { object: 'task', action: 'suspend' },
      params: z.object({ processInstanceKey: z.string().min(1).max(64), op: z.enum(['suspend', 'resume']) }), body: z.object({ reason: z.string().min(1).max(2000) }),
      response: z.object({ tasks: z.number() }),
      handler: async ({ params, body, req }) => svc.setSuspended(principalOf(req), params.processInstanceKey, params.op === 'suspend', body.reason, commandContext(req)),
    }),
  ];
}
