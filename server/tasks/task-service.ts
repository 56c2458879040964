/**
 * The task operations (认领/完成/退回/转办/委派/加签/抄送/撤回/催办/延期/挂起). Each one is authorised (Casbin
 * object `task` + the action at the task's unit, plus the task-level rule), validated against the task's
 * state, applied with compare-and-set on the document, and audited with who and why.
 */
import type { WorkflowEngine } from '../../engine/index.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { AuthzService } from '../authz/authz-service.js';
import { ProblemError } from '../http/problems.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Principal } from '../identity/principal.js';
import type { SecurityDirectory } from './directory.js';
import type { TaskProjector } from './projector.js';
import type { TaskRepository } from './repository.js';
import { ACTIVE_STATES, groupFields, type TaskDoc, type TaskState } from './task.js';

import type { TaskFormHandler, TaskFormView } from './form-handler.js';

export type { TaskFormHandler } from './form-handler.js';

export interface TaskServiceDeps {
  engine: WorkflowEngine;
  repo: TaskRepository;
  authz: AuthzService;
  audit: AuditRecorder;
  dir: SecurityDirectory;
  projector: TaskProjector;
  forms?: TaskFormHandler;
  /** Working-day arithmetic of the tenant's calendar (the root unit); calendar days without it. */
  addWorkingDays?: (tenantId: string, start: Date, days: number) => Promise<Date>;
  /** Told after an extension was approved (the case room counts it: 延期率). Its failure is logged, not thrown. */
  onExtensionApproved?: (task: TaskDoc) => Promise<void>;
  now?: () => Date;
}

const DAY_MS = 24 * 3600_000;

export class TaskService {
  private readonly now: () => Date;
  constructor(private readonly d: TaskServiceDeps) {
    this.now = d.now ?? (() => new Date());
  }

  async get(p: Principal, id: string): Promise<TaskDoc> {
    const task = await this.find(id);
    if (task.ccUsers.includes(p.id) || (await this.involved(p.id, task))) return task;
    this.d.authz.require(p, 'task', 'read', task.unitId);
    return task;
  }

  /** The task's form, bound version and prefill, for whoever may read the task. */
  async form(p: Principal, id: string): Promise<TaskFormView> {
    const task = await this.get(p, id);
    if (!task.formKey || !this.d.forms) throw new ProblemError('form.not_found', `task ${id} has no form`);
    return this.d.forms.view(task, await this.variablesOf(task));
  }

