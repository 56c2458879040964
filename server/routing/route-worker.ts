/**
 * The `gongzhi-route` job worker: a BPMN service task `<zeebe:taskDefinition type="gongzhi-route" />` gets the
 * departments for the case (variables `unitId`, `category`) from the routing table of the process (header
 * `process` overrides the table's process id, e.g. a county variant reusing the city's table) and returns
 * `dispatchedDeptId` (lead), `dispatchedDeptIds` (all) and `commandUnitId` (the county command centre whose roles
 * verify, file, dispatch and check: cases sit at grids, where nobody holds those roles), `levelUnitIds` (village,
 * township, county, city above the case: escalation levels 1..4, FEEL `levelUnitIds[level]`) and `rootUnitId`. Works over the port only, so on both engines.
 * No rule is a configuration fault: the job fails without retries, and the incident shows it to the admins.
 */
import type { ActivatedJob, WorkflowEngine } from '../../engine/index.js';
import type { Logger } from '../log/logger.js';
import type { RoutingService } from './service.js';

export const ROUTE_JOB_TYPE = 'gongzhi-route';
const WORKER = 'gongzhi-route-worker';

export class RouteWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly engine: WorkflowEngine,
    private readonly routing: RoutingService,
    private readonly logger?: Logger,
  ) {}

  start(pollMs = 500): void {
    this.timer = setInterval(() => {
      if (!this.running) void this.runOnce().catch((err: unknown) => this.logger?.error({ err }, 'gongzhi-route worker'));
    }, pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Activates and handles the waiting jobs once; returns how many were completed. */
  runOnce(): Promise<number> {
    const run = (async () => {
      const jobs = await this.engine.activateJobs({ type: ROUTE_JOB_TYPE, worker: WORKER, maxJobsToActivate: 50, timeout: 60_000 });
      let done = 0;
      for (const job of jobs) if (await this.handle(job)) done++;
      return done;
    })().finally(() => (this.running = undefined));
    this.running = run;
    return run;
  }

  private async handle(job: ActivatedJob): Promise<boolean> {
    const processId = job.customHeaders.process ?? job.bpmnProcessId;
    const unitId = String(job.variables.unitId ?? '');
    try {
      const decision = await this.routing.route(processId, unitId, job.variables.category);
      const commandUnitId = this.routing.commandUnitOf(unitId);
      if (!decision || !commandUnitId) throw new Error(`no routing rule of ${processId} covers category ${JSON.stringify(job.variables.category)} at unit ${unitId}`);
      await this.engine.completeJob(job.key, {
        dispatchedDeptId: decision.departments[0],
        dispatchedDeptIds: decision.departments,
        commandUnitId,
        levelUnitIds: this.routing.levelUnitsOf(unitId),
        rootUnitId: this.routing.levelUnitsOf(unitId)[3] ?? commandUnitId,
        routedBy: `${decision.tableId}#${decision.ruleIndex}`,
      });
      return true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger?.warn({ err, jobKey: job.key }, 'gongzhi-route job failed');
      await this.engine.failJob({ jobKey: job.key, retries: 0, errorMessage: message });
      return false;
    }
  }
}
