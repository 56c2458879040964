// Conversions between the port's shapes and @camunda8/sdk's gRPC shapes.
import { DEFAULT_TENANT } from '../port.js';
import type { ActivatedJob, DeployResource, DeployResult, ProcessDefinition, Variables } from '../port.js';
import type { Zeebe } from '@camunda8/sdk';

type SdkResource = Parameters<Zeebe.ZeebeGrpcClient['deployResources']>[0][number];
type SdkDeployResponse = Awaited<ReturnType<Zeebe.ZeebeGrpcClient['deployResources']>>;
type SdkJob = Awaited<ReturnType<Zeebe.ZeebeGrpcClient['activateJobs']>>[number];

/** The SDK picks the resource kind by property name; the gateway itself detects it from the file name. */
export function toSdkResource(resource: DeployResource): SdkResource {
  const content = Buffer.from(resource.content);
  if (resource.name.endsWith('.dmn')) return { name: resource.name, decision: content };
  if (resource.name.endsWith('.form')) return { name: resource.name, form: content };
  return { name: resource.name, process: content };
}

export function toDeployResult(response: SdkDeployResponse): DeployResult {
  const processes: ProcessDefinition[] = [];
  for (const deployment of response.deployments as Record<string, unknown>[]) {
    const process = deployment.process as Omit<ProcessDefinition, 'tenantId'> & { tenantId?: string } | undefined;
    if (!process) continue;
    processes.push({
      bpmnProcessId: process.bpmnProcessId,
      version: process.version,
      processDefinitionKey: String(process.processDefinitionKey),
      resourceName: process.resourceName,
      tenantId: process.tenantId || DEFAULT_TENANT,
    });
  }
  return { deploymentKey: String(response.key), processes };
}

/** The SDK parses variables and headers into (lossless) DTO objects; the port wants plain JSON values. */
function plain(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value ?? {})) as Record<string, unknown>;
}

export function toActivatedJob(job: SdkJob): ActivatedJob {
  const raw = job as SdkJob & { processDefinitionKey?: string };
  const headers = plain(job.customHeaders);
  return {
    key: job.key,
    type: job.type,
    processInstanceKey: job.processInstanceKey,
    bpmnProcessId: job.bpmnProcessId,
    processDefinitionVersion: Number(job.processDefinitionVersion),
    processDefinitionKey: String(raw.processDefinitionKey ?? ''),
    elementId: job.elementId,
    elementInstanceKey: job.elementInstanceKey,
    customHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
    worker: job.worker,
    retries: Number(job.retries),
    deadline: Number(job.deadline),
    variables: plain(job.variables) as Variables,
    tenantId: job.tenantId || DEFAULT_TENANT,
  };
}
