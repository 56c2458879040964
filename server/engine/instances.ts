import type { EngineRecord, Incident, Variables, WorkflowEngine } from '../../engine/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { OrgService } from '../org/org-service.js';
import type { Logger } from '../log/logger.js';
import { ProblemError } from '../http/problems.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Collection, DocumentStore } from '../store/port.js';
import type { DefinitionService } from './definitions.js';
import { instanceStateOf, openElementsOf, type InstanceState } from './instance-state.js';

export const INSTANCES_COLLECTION = 'engine_instances';

export interface InstanceView {
  key: string;
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  unitId: string;
  unitPath: string;
  startedBy: string;
  startedAt: string;
  state: InstanceState;
}

export interface InstanceDoc extends InstanceView {
  [key: string]: unknown;
  _id: string;
}

/** The API's view of an instance (no store fields). */
export function instanceView(d: InstanceView): InstanceView {
  const { key, bpmnProcessId, version, processDefinitionKey, unitId, unitPath, startedBy, startedAt, state } = d;
  return { key, bpmnProcessId, version, processDefinitionKey, unitId, unitPath, startedBy, startedAt, state };
}

export interface ModifyInput {
  activate?: { elementId: string; ancestorElementInstanceKey?: string; variables?: Variables }[];
  terminate?: string[];
}

/**
 * Process instances started through the server: who started them for which unit (so lists can be scoped),
 * with their state kept up to date from the engine's records.
 */
export class InstanceService {
  private readonly instances: Collection<InstanceDoc>;
  private unsubscribe?: () => void;

  constructor(
    store: DocumentStore,
    private readonly engine: WorkflowEngine,
    private readonly definitions: DefinitionService,
    private readonly org: OrgService,
    private readonly audit: AuditRecorder,
    private readonly logger?: Logger,
  ) {
    this.instances = store.collection<InstanceDoc>(INSTANCES_COLLECTION);
  }

