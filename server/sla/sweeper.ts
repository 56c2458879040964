/**
 * Moves tasks and cases along normal → warning → overdue as time passes, one atomic compare-and-set per
 * document, so that each transition is notified exactly once even with several servers sweeping. Overdue is
 * taken first: a document that slept past both instants is notified once, as overdue.
 *
 * Tasks: warning at `followUpDate` (the time-limit rule's warnAt, or the job's header), overdue after `dueDate`.
 * Cases: warning at `slaWarnAt`, overdue after `dueAt` (both set when the case is filed, see case-due.ts).
 */
import type { Collection, DocumentStore, Filter, Stored } from '../store/port.js';
import type { Notifier } from '../notifications/index.js';
import type { SlaRecipients } from './recipients.js';
import { CASE_STOPPED_STATUSES, CASES_COLLECTION, SLA_LABELS, TASK_ACTIVE_STATES, TASKS_COLLECTION, type SlaState } from './sla-state.js';

type Doc = { _id: string; [key: string]: unknown };

interface Kind {
  name: 'task' | 'case';
  docs: Collection<Doc>;
  active: Filter;
  warnField: string;
  dueField: string;
}

export interface SweepResult {
  warning: string[];
  overdue: string[];
}

export class SlaSweeper {
  private readonly kinds: Kind[];
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private indexed: Promise<void> | undefined;

  constructor(
    store: DocumentStore,
    private readonly recipients: SlaRecipients,
    private readonly notifier: Notifier,
    private readonly now: () => Date = () => new Date(),
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.kinds = [
      { name: 'task', docs: store.collection<Doc>(TASKS_COLLECTION), active: { state: { $in: TASK_ACTIVE_STATES } }, warnField: 'followUpDate', dueField: 'dueDate' },
      { name: 'case', docs: store.collection<Doc>(CASES_COLLECTION), active: { status: { $nin: CASE_STOPPED_STATUSES } }, warnField: 'slaWarnAt', dueField: 'dueAt' },
    ];
  }

  start(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = true;
      void this.sweep().catch(this.onError).finally(() => (this.running = false));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass at `at` (the injected clock by default); returns the ids that changed, as `task:<id>` / `case:<id>`. */
  async sweep(at: Date = this.now()): Promise<SweepResult> {
    // the case instants are this room's fields: their indexes are created here, once, before the first sweep
    await (this.indexed ??= this.ensureIndexes().catch((err: unknown) => {
      this.indexed = undefined; // try again on the next sweep
      throw err;
    }));
    const now = at.toISOString();
    const result: SweepResult = { warning: [], overdue: [] };
    for (const kind of this.kinds) {
      await this.advance(kind, 'overdue', { [kind.dueField]: { $lt: now }, slaState: { $nin: ['overdue', 'supervised'] } }, result.overdue);
      await this.advance(kind, 'warning', { [kind.warnField]: { $lte: now }, slaState: { $nin: ['warning', 'overdue', 'supervised'] } }, result.warning);
    }
    return result;
  }

  private async ensureIndexes(): Promise<void> {
    const cases = this.kinds.find((k) => k.name === 'case')!.docs;
    await cases.createIndex({ fields: { dueAt: 1 } });
    await cases.createIndex({ fields: { slaWarnAt: 1 } });
  }

  private async advance(kind: Kind, to: Exclude<SlaState, 'normal' | 'supervised'>, when: Filter, changed: string[]): Promise<void> {
    for (;;) {
      const doc = await kind.docs.findOneAndUpdate({ $and: [kind.active, when] }, { $set: { slaState: to, slaChangedAt: this.now().toISOString() } });
      if (!doc) return;
      changed.push(`${kind.name}:${doc._id}`);
      await this.notify(kind.name, doc, to);
    }
  }

  private async notify(kind: 'task' | 'case', doc: Stored<Doc>, to: Exclude<SlaState, 'normal'>): Promise<void> {
    const unitId = String(doc.unitId ?? '');
    const { handlers, supervisors } = await this.recipients.of({
      unitId,
      assignee: typeof doc.assignee === 'string' ? doc.assignee : null,
      candidateUsers: Array.isArray(doc.candidateUsers) ? (doc.candidateUsers as string[]) : [],
    });
    const what = kind === 'task' ? `任务「${String(doc.title ?? doc._id)}」` : `案件「${String(doc.title ?? doc.trackingNumber ?? doc._id)}」`;
    const due = String((kind === 'task' ? doc.dueDate : doc.dueAt) ?? '');
    await this.notifier.notify([...handlers, ...supervisors], {
      kind: `sla.${to}`,
      title: `${SLA_LABELS[to]}：${what}`,
      body: to === 'warning' ? `${what}即将到期（期限 ${due}）。` : `${what}已超过办理期限（期限 ${due}）。`,
      unitId,
      ...(kind === 'task' ? { taskId: doc._id, caseId: String(doc.caseId ?? '') } : { caseId: doc._id }),
    });
  }
}
