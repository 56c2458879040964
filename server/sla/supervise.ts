/**
 * 督办: a supervisor puts an overdue task or case under supervision with a reason. Recorded in
 * `sla_supervisions`, audited, and notified to the handler and the unit's head.
 */
import { randomUUID } from 'node:crypto';
import type { AuditRecorder } from '../audit/index.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Notifier } from '../notifications/index.js';
import type { DocumentStore } from '../store/port.js';
import type { SlaRecipients } from './recipients.js';
import { CASES_COLLECTION, SUPERVISIONS_COLLECTION, TASKS_COLLECTION } from './sla-state.js';

type Doc = { _id: string; [key: string]: unknown };

export class SlaTargetNotFoundError extends Error {
  readonly code = 'sla.not_found';
  constructor(what: string) {
    super(`no ${what}`);
    this.name = 'SlaTargetNotFoundError';
  }
}

export class NotOverdueError extends Error {
  readonly code = 'sla.not_overdue';
  constructor(what: string, state: string) {
    super(`${what} is ${state}, not overdue: only overdue work can be supervised`);
    this.name = 'NotOverdueError';
  }
}

export interface SuperviseCommand {
  caseId?: string;
  taskId?: string;
  reason: string;
}

export interface Supervision {
  _id: string;
  target: 'task' | 'case';
  targetId: string;
  caseId: string | null;
  unitId: string;
  reason: string;
  by: string;
  at: string;
  [key: string]: unknown;
}

export class SupervisionService {
  constructor(
    private readonly store: DocumentStore,
    private readonly recipients: SlaRecipients,
    private readonly notifier: Notifier,
    private readonly audit: AuditRecorder,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The unit of the target, for the route's authorisation check before anything changes. */
  async unitOf(cmd: SuperviseCommand): Promise<string> {
    return String((await this.load(cmd)).doc.unitId ?? '');
  }

  private async load(cmd: SuperviseCommand): Promise<{ target: 'task' | 'case'; doc: Doc }> {
    const target = cmd.taskId ? 'task' : 'case';
    const id = cmd.taskId ?? cmd.caseId ?? '';
    const doc = await this.store.collection<Doc>(target === 'task' ? TASKS_COLLECTION : CASES_COLLECTION).findOne({ _id: id });
    if (!doc) throw new SlaTargetNotFoundError(`${target} ${id}`);
    return { target, doc };
  }

  async supervise(cmd: SuperviseCommand, ctx: CommandContext): Promise<Supervision> {
    const { target, doc } = await this.load(cmd);
    const docs = this.store.collection<Doc>(target === 'task' ? TASKS_COLLECTION : CASES_COLLECTION);
    const at = this.now().toISOString();
    const updated = await docs.findOneAndUpdate({ _id: doc._id, slaState: 'overdue' }, { $set: { slaState: 'supervised', slaChangedAt: at, supervisedAt: at } });
    if (!updated) throw new NotOverdueError(`${target} ${doc._id}`, String(doc.slaState ?? 'normal'));
    const unitId = String(doc.unitId ?? '');
    const caseId = target === 'case' ? doc._id : typeof doc.caseId === 'string' ? doc.caseId : null;
    const supervision: Supervision = { _id: randomUUID(), target, targetId: doc._id, caseId, unitId, reason: cmd.reason, by: ctx.actor.id, at };
    await this.store.collection<Supervision>(SUPERVISIONS_COLLECTION).insertOne(supervision);
    await this.audit.record({
      ...origin(ctx), action: `sla.${target}.supervise`, object: { type: target, id: doc._id }, unitId, unitPath: typeof doc.unitPath === 'string' ? doc.unitPath : undefined,
      ...(caseId ? { caseId } : {}), before: { slaState: 'overdue' }, after: { slaState: 'supervised', reason: cmd.reason },
    });
    const { handlers, supervisors } = await this.recipients.of({
      unitId, assignee: typeof doc.assignee === 'string' ? doc.assignee : null, candidateUsers: Array.isArray(doc.candidateUsers) ? (doc.candidateUsers as string[]) : [],
    });
    const what = target === 'task' ? `任务「${String(doc.title ?? doc._id)}」` : `案件「${String(doc.title ?? doc._id)}」`;
    await this.notifier.notify([...handlers, ...supervisors], {
      kind: 'sla.supervised', title: `督办：${what}`, body: `${what}已超期，被督办。督办意见：${cmd.reason}`, unitId,
      ...(caseId ? { caseId } : {}), ...(target === 'task' ? { taskId: doc._id } : {}),
    });
    return supervision;
  }

  list(filter: { targetId: string }): Promise<Supervision[]> {
    return this.store.collection<Supervision>(SUPERVISIONS_COLLECTION).find({ targetId: filter.targetId }, { sort: { at: 1 } });
  }
}