  async init(): Promise<void> {
    await this.instances.createIndex({ fields: { unitPath: 1 } });
    this.unsubscribe = this.engine.onRecord((r) => void this.follow(r));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** The process's own completion/termination decides the instance state. */
  private async follow(record: EngineRecord): Promise<void> {
    if (record.valueType !== 'PROCESS_INSTANCE' || record.bpmnElementType !== 'PROCESS' || !record.processInstanceKey) return;
    const state = record.intent === 'ELEMENT_COMPLETED' ? 'COMPLETED' : record.intent === 'ELEMENT_TERMINATED' ? 'CANCELED' : undefined;
    if (!state) return;
    try {
      await this.instances.updateOne({ _id: record.processInstanceKey }, { $set: { state } });
    } catch (err) {
      this.logger?.warn({ err, key: record.processInstanceKey }, 'instance state not updated');
    }
  }

  async start(input: { bpmnProcessId: string; version?: number; variables?: Variables; unitId: string }, ctx: CommandContext): Promise<InstanceDoc> {
    const unit = this.org.require(input.unitId);
    // a pinned version names one definition; otherwise the nearest county variant of the template runs
    const processId = input.version === undefined ? await this.definitions.variantFor(input.bpmnProcessId, unit.path) : input.bpmnProcessId;
    const def = await this.definitions.resolve(processId, input.version);
    if (!unit.path.startsWith(def.scopeUnitPath)) {
      throw new ProblemError('http.forbidden', `process ${def.bpmnProcessId} is not deployed for unit ${unit._id}`);
    }
    const ref = await this.engine.createInstance({ bpmnProcessId: def.bpmnProcessId, version: def.version, variables: { unitId: unit._id, ...input.variables } });
    const doc: InstanceDoc = {
      _id: ref.processInstanceKey,
      key: ref.processInstanceKey,
      bpmnProcessId: ref.bpmnProcessId,
      version: ref.version,
      processDefinitionKey: ref.processDefinitionKey,
      unitId: unit._id,
      unitPath: unit.path,
      startedBy: ctx.actor.id,
      startedAt: new Date().toISOString(),
      state: 'ACTIVE',
      ...(processId !== input.bpmnProcessId ? { templateProcessId: input.bpmnProcessId } : {}),
    };
    await this.instances.insertOne(doc);
    // records written while the instance was being created (a process that completes at once) came before the doc
    const state = instanceStateOf(await this.engine.records({ processInstanceKey: ref.processInstanceKey }));
    if (state !== 'ACTIVE') await this.instances.updateOne({ _id: doc._id }, { $set: { state } });
    await this.audited(ctx, 'engine.instance.start', doc, { bpmnProcessId: doc.bpmnProcessId, version: doc.version, ...(doc.templateProcessId ? { templateProcessId: doc.templateProcessId } : {}) });
    return { ...doc, state };
  }

  async get(key: string): Promise<InstanceDoc> {
    const found = await this.instances.findOne({ _id: key });
    if (!found) throw new ProblemError('engine.not_found', `no process instance ${key}`);
    return found;
  }

  async detail(doc: InstanceDoc): Promise<{ state: InstanceState; elements: { elementId: string; elementInstanceKey: string; bpmnElementType?: string }[]; incidents: Incident[] }> {
    const records = await this.engine.records({ processInstanceKey: doc.key });
    const derived = instanceStateOf(records);
    return { state: derived === 'ACTIVE' ? doc.state : derived, elements: openElementsOf(records), incidents: await this.engine.incidents(doc.key) };
  }

  async history(key: string, fromPosition: number | undefined, limit: number): Promise<{ items: EngineRecord[]; nextPosition?: number }> {
    const items = await this.engine.records({ processInstanceKey: key, fromPosition, limit: limit + 1 });
    const page = items.slice(0, limit);
    return { items: page, nextPosition: items.length > limit ? items[limit]!.position : undefined };
  }

  async list(withinPaths: string[], filter: { bpmnProcessId?: string; state?: InstanceState }): Promise<InstanceDoc[]> {
    if (!withinPaths.length) return [];
    // scope in the query, so that the limit applies to the caller's instances, not everyone's
    const query: Record<string, unknown> = { $or: withinPaths.map((p) => ({ unitPath: { $regex: `^${escapeRegex(p)}` } })) };
    if (filter.bpmnProcessId) query.bpmnProcessId = filter.bpmnProcessId;
    if (filter.state) query.state = filter.state;
    return this.instances.find(query, { sort: { startedAt: -1 }, limit: 1000 });
  }

  async cancel(doc: InstanceDoc, ctx: CommandContext): Promise<void> {
    await this.engine.cancelInstance(doc.key);
    await this.instances.updateOne({ _id: doc._id }, { $set: { state: 'CANCELED' } });
    await this.audited(ctx, 'engine.instance.cancel', doc);
  }

  /** 退回 and operator repairs: activate elements and/or terminate element instances. */
  async modify(doc: InstanceDoc, input: ModifyInput, ctx: CommandContext): Promise<void> {
    await this.engine.modifyInstance({
      processInstanceKey: doc.key,
      activateInstructions: input.activate?.map((a) => ({
        elementId: a.elementId,
        ancestorElementInstanceKey: a.ancestorElementInstanceKey,
        variableInstructions: a.variables ? [{ variables: a.variables }] : undefined,
      })),
      terminateInstructions: input.terminate?.map((elementInstanceKey) => ({ elementInstanceKey })),
    });
    await this.audited(ctx, 'engine.instance.modify', doc, input);
  }

  /**
   * Sets variables on the instance (or on one of its element instances): how an operator fixes the data behind an
   * incident before resolving it. `local` keeps them on that scope instead of propagating them upward.
   */
  async setVariables(doc: InstanceDoc, input: { variables: Variables; elementInstanceKey?: string; local?: boolean }, ctx: CommandContext): Promise<void> {
    await this.engine.setVariables({ elementInstanceKey: input.elementInstanceKey ?? doc.key, variables: input.variables, local: input.local ?? false });
    await this.audited(ctx, 'engine.instance.set_variables', doc, input);
  }

  /** Open incidents of the instances whose unit lies within the given paths. */
  async incidents(withinPaths: string[]): Promise<(Incident & { unitId: string })[]> {
    const open = await this.engine.incidents();
    const out: (Incident & { unitId: string })[] = [];
    for (const incident of open) {
      const doc = await this.instances.findOne({ _id: incident.processInstanceKey });
      if (doc && withinPaths.some((p) => doc.unitPath.startsWith(p))) out.push({ ...incident, unitId: doc.unitId });
    }
    return out;
  }

  /** The open incident and the instance it belongs to (404 for incidents of instances the server did not start). */
  async incident(incidentKey: string): Promise<{ incident: Incident; instance: InstanceDoc }> {
    const incident = (await this.engine.incidents()).find((i) => i.incidentKey === incidentKey);
    if (!incident) throw new ProblemError('engine.not_found', `no open incident ${incidentKey}`);
    return { incident, instance: await this.get(incident.processInstanceKey) };
  }

  async resolve(incident: Incident, instance: InstanceDoc, retries: number | undefined, ctx: CommandContext): Promise<void> {
    if (retries !== undefined && incident.jobKey) await this.engine.updateJobRetries(incident.jobKey, retries);
    await this.engine.resolveIncident(incident.incidentKey);
    await this.audited(ctx, 'engine.incident.resolve', instance, { incidentKey: incident.incidentKey, errorType: incident.errorType, retries });
  }

  private async audited(ctx: CommandContext, action: string, doc: InstanceDoc, after?: unknown): Promise<void> {
    await this.audit.record({
      ...origin(ctx),
      action,
      object: { type: 'instance', id: doc.key },
      unitId: doc.unitId,
      unitPath: doc.unitPath,
      instanceId: doc.key,
      after,
    });
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
