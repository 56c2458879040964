/**
 * The embedded engine behind the WorkflowEngine port. Every client call becomes one command processed
 * synchronously against the in-memory state (one at a time, in arrival order); its records go to the durable
 * log with group commit, and the call resolves once they are durable. On start the state is rebuilt by
 * replaying the log through the same event appliers.
 */
import { createHash } from 'node:crypto';
import {
  DEFAULT_TENANT, EngineError,
  type ActivateJobsRequest, type ActivatedJob, type CreateInstanceRequest, type DeployResource, type DeployResult,
  type DeploymentProblem, type EngineClock, type EngineRecord, type EngineTopology, type FailJobRequest, type Incident,
  type ModifyInstanceRequest, type ProcessInstanceRef, type PublishMessageRequest, type PublishMessageResult,
  type RecordQuery, type SetVariablesRequest, type ThrowErrorRequest, type Variables as Vars, type WorkflowEngine,
} from '../port.js';
import { parseBpmn } from './model/parse.js';
import { validateExpressions, versionRestrictions } from './model/validate.js';
import { RecordLog } from './persistence/record-log.js';
import { SnapshotStore } from './persistence/snapshots.js';
import type { EnginePersistence } from './persistence/types.js';
import { Bpmn } from './processor/bpmn.js';
import { Commands } from './processor/commands.js';
import { deploy, type ParsedDeployResource } from './processor/deploy.js';
import { Variables } from './processor/variables.js';
import { RecordWriter } from './processor/writer.js';
import { applyRecord } from './state/appliers.js';
import { restoreSnapshot, takeSnapshot } from './state/snapshot.js';
import { EngineState } from './state/state.js';
import type { ProcessModel } from './model/types.js';
import { guardXml } from './xml-guard.js';

export interface EmbeddedEngineOptions {
  /** Durable mode: the record log lives here (e.g. the server's DocumentStore). Memory-only when absent. */
  persistence?: EnginePersistence;
  /** A manual clock for tests and simulations; the system clock otherwise. */
  clock?: { manual: true; startAt?: number } | { now: () => number };
  /** Memory-only mode keeps at most this many records for records() (default 1,000,000; oldest dropped). */
  historyLimit?: number;
  /** Durable mode: write a state snapshot after this many records (and on stop). Default 100,000. */
  snapshotEveryRecords?: number;
  /** Longest single wait of the scheduler (timers further away are re-armed in steps). Default 1 h. */
  maxSchedulerStepMs?: number;
  /** Accept converging inclusive gateways (Zeebe 8.6 behaviour); off by default because Zeebe 8.5 rejects them. */
  allowInclusiveJoin?: boolean;
  /** Called with faults that are bugs, not process problems (they also become incidents). */
  onInternalError?: (err: unknown) => void;
}

class ManualClock implements EngineClock {
  constructor(private t: number, private readonly engine: EmbeddedEngine) {}
  now(): number {
    return this.t;
  }
  async advance(ms: number): Promise<void> {
    if (!(ms >= 0)) throw new EngineError('engine.invalid_argument', 'the clock only moves forward');
    this.t += ms;
    await this.engine.processDue();
  }
}

export class EmbeddedEngine implements WorkflowEngine {
  readonly kind = 'embedded' as const;
  readonly clock?: EngineClock;
  private state = new EngineState();
  private readonly now: () => number;
  private writer!: RecordWriter;
  private bpmn!: Bpmn;
  private commands!: Commands;
  private readonly log?: RecordLog;
  private readonly snapshots?: SnapshotStore;
  private recordsSinceSnapshot = 0;
  private snapshotting?: Promise<void>;
  private recovery = { snapshotPosition: 0, replayedRecords: 0 };
  private history: EngineRecord[] = [];
  private readonly listeners = new Set<(r: EngineRecord) => void>();
  private starting?: Promise<void>;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private armedFor = Infinity;
  private dueScheduled = false;

  constructor(private readonly options: EmbeddedEngineOptions = {}) {
    const c = options.clock;
    if (c && 'manual' in c) {
      const manual = new ManualClock(c.startAt ?? Date.now(), this);
      this.clock = manual;
      this.now = () => manual.now();
    } else {
      this.now = c && 'now' in c ? c.now : Date.now;
    }
    if (options.persistence) {
      this.log = new RecordLog(options.persistence);
      this.snapshots = new SnapshotStore(options.persistence);
    }
    this.wire();
  }

  /** One instant per command: every record and due date of a command uses the same "now", like Zeebe's. */
  private commandTime?: number;
  private readonly commandNow = (): number => this.commandTime ?? this.now();

  private wire(): void {
    this.writer = new RecordWriter(this.state, this.commandNow);
    const vars = new Variables(this.state, this.writer);
    const onErr = this.options.onInternalError ?? ((err: unknown) => console.error('[engine] internal error', err));
    this.bpmn = new Bpmn(this.state, this.writer, vars, this.commandNow, onErr);
    this.commands = new Commands(this.state, this.writer, this.bpmn);
  }

