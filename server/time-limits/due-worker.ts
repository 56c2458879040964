/**
 * The `gongzhi-due` job worker: a BPMN service task `<zeebe:taskDefinition type="gongzhi-due" />` with header
 * `step` (the element id whose limit to use) and optional `variable` gets the due instant from the time-limit
 * table and the tenant calendar as an ISO variable (default `due_<step>`), plus `<variable>_warn`, so a timer
 * `timeDate="=due_handle"` fires at the same instant on both engines. Works over the port only.
 */
import type { ActivatedJob, WorkflowEngine } from '../../engine/index.js';
import type { Logger } from '../log/logger.js';
import type { TimeLimitService } from './service.js';

export const DUE_JOB_TYPE = 'gongzhi-due';
const WORKER = 'gongzhi-due-worker';

export class DueWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly limits: TimeLimitService,
    private readonly logger?: Logger,
    /** The engine's clock when it has one, so controlled-clock tests and timers agree. */
    private readonly now: () => Date = () => new Date(engine.clock?.now() ?? Date.now()),
  ) {}

  start(pollMs = 500): void {
    this.timer = setInterval(() => {
      if (!this.running) void this.runOnce().catch((err: unknown) => this.logger?.error({ err }, 'gongzhi-due worker'));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Activates and handles the waiting jobs once; returns how many were completed. */
  runOnce(): Promise<number> {
    const run = (async () => {
      const jobs = await this.engine.activateJobs({ type: DUE_JOB_TYPE, worker: WORKER, maxJobsToActivate: 50, timeout: 60_000 });
      let done = 0;
      for (const job of jobs) if (await this.handle(job)) done++;
      return done;
    })().finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private async handle(job: ActivatedJob): Promise<boolean> {
    const step = job.customHeaders.step ?? job.elementId;
    const variable = job.customHeaders.variable ?? `due_${step}`;
    const v = job.variables;
    try {
      const due = await this.limits.computeDue(
        {
          processId: job.bpmnProcessId, step, unitId: String(v.unitId ?? ''), category: v.category,
          caseKind: typeof v.caseKind === 'string' ? v.caseKind : null, level: (v.level as string | number | undefined) ?? null, urgent: v.urgent === true,
        },
        this.now(),
      );
      if (!due) throw new Error(`no time-limit rule covers step ${step} of ${job.bpmnProcessId} for this case`);
      await this.engine.completeJob(job.key, { [variable]: due.dueAt.toISOString(), [`${variable}_warn`]: due.warnAt.toISOString() });
      return true;
    } catch (err) {
      // no rule is a configuration fault: an incident (retries exhausted) shows it to the admins
      const message = err instanceof Error ? err.message : String(err);
      this.logger?.warn({ err, jobKey: job.key, step }, 'gongzhi-due job failed');
      await this.engine.failJob({ jobKey: job.key, retries: Math.max(0, job.retries - 1), errorMessage: message });
      return false;
    }
  }
}
