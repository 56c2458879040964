/**
 * Turns user-task jobs into task documents. A job worker over the port keeps every user-task job activated
 * (long timeout, re-activated when it times out) and inserts a document per job key, idempotently; the records
 * stream closes documents whose job was cancelled (instance cancelled, element terminated by 退回/撤回).
 * Works on both engines: it uses only activateJobs, onRecord and the job's headers.
 */
import { USER_TASK_JOB_TYPE, type ActivatedJob, type EngineRecord, type WorkflowEngine } from '../../engine/index.js';
import type { Logger } from '../log/logger.js';
import { resolveAssignment, type OrgDirectory } from './assignment.js';
import { formBindingOf } from './form-binding.js';
import { searchableText } from './search-terms.js';
import type { TaskRepository } from './repository.js';
import { groupFields, type TaskDoc } from './task.js';

const HEADER = 'io.camunda.zeebe:';
/** Jobs stay with this worker for a long time; the projector re-activates any that time out. */
const JOB_TIMEOUT_MS = 30 * 24 * 3600_000;
const WORKER = 'gongzhi-tasks';
/** Jobs of one activation pass projected at the same time. */
const PROJECTION_LANES = 16;
const PROJECTION_RETRY_MS = 5_000;
/** Failed projections of one job in a row before it becomes an incident. */
const PROJECTION_ATTEMPTS = 5;