  start(): Promise<void> {
    this.stopped = false;
    this.starting ??= this.recover();
    // anything that fell due while the engine was down fires once, now
    return this.starting.then(() => this.processDue());
  }

  private async recover(): Promise<void> {
    if (!this.log || !this.snapshots) return;
    await this.log.init();
    const snapshot = await this.snapshots.latest();
    if (snapshot) {
      const models = new Map<string, ProcessModel>();
      for (const p of snapshot.processes) {
        if (models.has(`${p.checksum}\u0000${p.bpmnProcessId}`)) continue;
        for (const m of (await parseBpmn(p.xml, p.resourceName)).processes) models.set(`${p.checksum}\u0000${m.bpmnProcessId}`, m);
      }
      this.state = restoreSnapshot(snapshot, models);
      this.wire();
      this.recovery.snapshotPosition = snapshot.position;
    }
    for await (const records of this.log.readAll(snapshot?.position ?? 0)) {
      this.recovery.replayedRecords += records.length;
      for (const r of records) {
        if (r.valueType === 'PROCESS' && r.intent === 'CREATED') {
          const v = r.value as { resource: string; resourceName: string; checksum: string };
          const parsed = await parseBpmn(v.resource, v.resourceName);
          for (const m of parsed.processes) this.state.parsedModels.set(`${v.checksum}\u0000${m.bpmnProcessId}`, m);
        }
        applyRecord(this.state, r);
        this.state.position = r.position;
        const k = Number(r.key);
        if (Number.isSafeInteger(k) && k >= this.state.nextKey) this.state.nextKey = k + 1;
      }
    }
    // a long replayed tail is worth a fresh snapshot at the next opportunity
    this.recordsSinceSnapshot = this.recovery.replayedRecords;
  }

  async stop(): Promise<void> {
    const wasRunning = !this.stopped && this.starting !== undefined;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    await this.log?.flush();
    await this.snapshotting;
    if (wasRunning && this.recordsSinceSnapshot > 0) await this.snapshot();
  }

  /** Snapshot taken now (between commands), stored once the log holds everything up to it. */
  private snapshot(): Promise<void> {
    if (!this.log || !this.snapshots) return Promise.resolve();
    const snap = takeSnapshot(this.state);
    this.recordsSinceSnapshot = 0;
    const store = this.snapshots;
    const log = this.log;
    this.snapshotting = (async () => {
      await log.flush();
      await store.save(snap);
    })().catch((err: unknown) => (this.options.onInternalError ?? console.error)(err)).finally(() => {
      this.snapshotting = undefined;
    });
    return this.snapshotting;
  }

  async topology(): Promise<EngineTopology> {
    return { ready: !this.stopped && this.starting !== undefined, engine: 'embedded', detail: { durable: Boolean(this.log), position: this.state.position, ...this.recovery } };
  }

  /** Runs one command: process synchronously, then wait until its records are durable. */
  private async exec<T>(fn: () => T): Promise<T> {
    await (this.starting ??= this.recover());
    if (this.stopped) throw new EngineError('engine.unavailable', 'the engine is stopped');
    let result: T;
    this.commandTime = this.now();
    try {
      result = fn();
      this.bpmn.drain();
    } finally {
      this.commandTime = undefined;
      this.publish(this.writer.drain());
    }
    return result;
  }

  private published: Promise<void> = Promise.resolve();

  private publish(records: EngineRecord[]): void {
    if (this.log) {
      const durable = this.log.append(records);
      this.published = durable;
      if (records.length) void durable.then(() => this.emit(records), () => undefined);
      this.recordsSinceSnapshot += records.length;
      if (this.recordsSinceSnapshot >= (this.options.snapshotEveryRecords ?? 100_000) && !this.snapshotting) void this.snapshot();
    } else if (records.length) {
      const limit = this.options.historyLimit ?? 1_000_000;
      if (limit > 0) {
        for (const r of records) this.history.push(r);
        if (this.history.length > limit * 1.1) this.history = this.history.slice(this.history.length - limit);
      }
      this.emit(records);
    }
    if (records.length) this.arm();
  }

  private async run<T>(fn: () => T): Promise<T> {
    const result = await this.exec(fn);
    await this.published;
    return result;
  }

  private emit(records: EngineRecord[]): void {
    if (this.listeners.size === 0) return;
    for (const r of records) {
      for (const l of this.listeners) {
        try {
          l(r);
        } catch {
          // a listener's fault is its own
        }
      }
    }
  }

  // ---- scheduling ------------------------------------------------------------------------------------

