/**
 * The built-in `gongzhi-case` job worker: a BPMN service task with `<zeebe:taskDefinition type="gongzhi-case" />`
 * and header `milestone` moves the case of the instance (variable `caseId`). It uses only activateJobs /
 * completeJob / failJob, so it behaves the same on the embedded engine and on Zeebe.
 */
import type { ActivatedJob, WorkflowEngine } from '../../engine/index.js';
import type { Logger } from '../log/logger.js';
import type { Stored, Update } from '../store/port.js';
import type { CaseDoc, CaseStatus } from './case.js';
import type { CaseEvents } from './events.js';
import type { CaseRepository } from './repository.js';

export const CASE_JOB_TYPE = 'gongzhi-case';
export const MILESTONES = ['filed', 'rejected', 'dispatched', 'handling', 'checking', 'closed', 'rework', 'deferred', 'resumed', 'reopened'] as const;
export type Milestone = (typeof MILESTONES)[number];

const WORKER = 'gongzhi-server-cases';
const JOB_TIMEOUT_MS = 30_000;
const BATCH = 32;

/** The case update of a milestone at `at`; `undefined` for an unknown milestone. */
export function milestoneUpdate(c: CaseDoc, milestone: string, at: Date): { status: CaseStatus; update: Update } | undefined {
  const now = at.toISOString();
  const set: Record<string, unknown> = {};
  const inc: Record<string, number> = {};
  let status: CaseStatus;
  switch (milestone as Milestone) {
    case 'filed': status = 'filed'; set.filedAt = c.filedAt ?? now; break;
    case 'rejected': status = 'rejected'; set.closedAt = now; break;
    case 'dispatched': status = 'dispatched'; break;
    case 'handling': status = 'handling'; break;
    case 'checking': status = 'checking'; break;
    case 'closed':
      status = 'closed';
      set.closedAt = now;
      if (c.dueAt) set.closedOnTime = now <= new Date(c.dueAt).toISOString();
      break;
    case 'rework': status = 'handling'; inc.reworkCount = 1; break;
    case 'deferred': status = 'deferred'; set.deferredAt = now; break;
    case 'resumed': status = 'handling'; break;
    // counted by the satisfaction route that decided the reopening (it knows; the process only follows)
    case 'reopened': status = 'handling'; break;
    default: return undefined;
  }
  set.status = status;
  return { status, update: { $set: set, ...(Object.keys(inc).length ? { $inc: inc } : {}), $push: { timeline: { status, at: now } } } };
}

export class CaseMilestoneWorker {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private unsubscribe?: () => void;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly repo: CaseRepository,
    private readonly events: CaseEvents,
    private readonly logger?: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(pollMs = 500): void {
    // a job record of our type triggers a pass at once; the timer catches anything missed (Zeebe long-polls)
    this.unsubscribe = this.engine.onRecord((r) => {
      if (r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === CASE_JOB_TYPE) void this.pass();
      if (r.valueType === 'PROCESS_INSTANCE' && r.bpmnElementType === 'PROCESS' && r.intent === 'ELEMENT_TERMINATED' && r.processInstanceKey) {
        void this.cancelled(r.processInstanceKey).catch((err: unknown) => this.logger?.error({ err }, 'case cancellation'));
      }
    });
    this.timer = setInterval(() => void this.pass(), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
  }

  /** One activation pass (not overlapping another); returns how many jobs it completed. */
  pass(): Promise<number> {
    if (this.running) return this.running;
    const run = this.activateAll()
      .catch((err: unknown) => {
        this.logger?.error({ err }, 'case milestone worker');
        return 0;
      })
      .finally(() => {
        if (this.running === run) this.running = undefined;
      });
    this.running = run;
    return run;
  }

  private async activateAll(): Promise<number> {
    let done = 0;
    for (;;) {
      const jobs = await this.engine.activateJobs({ type: CASE_JOB_TYPE, worker: WORKER, maxJobsToActivate: BATCH, timeout: JOB_TIMEOUT_MS });
      for (const job of jobs) if (await this.handle(job)) done++;
      if (jobs.length < BATCH) return done;
    }
  }

  private async handle(job: ActivatedJob): Promise<boolean> {
    const outcome = await this.apply(job);
    if (outcome === 'refused') return false;
    await this.engine.completeJob(job.key, {});
    return true;
  }

  /**
   * Applies a job's milestone to its case, once per job key: a redelivered job (its completion was lost, or the
   * server stopped between the update and the completion) matches nothing and counts nothing twice.
   * `refused`: the job was failed into an incident (no case, unknown milestone).
   */
  async apply(job: ActivatedJob): Promise<'applied' | 'already' | 'refused'> {
    const caseId = typeof job.variables.caseId === 'string' ? job.variables.caseId : undefined;
    const milestone = job.customHeaders.milestone ?? '';
    const found = caseId ? await this.repo.byId(caseId) : null;
    const change = found ? milestoneUpdate(found, milestone, this.now()) : undefined;
    if (!found || !change) {
      const why = !caseId ? 'no caseId variable' : !found ? `no case ${caseId}` : `unknown milestone ${JSON.stringify(milestone)}`;
      // an incident (retries 0) is the visible, resolvable outcome: retrying cannot fix a model error
      await this.engine.failJob({ jobKey: job.key, retries: 0, errorMessage: `gongzhi-case: ${why}` });
      return 'refused';
    }
    const update = change.update;
    update.$push = { ...update.$push, appliedJobs: job.key };
    // the instance key is also recorded here in case the intake's own update after the start was lost
    update.$set = { ...update.$set, ...(found.processInstanceKey ? {} : { processInstanceKey: job.processInstanceKey }) };
    const after = await this.repo.cases.findOneAndUpdate({ _id: found._id, appliedJobs: { $ne: job.key } }, update);
    if (!after) return 'already';
    await this.announce(found, after, milestone as Milestone);
    return 'applied';
  }

  /**
   * A cancelled process instance cancels its open case (closed and rejected cases keep their outcome). Needs the
   * engine's element records: always on the embedded engine, on Zeebe with the records exporter.
   */
  async cancelled(processInstanceKey: string): Promise<void> {
    const before = await this.repo.byInstance(processInstanceKey);
    if (!before || ['closed', 'rejected', 'cancelled'].includes(before.status)) return;
    const at = this.now().toISOString();
    const after = await this.repo.cases.findOneAndUpdate(
      { _id: before._id, status: before.status },
      { $set: { status: 'cancelled' }, $push: { timeline: { status: 'cancelled', at } } },
    );
    if (after) await this.events.emit('status', { case: after, from: before.status, to: 'cancelled' });
  }

  private async announce(before: Stored<CaseDoc>, after: Stored<CaseDoc>, milestone: Milestone): Promise<void> {
    if (before.status !== after.status) await this.events.emit('status', { case: after, from: before.status, to: after.status });
    if (milestone === 'filed') await this.events.emit('filed', { case: after });
    if (milestone === 'closed') await this.events.emit('closed', { case: after, onTime: after.closedOnTime });
  }
}