/** Optional collaborators of the projector (each absent in a bare test setup). */
export interface ProjectorExtras {
  /** The newest published version of a form (null if none), pinned on a task whose formKey names no version. */
  /** The version a `formKey` without `@N` binds to for a task of the given process definition. */
  formVersionOf?: (formKey: string, processDefinitionKey: string) => Promise<number | null>;
  /** Due and warning instants from the time-limit table (server/time-limits), used when the job has no dueDate header. */
  resolveDue?: (task: TaskDoc, variables: Record<string, unknown>) => Promise<{ dueAt: string; warnAt: string } | undefined>;
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

/** Dates are stored as UTC ISO strings so that the store compares and sorts them as strings correctly. */
function utc(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export class TaskProjector {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  /** The activation pass in flight, and the one queued behind it (shared by every caller that arrives meanwhile). */
  private running: Promise<number> | undefined;
  private queued: Promise<number> | undefined;
  /** Failed projection attempts per job key (cleared on success). */
  private readonly failures = new Map<string, number>();

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly repo: TaskRepository,
    private readonly dir: OrgDirectory,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly extras: ProjectorExtras = {},
  ) {}

  start(pollMs = 500): void {
    this.unsubscribe = this.engine.onRecord((r) => void this.onRecord(r).catch((err: unknown) => this.logger?.error({ err }, 'task projector record')));
    // A tick while a pass is still running is skipped: on Zeebe every pass long-polls the gateway (~1 s), longer
    // than the poll interval, and queueing a pass per tick made the queue (and every sync() caller's wait) grow
    // without bound — tasks then appeared in the inboxes minutes late.
    this.timer = setInterval(() => {
      if (this.running) return;
      void this.sync().then(() => this.refreshSla()).catch((err: unknown) => this.logger?.error({ err }, 'task projector poll'));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /**
   * One activation pass that starts after this call (passes are serialised); returns how many new task documents
   * it created. Callers arriving while a pass runs share the single pass queued behind it, so at most two passes
   * are ever outstanding however often sync() is called.
   */
  sync(): Promise<number> {
    if (this.queued) return this.queued;
    if (!this.running) return this.begin();
    const queued = this.running.catch(() => 0).then(() => {
      this.queued = undefined;
      return this.begin();
    });
    this.queued = queued;
    return queued;
  }

  private begin(): Promise<number> {
    const run = this.activateAll().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async activateAll(): Promise<number> {
    let created = 0;
    for (;;) {
      const jobs = await this.engine.activateJobs({ type: USER_TASK_JOB_TYPE, worker: WORKER, maxJobsToActivate: 100, timeout: JOB_TIMEOUT_MS });
      // The jobs of a pass are independent (each its own task document), so they are projected side by side: their
      // store writes share commits, and a pass — which every completion waits for — takes a few round trips
      // instead of one per job.
      let next = 0;
      const lane = async () => {
        while (next < jobs.length) if (await this.projectOrGiveBack(jobs[next++]!)) created++;
      };
      await Promise.all(Array.from({ length: Math.min(PROJECTION_LANES, jobs.length) }, lane));
      if (jobs.length < 100) return created;
    }
  }

  /**
   * A job whose projection fails goes back to the engine, to be activated again after a pause, so the task is
   * never left activated for the 30-day lock with no document. User-task jobs carry a single retry, so the first
   * failures keep it (a passing store hiccup heals by itself); after PROJECTION_ATTEMPTS failures in a row the
   * retries go to 0 and the engine raises an incident naming the cause, which an operator resolves.
   */
  private async projectOrGiveBack(job: ActivatedJob): Promise<boolean> {
    try {
      const created = await this.project(job);
      this.failures.delete(job.key);
      return created;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      const attempts = (this.failures.get(job.key) ?? 0) + 1;
      const giveUp = attempts >= PROJECTION_ATTEMPTS;
      if (giveUp) this.failures.delete(job.key);
      else {
        if (this.failures.size > 10_000) this.failures.clear();
        this.failures.set(job.key, attempts);
      }
      this.logger?.error({ err, jobKey: job.key, elementId: job.elementId, attempts }, giveUp ? 'task projection failed again; raising an incident' : 'task projection failed; the job goes back to the engine');
      await this.engine
        .failJob({ jobKey: job.key, retries: giveUp ? 0 : Math.max(1, job.retries), errorMessage: `task projection failed: ${why}`, retryBackOff: PROJECTION_RETRY_MS })
        .catch((failErr: unknown) => this.logger?.error({ err: failErr, jobKey: job.key }, 'could not give the job back'));
      return false;
    }
  }

  /**
   * SLA states move with time: past the follow-up date → warning, past the due date → breached. Run on every
   * poll; two indexed updates, no scan.
   */
  async refreshSla(at: Date = this.now()): Promise<void> {
    const now = at.toISOString();
    const active = { $in: ['open', 'delegated', 'countersigning'] };
    await this.repo.tasks.updateMany({ state: active, dueDate: { $lt: now }, sla: { $ne: 'breached' } }, { $set: { sla: 'breached' } });
    await this.repo.tasks.updateMany({ state: active, followUpDate: { $lt: now }, sla: 'ok' }, { $set: { sla: 'warning' } });
  }

  private async onRecord(r: EngineRecord): Promise<void> {
    if (r.valueType !== 'JOB' || r.intent !== 'CANCELED') return;
    await this.repo.tasks.updateMany(
      { _id: r.key, state: { $in: ['open', 'delegated', 'countersigning'] } },
      { $set: { state: 'cancelled', updatedAt: this.now().toISOString() } },
    );
  }

  private async project(job: ActivatedJob): Promise<boolean> {
    if (await this.repo.tasks.findOne({ _id: job.key }, { projection: { _id: 1 } })) return false; // re-activation
    const v = job.variables;
    const h = job.customHeaders;
    const caseUnitId = str(v.unitId) ?? '';
    const unit = this.dir.unit(caseUnitId);
    const assignment = await resolveAssignment(
      { assignee: h[`${HEADER}assignee`], candidateUsers: h[`${HEADER}candidateUsers`], candidateGroups: h[`${HEADER}candidateGroups`], caseUnitId, variables: v },
      this.dir,
    );
    if (!unit) assignment.warnings.push(`the case has no known unit (variable unitId=${String(v.unitId)})`);
    const form = formBindingOf(h);
    if (form.formKey && form.formVersion === null && this.extras.formVersionOf) form.formVersion = await this.extras.formVersionOf(form.formKey, job.processDefinitionKey);
    if (form.formBindingError) assignment.warnings.push(form.formBindingError);
    const previous = await this.repo.tasks.find({ processInstanceKey: job.processInstanceKey, state: 'completed' }, { sort: { completedAt: -1 }, limit: 1 });
    const suspended = (await this.repo.suspensions.findOne({ _id: job.processInstanceKey })) !== null;
    const caseId = str(v.caseId) ?? job.processInstanceKey;
    const title = str(h.title) ?? str(h.name) ?? job.elementId;
    const now = this.now().toISOString();
    const doc: TaskDoc = {
      _id: job.key,
      jobKey: job.key,
      processInstanceKey: job.processInstanceKey,
      bpmnProcessId: job.bpmnProcessId,
      elementId: job.elementId,
      elementInstanceKey: job.elementInstanceKey,
      caseId,
      title,
      category: str(v.category),
      unitId: caseUnitId,
      unitPath: unit?.path ?? '/',
      ...form,
      caseTitle: str(v.title) ?? str(v.caseTitle),
      ...assignment,
      ...groupFields(assignment.candidateGroups),
      dueDate: utc(h[`${HEADER}dueDate`]),
      followUpDate: utc(h[`${HEADER}followUpDate`]),
      priority: Number(h.priority ?? v.priority ?? 50) || 50,
      sla: slaAt(utc(h[`${HEADER}dueDate`]), utc(h[`${HEADER}followUpDate`]), now),
      state: 'open',
      suspended,
      touched: false,
      previousTaskId: previous[0]?._id ?? null,
      delegatedBy: null,
      signers: [],
      pendingVariables: null,
      ccUsers: [],
      extension: null,
      maxExtensionDays: /^\d{1,3}$/.test(h.maxExtensionDays ?? '') ? Number(h.maxExtensionDays) : null,
      urgeCount: 0,
      caseKey: (str(v.trackingNumber) ?? caseId).toLowerCase(),
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      completedBy: null,
    };
    if (!doc.dueDate && this.extras.resolveDue) {
      const due = await this.extras.resolveDue(doc, v);
      if (due) Object.assign(doc, { dueDate: due.dueAt, followUpDate: doc.followUpDate ?? due.warnAt, sla: slaAt(due.dueAt, doc.followUpDate ?? due.warnAt, now) });
    }
    // the variables first (the form's prefill is computed from them; the port has no variable read), apart from
    // the task document so that lists neither carry nor leak them
    try {
      await this.repo.variables.insertOne({ _id: job.key, json: JSON.stringify(v) });
    } catch (err) {
      if ((err as { code?: string }).code !== 'store.duplicate_key') throw err; // a retry after a failed task insert
    }
    try {
      await this.repo.tasks.insertOne(doc);
    } catch (err) {
      if ((err as { code?: string }).code === 'store.duplicate_key') return false; // another server projected it
      throw err;
    }
    await this.repo.terms.index(job.key, doc.unitPath, searchableText(v));
    if (assignment.warnings.length) this.logger?.warn({ taskId: job.key, warnings: assignment.warnings }, 'task assignment fell back');
    return true;
  }
}

function slaAt(dueDate: string | null, followUpDate: string | null, now: string): 'ok' | 'warning' | 'breached' {
  if (dueDate && dueDate < now) return 'breached';
  if (followUpDate && followUpDate < now) return 'warning';
  return 'ok';
}
