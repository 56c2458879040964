import { ProblemError } from '../http/problems.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { OrgService } from '../org/org-service.js';
import type { Collection, DocumentStore } from '../store/port.js';
import type { CaseChannel } from '../cases/case.js';

export const INTAKE_BINDINGS_COLLECTION = 'intake_bindings';
/** The library's urban-management process: what a unit without its own binding starts. */
export const DEFAULT_PROCESS_ID = 'urban-case';

/**
 * Which process a channel's reports start for a unit subtree, with the optional JSONata mapping from the intake
 * payload to extra variables, and the unit that receives reports no grid contains (the dispatcher queue).
 */
export interface IntakeBinding {
  _id: string;
  unitId: string;
  unitPath: string;
  channel: CaseChannel;
  bpmnProcessId: string;
  mappingId?: string;
  defaultUnitId?: string;
  updatedAt: string;
  updatedBy: string;
  [key: string]: unknown;
}

export class IntakeBindings {
  private readonly bindings: Collection<IntakeBinding>;

  constructor(
    store: DocumentStore,
    private readonly org: OrgService,
    private readonly audit: AuditRecorder,
    /** The kind of a stored mapping, undefined when there is none (the JSONata mapping registry). */
    private readonly mappingKindOf: (id: string) => Promise<string | undefined> = async () => undefined,
  ) {
    this.bindings = store.collection<IntakeBinding>(INTAKE_BINDINGS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.bindings.createIndex({ fields: { unitPath: 1 } });
  }

  /** The binding of the nearest unit on the path from `unitPath` up to the root; a default when none. */
  async resolve(unitPath: string, channel: CaseChannel): Promise<Pick<IntakeBinding, 'bpmnProcessId' | 'mappingId' | 'defaultUnitId'>> {
    const ancestors = unitPath.split('/').filter(Boolean);
    const ids = ancestors.map((id) => `${id}:${channel}`);
    const found = await this.bindings.find({ _id: { $in: ids } });
    for (const id of ids.reverse()) {
      const hit = found.find((b) => b._id === id);
      if (hit) return hit;
    }
    return { bpmnProcessId: DEFAULT_PROCESS_ID };
  }

  async list(withinPaths: string[]): Promise<IntakeBinding[]> {
    const all = await this.bindings.find({}, { sort: { unitPath: 1 } });
    return all.filter((b) => withinPaths.some((p) => b.unitPath.startsWith(p)));
  }

  async put(input: { unitId: string; channel: CaseChannel; bpmnProcessId: string; mappingId?: string; defaultUnitId?: string }, ctx: CommandContext): Promise<IntakeBinding> {
    const unit = this.org.require(input.unitId);
    if (input.defaultUnitId) {
      const fallback = this.org.tree.get(input.defaultUnitId);
      if (!fallback || !fallback.path.startsWith(unit.path)) throw new ProblemError('intake.binding_invalid', `defaultUnitId ${input.defaultUnitId} must lie in the subtree of ${unit._id}`);
    }
    if (input.mappingId && (await this.mappingKindOf(input.mappingId)) !== 'intake_to_variables') {
      throw new ProblemError('intake.binding_invalid', `mapping ${input.mappingId} does not exist or is not an intake_to_variables mapping`);
    }
    const _id = `${unit._id}:${input.channel}`;
    const before = await this.bindings.findOne({ _id });
    const doc: IntakeBinding = {
      _id,
      unitId: unit._id,
      unitPath: unit.path,
      channel: input.channel,
      bpmnProcessId: input.bpmnProcessId,
      ...(input.mappingId ? { mappingId: input.mappingId } : {}),
      ...(input.defaultUnitId ? { defaultUnitId: input.defaultUnitId } : {}),
      updatedAt: new Date().toISOString(),
      updatedBy: ctx.actor.id,
    };
    if (before) await this.bindings.replaceOne({ _id }, doc);
    else await this.bindings.insertOne(doc);
    await this.audit.record({ ...origin(ctx), action: 'intake.binding.put', object: { type: 'intake_binding', id: _id }, unitId: unit._id, unitPath: unit.path, before: before ?? undefined, after: doc });
    return doc;
  }
}
