// The WorkflowEngine port over a real Zeebe 8.5 gateway (gRPC, through @camunda8/sdk's ZeebeGrpcClient).
// History: every command this adapter sends and every job it activates is recorded; with our broker exporter
// (tools/zeebe-exporter) the broker's own events are followed from its JSON-lines file as well, which is also
// where incidents come from (the gateway cannot list them).
import { Camunda8 } from '@camunda8/sdk';
import type { Zeebe } from '@camunda8/sdk';
import { DEFAULT_TENANT, EngineError } from '../port.js';
import type {
  ActivateJobsRequest,
  ActivatedJob,
  CreateInstanceRequest,
  DeployResource,
  DeployResult,
  EngineRecord,
  EngineTopology,
  FailJobRequest,
  Incident,
  ModifyInstanceRequest,
  ProcessInstanceRef,
  PublishMessageRequest,
  PublishMessageResult,
  RecordQuery,
  SetVariablesRequest,
  ThrowErrorRequest,
  Variables,
  WorkflowEngine,
} from '../port.js';
import { ActuatorClock } from './actuator-clock.js';
import { toEngineError } from './grpc-errors.js';
import { openIncidents } from './incidents.js';
import { RecordLog } from './record-log.js';
import { RecordsFileReader } from './records-file-reader.js';
import { toActivatedJob, toDeployResult, toSdkResource } from './sdk-mapping.js';

export interface ZeebeEngineOptions {
  /** host:port of the gateway, e.g. `zeebe:26500`. */
  gatewayAddress: string;
  /** Use TLS to the gateway (default false: a gateway on a private network or loopback). */
  tls?: boolean;
  /** http://host:port of the broker's actuator; enables `clock` when the broker runs with a controlled clock. */
  managementAddress?: string;
  /** JSON-lines file written by our exporter on the same machine; enables broker records and incidents. */
  recordsFile?: string;
  /** How often the records file is followed for onRecord listeners (ms, default 200). */
  recordsPollMs?: number;
  /** activateJobs long-polls the gateway this long when no job is ready (ms, default 1000; 0 returns at once). */
  jobPollTimeoutMs?: number;
  /** A records file quiet this long counts as "the broker has caught up" (ms, default 300). */
  settleQuietMs?: number;
}

/** The Zeebe adapter adds waiting helpers for the broker's asynchronous history. */
export interface ZeebeEngine extends WorkflowEngine {
  readonly kind: 'zeebe';
  /** Resolves with the first record (already seen or arriving) that matches; rejects after `timeoutMs`. */
  waitForRecord(predicate: (record: EngineRecord) => boolean, timeoutMs?: number): Promise<EngineRecord>;
  /** Resolves once exported records have stopped arriving for a moment (bounded; no-op without a records file). */
  settle(): Promise<void>;
}

const SETTLE_LIMIT_MS = 10_000;

/** The SDK types variables as its own JSON document type; ours are plain JSON-serialisable records. */
type SdkVariables = Parameters<Zeebe.ZeebeGrpcClient['completeJob']>[0]['variables'];
const sdkVariables = (variables: Variables | undefined): SdkVariables & { [key: string]: never } =>
  (variables ?? {}) as SdkVariables & { [key: string]: never };