  async claim(p: Principal, id: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'claim', ['open']);
    if (task.assignee) throw new ProblemError('task.invalid_state', `task ${id} is already claimed by ${task.assignee}`);
    if (!(await this.isCandidate(p.id, task))) throw new ProblemError('task.not_candidate', `you are not a candidate of task ${id}`);
    return this.change(task, { assignee: p.id }, ctx, 'claim', '');
  }

  async unclaim(p: Principal, id: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'claim', ['open']);
    this.requireAssignee(p, task);
    return this.change(task, { assignee: null }, ctx, 'unclaim', '');
  }

  /** 完成. The delegate's completion returns the task to the delegator; pending 加签 signers hold the job. */
  async complete(p: Principal, id: string, submission: Record<string, unknown>, comment: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'complete', ['open', 'delegated']);
    this.requireAssignee(p, task);
    const variables = task.formKey && this.d.forms ? await this.d.forms.submit(task, await this.variablesOf(task), submission) : submission;
    if (task.state === 'delegated') {
      return this.change(task, { state: 'open', assignee: task.delegatedBy, delegatedBy: null, pendingVariables: variables }, ctx, 'delegate.resolve', comment);
    }
    const before = task.signers.filter((s) => s.position === 'before' && !s.signed);
    if (before.length) throw new ProblemError('task.invalid_state', `加签 signers must sign first: ${before.map((s) => s.userId).join(', ')}`);
    const merged = { ...task.pendingVariables, ...variables };
    if (task.signers.some((s) => s.position === 'after' && !s.signed)) {
      return this.change(task, { state: 'countersigning', pendingVariables: merged }, ctx, 'complete', comment);
    }
    return this.finish(task, p.id, merged, ctx, comment);
  }

  /** An added signer (加签) signs; when the last one has signed after the assignee, the job completes. */
  async sign(p: Principal, id: string, comment: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'complete', ['open', 'countersigning']);
    const signer = task.signers.find((s) => s.userId === p.id && !s.signed);
    if (!signer) throw new ProblemError('task.not_assignee', `you are not a pending signer of task ${id}`);
    if (signer.position === 'after' && task.state !== 'countersigning') throw new ProblemError('task.invalid_state', 'signers added after the assignee sign once the assignee has completed');
    const signers = task.signers.map((s) => (s === signer ? { ...s, signed: true, comment } : s));
    const updated = await this.change(task, { signers }, ctx, 'countersign.sign', comment);
    if (updated.state === 'countersigning' && signers.every((s) => s.signed)) return this.finish(updated, p.id, updated.pendingVariables ?? {}, ctx, comment);
    return updated;
  }

  /** 退回: back to a user-task step that ran in this instance (instance modification on the engine). */
  async returnTo(p: Principal, id: string, elementId: string, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'return', ['open']);
    this.requireAssignee(p, task);
    const ran = await this.d.repo.tasks.findOne({ processInstanceKey: task.processInstanceKey, elementId, state: { $in: ['completed'] } });
    if (!ran || elementId === task.elementId) throw new ProblemError('task.invalid_target', `step ${elementId} never ran as an earlier user task of this case; cannot return to it`);
    const updated = await this.change(task, { state: 'returned' }, ctx, 'return', reason, { toElementId: elementId });
    await this.moveBack(updated, elementId);
    await this.d.projector.sync();
    return updated;
  }

  /** 撤回: the previous assignee pulls the case back while the next task is still untouched. */
  async withdraw(p: Principal, nextTaskId: string, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const next = await this.find(nextTaskId);
    const previous = next.previousTaskId ? await this.d.repo.tasks.findOne({ _id: next.previousTaskId }) : null;
    if (!previous || previous.completedBy !== p.id) throw new ProblemError('task.not_assignee', 'only the assignee who completed the previous step may withdraw');
    if (next.state !== 'open' || next.assignee !== null || next.touched) {
      throw new ProblemError('task.invalid_state', `the next step (${next.elementId}) has already been started; 撤回 is no longer possible`);
    }
    this.requireNotSuspended(next);
    const updated = await this.change(next, { state: 'withdrawn' }, ctx, 'withdraw', reason, { toElementId: previous.elementId });
    await this.moveBack(updated, previous.elementId);
    await this.d.projector.sync();
    return updated;
  }

  /** 转办: hand the task over to another user, or to a unit's queue (anyone holding a role there). */
  async transfer(p: Principal, id: string, to: { userId?: string; unitId?: string }, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'transfer', ['open']);
    this.requireAssigneeOrAssigner(p, task);
    if (to.userId) {
      await this.requireUser(to.userId);
      return this.change(task, { assignee: to.userId, candidateUsers: [], ...groupFields([]) }, ctx, 'transfer', reason, to);
    }
    if (!to.unitId || !this.d.dir.unit(to.unitId)) throw new ProblemError('task.invalid_target', 'transfer needs an existing userId or unitId');
    return this.change(task, { assignee: null, candidateUsers: [], ...groupFields([`unit:${to.unitId}`]) }, ctx, 'transfer', reason, to);
  }

  /** 委派: the delegate works on it, and completing returns it to the delegator for confirmation. */
  async delegate(p: Principal, id: string, userId: string, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'delegate', ['open']);
    this.requireAssignee(p, task);
    await this.requireUser(userId);
    return this.change(task, { state: 'delegated', assignee: userId, delegatedBy: p.id }, ctx, 'delegate', reason, { userId });
  }

  /** 加签: signers before (sign first) or after (sign after the assignee); the job completes after all. */
  async countersign(p: Principal, id: string, userIds: string[], position: 'before' | 'after', reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'countersign', ['open']);
    this.requireAssignee(p, task);
    for (const u of userIds) await this.requireUser(u);
    if (userIds.includes(p.id)) throw new ProblemError('task.invalid_target', 'the assignee cannot add themself as a signer');
    const signers = [...task.signers, ...userIds.filter((u) => !task.signers.some((s) => s.userId === u)).map((userId) => ({ userId, position, signed: false }))];
    return this.change(task, { signers }, ctx, 'countersign', reason, { userIds, position });
  }

  /** 抄送: read-only copies in the inboxes of users and of everyone with a role at the given units. */
  async cc(p: Principal, id: string, to: { userIds?: string[]; unitIds?: string[] }, note: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'cc', ACTIVE_STATES);
    const users = new Set(to.userIds ?? []);
    for (const u of users) await this.requireUser(u);
    for (const unitId of to.unitIds ?? []) {
      if (!this.d.dir.unit(unitId)) throw new ProblemError('task.invalid_target', `no unit ${unitId}`);
      for (const role of await this.rolesAt(unitId)) (await this.d.dir.usersWithRole(role, unitId)).forEach((u) => users.add(u));
    }
    const ccUsers = [...new Set([...task.ccUsers, ...users])];
    const updated = await this.change(task, { ccUsers }, ctx, 'cc', note, to, false);
    await this.notify([...users], task, 'cc', p.id, `抄送: ${task.title}${note ? ` — ${note}` : ''}`);
    return updated;
  }

  /** 催办: a notification to whoever must act now, and a record on the task. */
  async urge(p: Principal, id: string, message: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'urge', ACTIVE_STATES);
    const to = task.assignee ? [task.assignee] : task.candidateUsers;
    const updated = await this.change(task, { urgeCount: task.urgeCount + 1 }, ctx, 'urge', message, { to }, false);
    await this.notify(to, task, 'urge', p.id, `催办: ${task.title}${message ? ` — ${message}` : ''}`);
    return updated;
  }

  /** 延期申请 by the assignee; approval (task.extension approve at the unit) moves the due date. */
  async requestExtension(p: Principal, id: string, days: number, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.authorised(p, id, 'extend', ['open']);
    this.requireAssignee(p, task);
    if (task.extension?.state === 'pending') throw new ProblemError('task.invalid_state', 'an extension request is already pending');
    if (task.maxExtensionDays != null && days > task.maxExtensionDays) {
      throw new ProblemError('task.extension_too_long', `this step allows an extension of at most ${task.maxExtensionDays} working days, not ${days}`);
    }
    return this.change(task, { extension: { requestedBy: p.id, days, reason, state: 'pending' } }, ctx, 'extension.request', reason, { days });
  }

  async decideExtension(p: Principal, id: string, approve: boolean, reason: string, ctx: CommandContext): Promise<TaskDoc> {
    const task = await this.find(id);
    this.d.authz.require(p, 'task.extension', 'approve', task.unitId);
    if (task.extension?.state !== 'pending') throw new ProblemError('task.invalid_state', 'no extension request is pending');
    const extension = { ...task.extension, state: approve ? ('approved' as const) : ('rejected' as const), decidedBy: p.id };
    const base = task.dueDate ? new Date(task.dueDate) : this.now();
    const tenantId = task.unitPath.split('/')[1] ?? '';
    const moved = !approve
      ? null
      : this.d.addWorkingDays
        ? await this.d.addWorkingDays(tenantId, base, task.extension.days)
        : new Date(base.getTime() + task.extension.days * DAY_MS);
    const dueDate = moved ? moved.toISOString() : task.dueDate;
    const sla = approve && dueDate && dueDate > this.now().toISOString() && task.sla === 'breached' ? 'ok' : task.sla;
    const changed = await this.change(task, { extension, dueDate, sla }, ctx, approve ? 'extension.approve' : 'extension.reject', reason, { dueDate }, false);
    if (approve) await this.d.onExtensionApproved?.(changed).catch(() => undefined);
    return changed;
  }

  /** 挂起/恢复: the whole case; its tasks cannot be operated while it is suspended. */
  async setSuspended(p: Principal, processInstanceKey: string, suspended: boolean, reason: string, ctx: CommandContext): Promise<{ tasks: number }> {
    const any = await this.d.repo.tasks.findOne({ processInstanceKey });
    if (!any) throw new ProblemError('task.not_found', `no tasks for case ${processInstanceKey}`);
    this.d.authz.require(p, 'task', 'suspend', any.unitId);
    const exists = (await this.d.repo.suspensions.findOne({ _id: processInstanceKey })) !== null;
    if (exists === suspended) throw new ProblemError('task.invalid_state', `the case is already ${suspended ? 'suspended' : 'active'}`);
    if (suspended) await this.d.repo.suspensions.insertOne({ _id: processInstanceKey, by: p.id, reason, at: this.now().toISOString() });
    else await this.d.repo.suspensions.deleteOne({ _id: processInstanceKey });
    const r = await this.d.repo.tasks.updateMany({ processInstanceKey }, { $set: { suspended, updatedAt: this.now().toISOString() } });
    await this.d.audit.record({ ...origin(ctx), action: suspended ? 'task.case.suspend' : 'task.case.resume', object: { type: 'case', id: any.caseId }, caseId: any.caseId, instanceId: processInstanceKey, unitId: any.unitId, unitPath: any.unitPath, after: { reason } });
    return { tasks: r.modified };
  }

  // ---- helpers ----

  /** The instance variables the task's job was activated with. */
  async variablesOf(task: TaskDoc): Promise<Record<string, unknown>> {
    const found = await this.d.repo.variables.findOne({ _id: task._id });
    return found ? (JSON.parse(found.json) as Record<string, unknown>) : {};
  }

  private async find(id: string): Promise<TaskDoc> {
    const task = await this.d.repo.tasks.findOne({ _id: id });
    if (!task) throw new ProblemError('task.not_found', `no task ${id}`);
    return task;
  }

  private async authorised(p: Principal, id: string, action: string, states: TaskState[]): Promise<TaskDoc> {
    const task = await this.find(id);
    // people the process put on the task act on it wherever the case's unit is (a case dispatched to another
    // county's department); the route guard has checked they hold the action somewhere. Others need it here.
    if (!(await this.involved(p.id, task))) this.d.authz.require(p, 'task', action, task.unitId);
    if (!states.includes(task.state)) throw new ProblemError('task.invalid_state', `task ${id} is ${task.state}; ${action} needs ${states.join(' or ')}`);
    this.requireNotSuspended(task);
    return task;
  }

  private requireNotSuspended(task: TaskDoc): void {
    if (task.suspended) throw new ProblemError('task.suspended', `case ${task.caseId} is suspended; resume it first`);
  }

  private requireAssignee(p: Principal, task: TaskDoc): void {
    if (task.assignee !== p.id) throw new ProblemError('task.not_assignee', `task ${task._id} is assigned to ${task.assignee ?? 'nobody'}, not to you`);
  }

  private requireAssigneeOrAssigner(p: Principal, task: TaskDoc): void {
    if (task.assignee !== p.id && !this.d.authz.allows(p, 'task', 'assign', task.unitId)) {
      throw new ProblemError('task.not_assignee', 'only the assignee, or someone who may assign tasks at the case unit, may transfer it');
    }
  }

  private async requireUser(userId: string): Promise<void> {
    if ((await this.d.dir.homeUnitOf(userId)) === undefined) throw new ProblemError('task.invalid_target', `no user ${userId}`);
  }

  private async rolesAt(unitId: string): Promise<string[]> {
    const path = this.d.dir.unit(unitId)?.path;
    if (!path) return [];
    return [...new Set((await this.d.authz.assignments([path])).filter((a) => a.unitId === unitId).map((a) => a.role))];
  }

  /** Assignee, candidate, added signer or delegator of the task. */
  private async involved(userId: string, task: TaskDoc): Promise<boolean> {
    if (task.assignee === userId || task.delegatedBy === userId || task.signers.some((s) => s.userId === userId)) return true;
    return task.assignee === null && (await this.isCandidate(userId, task));
  }

  async isCandidate(userId: string, task: TaskDoc): Promise<boolean> {
    if (task.candidateUsers.includes(userId)) return true;
    const groups = await this.d.dir.groupsOf(userId);
    return task.candidateGroups.some((g) => groups.includes(g));
  }

  /**
   * Instance modification for 退回/撤回: activate the earlier step, terminate this one. The task is marked first so
   * that the job's cancellation does not read as an outside cancel; if the engine refuses, it is reopened.
   */
  private async moveBack(task: TaskDoc, elementId: string): Promise<void> {
    try {
      await this.d.engine.modifyInstance({ processInstanceKey: task.processInstanceKey, activateInstructions: [{ elementId }], terminateInstructions: [{ elementInstanceKey: task.elementInstanceKey }] });
    } catch (err) {
      await this.d.repo.tasks.updateOne({ _id: task._id }, { $set: { state: 'open', updatedAt: this.now().toISOString() } });
      throw err;
    }
  }

  private async finish(task: TaskDoc, by: string, variables: Record<string, unknown>, ctx: CommandContext, comment: string): Promise<TaskDoc> {
    const now = this.now().toISOString();
    const done = await this.change(task, { state: 'completed', completedAt: now, completedBy: by, pendingVariables: null }, ctx, 'complete.job', comment);
    await this.d.engine.completeJob(task.jobKey, variables);
    await this.d.projector.sync();
    return done;
  }

  /** Compare-and-set on the document (a concurrent change answers 409), then the audit entry. */
  private async change(task: TaskDoc, set: Partial<TaskDoc>, ctx: CommandContext, action: string, reason: string, detail?: unknown, touches = true): Promise<TaskDoc> {
    const { _v } = task as TaskDoc & { _v: number };
    const $set = { ...set, updatedAt: this.now().toISOString(), ...(touches ? { touched: true } : {}) };
    const updated = await this.d.repo.tasks.findOneAndUpdate({ _id: task._id }, { $set }, { expectedVersion: _v });
    if (!updated) throw new ProblemError('task.not_found', `no task ${task._id}`);
    await this.d.audit.record({
      ...origin(ctx),
      action: `task.${action}`,
      object: { type: 'task', id: task._id },
      caseId: task.caseId,
      instanceId: task.processInstanceKey,
      unitId: task.unitId,
      unitPath: task.unitPath,
      before: { state: task.state, assignee: task.assignee },
      after: { state: updated.state, assignee: updated.assignee, reason, detail },
    });
    return updated;
  }

  private async notify(userIds: string[], task: TaskDoc, kind: 'urge' | 'cc', from: string, message: string): Promise<void> {
    if (!userIds.length) return;
    const at = this.now().toISOString();
    await this.d.repo.notifications.insertMany(userIds.map((userId) => ({ userId, taskId: task._id, kind, message, from, at, read: false })));
  }
}
