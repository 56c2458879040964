import { createHash } from 'node:crypto';
import type { WorkflowEngine } from '../../engine/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { OrgService } from '../org/org-service.js';
import { ProblemError } from '../http/problems.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { DocumentStore, Collection } from '../store/port.js';

export const DEFINITIONS_COLLECTION = 'engine_definitions';

/** One deployed process version, kept by the server so that it can list and serve definitions on both engines. */
export interface DefinitionSummary {
  key: string;
  bpmnProcessId: string;
  version: number;
  resourceName: string;
  name: string;
  xmlHash: string;
  scopeUnitId: string;
  scopeUnitPath: string;
  deployedBy: string;
  deployedAt: string;
}

export interface DefinitionDoc extends DefinitionSummary {
  [key: string]: unknown;
  _id: string;
  xml: string;
}

/**
 * Deploys BPMN for an org unit (the tenant in our sense; the engine itself runs single-tenant so that Zeebe
 * brokers without multi-tenancy work). A process id belongs to the unit that first deployed it.
 */
export class DefinitionService {
  private readonly defs: Collection<DefinitionDoc>;

  constructor(
    store: DocumentStore,
    private readonly engine: WorkflowEngine,
    private readonly org: OrgService,
    private readonly audit: AuditRecorder,
  ) {
    this.defs = store.collection<DefinitionDoc>(DEFINITIONS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.defs.createIndex({ fields: { bpmnProcessId: 1, version: 1 } });
  }

  async deploy(input: { name: string; xml: string; scopeUnitId: string }, ctx: CommandContext): Promise<DefinitionSummary[]> {
    const unit = this.org.require(input.scopeUnitId);
    const resourceName = /\.bpmn$/i.test(input.name) ? input.name : `${input.name}.bpmn`;
    const result = await this.engine.deploy([{ name: resourceName, content: input.xml }]);
    const xmlHash = createHash('sha256').update(input.xml).digest('hex');
    const out: DefinitionSummary[] = [];
    for (const p of result.processes) {
      const owner = await this.defs.findOne({ bpmnProcessId: p.bpmnProcessId });
      if (owner && owner.scopeUnitId !== unit._id) {
        throw new ProblemError('definition.conflict', `process ${p.bpmnProcessId} belongs to unit ${owner.scopeUnitId}`);
      }
      const existing = await this.defs.findOne({ _id: p.processDefinitionKey });
      const doc: DefinitionDoc = existing ?? {
        _id: p.processDefinitionKey,
        key: p.processDefinitionKey,
        bpmnProcessId: p.bpmnProcessId,
        version: p.version,
        resourceName: p.resourceName,
        name: input.name,
        xmlHash,
        xml: input.xml,
        scopeUnitId: unit._id,
        scopeUnitPath: unit.path,
        deployedBy: ctx.actor.id,
        deployedAt: new Date().toISOString(),
      };
      if (!existing) await this.defs.insertOne(doc);
      out.push(summary(doc));
    }
    await this.audit.record({
      ...origin(ctx),
      action: 'engine.definition.deploy',
      object: { type: 'definition', id: result.deploymentKey },
      unitId: unit._id,
      unitPath: unit.path,
      after: out.map((d) => ({ bpmnProcessId: d.bpmnProcessId, version: d.version, key: d.key, xmlHash })),
    });
    return out;
  }

  /** Latest version of each process deployed within the given unit paths. */
  async list(withinPaths: string[]): Promise<DefinitionSummary[]> {
    const all = await this.defs.find({}, { sort: { bpmnProcessId: 1, version: -1 }, projection: { xml: 0 } });
    const latest = new Map<string, DefinitionDoc>();
    for (const d of all) if (withinPaths.some((p) => d.scopeUnitPath.startsWith(p)) && !latest.has(d.bpmnProcessId)) latest.set(d.bpmnProcessId, d);
    return [...latest.values()].map(summary);
  }

  async versions(bpmnProcessId: string): Promise<DefinitionSummary[]> {
    const found = await this.defs.find({ bpmnProcessId }, { sort: { version: -1 }, projection: { xml: 0 } });
    if (!found.length) throw new ProblemError('engine.not_found', `no process ${bpmnProcessId}`);
    return found.map(summary);
  }

  async byKey(key: string): Promise<DefinitionDoc> {
    const found = await this.defs.findOne({ _id: key });
    if (!found) throw new ProblemError('engine.not_found', `no process definition ${key}`);
    return found;
  }

  /**
   * County customisation: the variant of template `P` for unit `U` is the process `P_U` deployed for U (the id the
   * designer's derive gives it). Starting `P` for a unit runs the variant of the nearest unit on its path that has
   * one, else `P` itself — so a county's cases run the county's version and every other county's the city's.
   */
  async variantFor(bpmnProcessId: string, unitPath: string): Promise<string> {
    for (const unitId of unitPath.split('/').filter(Boolean).reverse()) {
      const id = variantProcessId(bpmnProcessId, unitId);
      if (await this.defs.findOne({ bpmnProcessId: id, scopeUnitId: unitId }, { projection: { xml: 0 } })) return id;
    }
    return bpmnProcessId;
  }

  /** The given version, or the latest. */
  async resolve(bpmnProcessId: string, version?: number): Promise<DefinitionDoc> {
    const [found] = await this.defs.find(version === undefined ? { bpmnProcessId } : { bpmnProcessId, version }, { sort: { version: -1 }, limit: 1 });
    if (!found) throw new ProblemError('engine.not_found', `no process ${bpmnProcessId}${version === undefined ? '' : ` version ${version}`}`);
    return found;
  }
}

/** The process id of a template's variant for a unit (the designer's `variantProcessId` names it the same way). */
export function variantProcessId(templateId: string, unitId: string): string {
  return `${templateId}_${unitId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function summary(d: DefinitionDoc): DefinitionSummary {
  const { key, bpmnProcessId, version, resourceName, name, xmlHash, scopeUnitId, scopeUnitPath, deployedBy, deployedAt } = d;
  return { key, bpmnProcessId, version, resourceName, name, xmlHash, scopeUnitId, scopeUnitPath, deployedBy, deployedAt };
}