export function createZeebeEngine(options: ZeebeEngineOptions): ZeebeEngine {
  const log = new RecordLog();
  const reader = options.recordsFile
    ? new RecordsFileReader(options.recordsFile, log, options.recordsPollMs ?? 200)
    : undefined;
  const jobPollTimeoutMs = options.jobPollTimeoutMs ?? 1000;
  const settleQuietMs = options.settleQuietMs ?? 300;
  /** Where each activated job belongs, so that later job commands land in the right case history. */
  const jobInstances = new Map<string, { processInstanceKey: string; elementId: string }>();

  const zeebe = new Camunda8({
    ZEEBE_GRPC_ADDRESS: `${options.tls ? 'grpcs' : 'grpc'}://${options.gatewayAddress}`,
    CAMUNDA_AUTH_STRATEGY: 'NONE',
    zeebeGrpcSettings: {
      ZEEBE_CLIENT_LOG_LEVEL: 'NONE',
      // Retry only briefly on UNAVAILABLE/back-pressure, then report engine.unavailable instead of hanging.
      ZEEBE_GRPC_CLIENT_RETRY: true,
      ZEEBE_GRPC_CLIENT_MAX_RETRIES: 3,
      ZEEBE_GRPC_CLIENT_MAX_RETRY_TIMEOUT_SECONDS: 2,
    },
  }).getZeebeGrpcApiClient();

  const settle = async (): Promise<void> => {
    if (!reader) return;
    const limit = Date.now() + SETTLE_LIMIT_MS;
    let quietSince = Date.now();
    while (Date.now() < limit) {
      if ((await reader.catchUp()) > 0) quietSince = Date.now();
      else if (Date.now() - quietSince >= settleQuietMs) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const clock =
    options.managementAddress !== undefined ? new ActuatorClock(options.managementAddress, settle) : undefined;

  function recordCommand(
    intent: string,
    key: string,
    value: Record<string, unknown>,
    context: { processInstanceKey?: string; elementId?: string; tenantId?: string } = {},
  ): void {
    log.append({
      key,
      valueType: 'COMMAND',
      intent,
      timestamp: clock?.now() ?? Date.now(),
      tenantId: context.tenantId ?? DEFAULT_TENANT,
      processInstanceKey: context.processInstanceKey,
      elementId: context.elementId,
      value,
    });
  }

  /** Sends one command, records it (with its rejection, if any) and translates gRPC failures. */
  async function command<T>(
    intent: string,
    key: string,
    value: Record<string, unknown>,
    send: () => Promise<T>,
    context: (result: T | undefined) => { processInstanceKey?: string; elementId?: string; tenantId?: string } = () =>
      ({}),
  ): Promise<T> {
    try {
      const result = await send();
      recordCommand(intent, key, { ...value, outcome: 'ACCEPTED' }, context(result));
      return result;
    } catch (error) {
      const mapped = toEngineError(error, intent.toLowerCase());
      const code = mapped instanceof EngineError ? mapped.code : 'fault';
      recordCommand(intent, key, { ...value, outcome: 'REJECTED', rejection: code }, context(undefined));
      throw mapped;
    }
  }

  const tenantArg = (tenantId: string | undefined): string | undefined =>
    tenantId === undefined || tenantId === DEFAULT_TENANT ? undefined : tenantId;

  const jobContext = (jobKey: string) => () => jobInstances.get(jobKey) ?? {};

  const engine: ZeebeEngine = {
    kind: 'zeebe',
    clock,

    async start() {
      if (clock) await clock.sync();
      if (reader) {
        await reader.catchUp();
        reader.start();
      }
    },

    async stop() {
      reader?.stop();
      await zeebe.close(2000).catch(() => undefined);
    },

    async topology(): Promise<EngineTopology> {
      try {
        const topology = await zeebe.topology();
        const leaders = topology.brokers
          .flatMap((b) => b.partitions)
          .filter((p) => String(p.role) === 'LEADER' && String(p.health) !== 'DEAD');
        const led = new Set(leaders.map((p) => p.partitionId));
        const healthy = new Set(leaders.filter((p) => String(p.health) === 'HEALTHY').map((p) => p.partitionId));
        return {
          // Ready = every partition has a live leader, so every command can be processed. An UNHEALTHY leader
          // still processes (e.g. after the controlled test clock jumps, Zeebe reports "actor appears blocked"
          // for the stream processor indefinitely); `detail.healthyLeaders` tells the two apart.
          ready: topology.partitionsCount > 0 && led.size === topology.partitionsCount,
          engine: 'zeebe',
          detail: {
            gatewayVersion: topology.gatewayVersion,
            clusterSize: topology.clusterSize,
            partitionsCount: topology.partitionsCount,
            leaders: led.size,
            healthyLeaders: healthy.size,
            brokers: topology.brokers.map((b) => ({
              nodeId: b.nodeId,
              host: b.host,
              port: b.port,
              partitions: b.partitions.map((p) => ({ id: p.partitionId, role: String(p.role), health: String(p.health) })),
            })),
          },
        };
      } catch (error) {
        throw toEngineError(error, 'topology');
      }
    },

    async deploy(resources: DeployResource[], tenantId?: string): Promise<DeployResult> {
      const response = await command(
        'DEPLOY',
        '-1',
        { resources: resources.map((r) => r.name) },
        () => zeebe.deployResources(resources.map(toSdkResource), tenantArg(tenantId)),
        () => ({ tenantId }),
      );
      return toDeployResult(response);
    },

    async createInstance(request: CreateInstanceRequest): Promise<ProcessInstanceRef> {
      const response = await command(
        'CREATE_PROCESS_INSTANCE',
        '-1',
        { bpmnProcessId: request.bpmnProcessId, version: request.version, startInstructions: request.startInstructions },
        () =>
          zeebe.createProcessInstance({
            bpmnProcessId: request.bpmnProcessId,
            version: request.version ?? -1,
            variables: sdkVariables(request.variables),
            tenantId: tenantArg(request.tenantId),
            startInstructions: request.startInstructions,
          }),
        (r) => ({ processInstanceKey: r?.processInstanceKey, tenantId: request.tenantId }),
      );
      return {
        processInstanceKey: response.processInstanceKey,
        bpmnProcessId: response.bpmnProcessId,
        version: response.version,
        processDefinitionKey: response.processDefinitionKey,
        tenantId: response.tenantId || DEFAULT_TENANT,
      };
    },

    async cancelInstance(processInstanceKey: string) {
      await command('CANCEL_PROCESS_INSTANCE', processInstanceKey, {}, () => zeebe.cancelProcessInstance(processInstanceKey), () => ({
        processInstanceKey,
      }));
    },

    async modifyInstance(request: ModifyInstanceRequest) {
      await command(
        'MODIFY_PROCESS_INSTANCE',
        request.processInstanceKey,
        { activate: request.activateInstructions?.map((a) => a.elementId), terminate: request.terminateInstructions },
        () =>
          zeebe.modifyProcessInstance({
            processInstanceKey: request.processInstanceKey,
            activateInstructions: (request.activateInstructions ?? []).map((a) => ({
              elementId: a.elementId,
              // -1 lets the broker pick the only existing flow-scope instance (Zeebe's gRPC API contract)
              ancestorElementInstanceKey: a.ancestorElementInstanceKey ?? '-1',
              variableInstructions: (a.variableInstructions ?? []).map((v) => ({
                variables: sdkVariables(v.variables),
                scopeId: v.scopeId ?? '',
              })),
            })),
            terminateInstructions: request.terminateInstructions ?? [],
          }),
        () => ({ processInstanceKey: request.processInstanceKey }),
      );
    },

    async setVariables(request: SetVariablesRequest) {
      await command(
        'SET_VARIABLES',
        request.elementInstanceKey,
        { variableNames: Object.keys(request.variables), local: request.local ?? false },
        () =>
          zeebe.setVariables({
            elementInstanceKey: request.elementInstanceKey,
            variables: sdkVariables(request.variables),
            local: request.local ?? false,
          }),
      );
    },

    async publishMessage(request: PublishMessageRequest): Promise<PublishMessageResult> {
      const response = await command(
        'PUBLISH_MESSAGE',
        request.correlationKey,
        { name: request.name, correlationKey: request.correlationKey, messageId: request.messageId },
        () =>
          zeebe.publishMessage({
            name: request.name,
            correlationKey: request.correlationKey,
            variables: sdkVariables(request.variables),
            timeToLive: request.timeToLive ?? 0,
            messageId: request.messageId,
            tenantId: tenantArg(request.tenantId),
          }),
        () => ({ tenantId: request.tenantId }),
      );
      return { messageKey: response.key };
    },

    async activateJobs(request: ActivateJobsRequest): Promise<ActivatedJob[]> {
      let jobs;
      try {
        jobs = await zeebe.activateJobs({
          type: request.type,
          worker: request.worker,
          maxJobsToActivate: request.maxJobsToActivate,
          timeout: request.timeout,
          fetchVariable: request.fetchVariables,
          // negative: answer at once when nothing is ready (gateway semantics)
          requestTimeout: jobPollTimeoutMs > 0 ? jobPollTimeoutMs : -1,
        });
      } catch (error) {
        throw toEngineError(error, 'activate_jobs');
      }
      return jobs.map((raw) => {
        const job = toActivatedJob(raw);
        jobInstances.set(job.key, { processInstanceKey: job.processInstanceKey, elementId: job.elementId });
        log.append({
          key: job.key,
          valueType: 'JOB',
          intent: 'ACTIVATED',
          timestamp: clock?.now() ?? Date.now(),
          tenantId: job.tenantId,
          processInstanceKey: job.processInstanceKey,
          bpmnProcessId: job.bpmnProcessId,
          processDefinitionKey: job.processDefinitionKey,
          version: job.processDefinitionVersion,
          elementId: job.elementId,
          value: {
            type: job.type,
            worker: job.worker,
            retries: job.retries,
            deadline: job.deadline,
            elementInstanceKey: job.elementInstanceKey,
            customHeaders: job.customHeaders,
          },
        });
        return job;
      });
    },

    async completeJob(jobKey: string, variables?: Variables) {
      await command(
        'COMPLETE_JOB',
        jobKey,
        { variableNames: Object.keys(variables ?? {}) },
        () => zeebe.completeJob({ jobKey, variables: sdkVariables(variables) }),
        jobContext(jobKey),
      );
      jobInstances.delete(jobKey);
    },

    async failJob(request: FailJobRequest) {
      await command(
        'FAIL_JOB',
        request.jobKey,
        { retries: request.retries, errorMessage: request.errorMessage, retryBackOff: request.retryBackOff },
        () =>
          zeebe.failJob({
            jobKey: request.jobKey,
            retries: request.retries,
            errorMessage: request.errorMessage ?? '',
            retryBackOff: request.retryBackOff ?? 0,
            variables: request.variables && sdkVariables(request.variables),
          }),
        jobContext(request.jobKey),
      );
    },

    async throwError(request: ThrowErrorRequest) {
      await command(
        'THROW_ERROR',
        request.jobKey,
        { errorCode: request.errorCode, errorMessage: request.errorMessage },
        () =>
          zeebe.throwError({
            jobKey: request.jobKey,
            errorCode: request.errorCode,
            errorMessage: request.errorMessage,
            variables: request.variables && sdkVariables(request.variables),
          }),
        jobContext(request.jobKey),
      );
      jobInstances.delete(request.jobKey);
    },

    async updateJobRetries(jobKey: string, retries: number) {
      await command('UPDATE_JOB_RETRIES', jobKey, { retries }, () => zeebe.updateJobRetries({ jobKey, retries }), jobContext(jobKey));
    },

    async resolveIncident(incidentKey: string) {
      const incident = log.findLast((r) => r.valueType === 'INCIDENT' && r.key === incidentKey);
      await command('RESOLVE_INCIDENT', incidentKey, {}, () => zeebe.resolveIncident({ incidentKey }), () => ({
        processInstanceKey: incident?.processInstanceKey,
        elementId: incident?.elementId,
      }));
    },

    async incidents(processInstanceKey?: string): Promise<Incident[]> {
      await reader?.catchUp();
      return openIncidents(log.query({ valueType: 'INCIDENT', processInstanceKey }), processInstanceKey);
    },

    async records(query: RecordQuery): Promise<EngineRecord[]> {
      await reader?.catchUp();
      return log.query(query);
    },

    onRecord(listener: (record: EngineRecord) => void): () => void {
      return log.subscribe(listener);
    },

    async waitForRecord(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        await reader?.catchUp();
        const found = log.query({}).find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching engine record within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },

    settle,
  };
  return engine;
}