  /** Arms one timeout for the nearest due item (capped, so any distance works). */
  private arm(): void {
    if (this.stopped) return;
    const next = this.state.due.peek();
    if (!next) return;
    if (this.clock) {
      // a manual clock moves only on advance(), but work that is already due (a timer date in the past) runs now
      if (next.due <= this.now() && !this.dueScheduled) {
        this.dueScheduled = true;
        setImmediate(() => {
          this.dueScheduled = false;
          if (!this.stopped) this.processDue().catch((err: unknown) => (this.options.onInternalError ?? console.error)(err));
        });
      }
      return;
    }
    if (this.timer && next.due >= this.armedFor) return;
    if (this.timer) clearTimeout(this.timer);
    const delay = Math.min(Math.max(0, next.due - this.now()), this.options.maxSchedulerStepMs ?? 3_600_000);
    this.armedFor = this.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.armedFor = Infinity;
      this.processDue().catch((err: unknown) => (this.options.onInternalError ?? console.error)(err));
    }, delay);
    this.timer.unref?.();
  }

  /** Fires everything due now (timers, job timeouts, message expiry). */
  async processDue(): Promise<void> {
    await this.run(() => this.commands.fireDue(this.commandNow()));
    this.arm();
  }

  // ---- the port --------------------------------------------------------------------------------------

  async deploy(resources: DeployResource[], tenantId: string = DEFAULT_TENANT): Promise<DeployResult> {
    if (!resources?.length) throw new EngineError('engine.deploy_invalid', 'a deployment needs at least one resource', []);
    const parsed: ParsedDeployResource[] = [];
    const problems: DeploymentProblem[] = [];
    for (const r of resources) {
      if (!/\.bpmn$/i.test(r.name) && !/\.xml$/i.test(r.name)) {
        problems.push({ resourceName: r.name, message: 'only BPMN resources (.bpmn) can be deployed' });
        continue;
      }
      const xml = guardXml(r.content, { resourceName: r.name });
      const result = await parseBpmn(xml, r.name);
      problems.push(...result.problems);
      for (const m of result.processes) {
        problems.push(...validateExpressions(m, r.name), ...versionRestrictions(m, r.name, this.options.allowInclusiveJoin ?? false));
      }
      parsed.push({ name: r.name, xml, checksum: createHash('sha256').update(xml).digest('hex'), processes: result.processes });
    }
    if (problems.length) {
      throw new EngineError('engine.deploy_invalid',
        `invalid deployment: ${problems.map((p) => (p.elementId ? `${p.elementId}: ${p.message}` : p.message)).join('; ')}`, problems);
    }
    return this.run(() => deploy(this.state, this.writer, this.commands, parsed, tenantId, this.commandNow()));
  }

  createInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
    return this.run(() => this.commands.createInstance(request));
  }

  cancelInstance(processInstanceKey: string): Promise<void> {
    return this.run(() => this.commands.cancelInstance(processInstanceKey));
  }

  modifyInstance(request: ModifyInstanceRequest): Promise<void> {
    return this.run(() => this.commands.modifyInstance(request));
  }

  setVariables(request: SetVariablesRequest): Promise<void> {
    return this.run(() => this.commands.setVariables(request));
  }

  publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
    return this.run(() => this.commands.publishMessage(request));
  }

  activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
    return this.run(() => this.commands.activateJobs(request));
  }

  completeJob(jobKey: string, variables?: Vars): Promise<void> {
    return this.run(() => this.commands.completeJob(jobKey, variables));
  }

  failJob(request: FailJobRequest): Promise<void> {
    return this.run(() => this.commands.failJob(request));
  }

  throwError(request: ThrowErrorRequest): Promise<void> {
    return this.run(() => this.commands.throwError(request));
  }

  updateJobRetries(jobKey: string, retries: number): Promise<void> {
    return this.run(() => this.commands.updateJobRetries(jobKey, retries));
  }

  resolveIncident(incidentKey: string): Promise<void> {
    return this.run(() => this.commands.resolveIncident(incidentKey));
  }

  async incidents(processInstanceKey?: string): Promise<Incident[]> {
    await (this.starting ??= this.recover());
    const out: Incident[] = [];
    for (const i of this.state.incidents.values()) {
      if (processInstanceKey && i.processInstanceKey !== processInstanceKey) continue;
      out.push({
        incidentKey: i.key, processInstanceKey: i.processInstanceKey, elementInstanceKey: i.elementInstanceKey, elementId: i.elementId,
        errorType: i.errorType, errorMessage: i.errorMessage, tenantId: i.tenantId, ...(i.jobKey ? { jobKey: i.jobKey } : {}),
      });
    }
    return out;
  }

  async records(query: RecordQuery): Promise<EngineRecord[]> {
    await (this.starting ??= this.recover());
    const matches = (r: EngineRecord): boolean =>
      (query.processInstanceKey === undefined || r.processInstanceKey === query.processInstanceKey) &&
      (query.valueType === undefined || r.valueType === query.valueType) &&
      (query.intent === undefined || r.intent === query.intent) &&
      (query.elementId === undefined || r.elementId === query.elementId) &&
      (query.fromPosition === undefined || r.position >= query.fromPosition);
    if (this.log) {
      await this.published;
      return this.log.query(query, matches);
    }
    const out: EngineRecord[] = [];
    const limit = query.limit ?? Infinity;
    for (const r of this.history) {
      if (!matches(r)) continue;
      out.push(r);
      if (out.length >= limit) break;
    }
    return out;
  }

  onRecord(listener: (record: EngineRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
