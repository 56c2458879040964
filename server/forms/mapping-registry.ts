/**
 * Named JSONata mappings edited by admins. Every save is syntax-checked (a syntax error is refused with its
 * position) and kept as an immutable version; the current mapping document points at the newest one.
 */
import { createHash } from 'node:crypto';
import { checkMapping, evaluateMapping, MappingError, type MappingLimits } from '../../forms/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { origin, type CommandContext } from '../identity/context.js';
import { ProblemError } from '../http/problems.js';
import type { Collection, DocumentStore, Stored } from '../store/port.js';

export const MAPPINGS_COLLECTION = 'mappings';
export const MAPPING_VERSIONS_COLLECTION = 'mapping_versions';

export const MAPPING_KINDS = ['intake_to_variables', 'variables_to_prefill', 'submission_to_variables'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

export type MappingDoc = {
  _id: string;
  kind: MappingKind;
  title: string;
  source: string;
  version: number;
  hash: string;
  unitId: string;
  unitPath: string;
  updatedBy: string;
  updatedAt: string;
};

export type MappingVersionDoc = Omit<MappingDoc, '_id'> & { _id: string; mappingId: string };

/** Turns a mapping fault into its problem document (`mapping.invalid` carries the position). */
export function mappingProblem(err: unknown): unknown {
  if (!(err instanceof MappingError)) return err;
  return new ProblemError(err.code, err.message, err.position === undefined ? {} : { position: err.position });
}

export class MappingRegistry {
  private readonly mappings: Collection<MappingDoc>;
  private readonly versions: Collection<MappingVersionDoc>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditRecorder,
    private readonly pathOf: (unitId: string) => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.mappings = store.collection<MappingDoc>(MAPPINGS_COLLECTION);
    this.versions = store.collection<MappingVersionDoc>(MAPPING_VERSIONS_COLLECTION);
  }

  async get(id: string): Promise<Stored<MappingDoc>> {
    const found = await this.mappings.findOne({ _id: id });
    if (!found) throw new ProblemError('mapping.not_found', `no mapping ${id}`);
    return found;
  }

  /** Mappings of units in the given subtrees (unit paths), optionally of one kind, by id. */
  async list(withinPaths: string[], kind?: MappingKind): Promise<Stored<MappingDoc>[]> {
    const all = await this.mappings.find(kind ? { kind } : {}, { sort: { _id: 1 } });
    return all.filter((m) => withinPaths.some((p) => m.unitPath.startsWith(p)));
  }

  async find(id: string): Promise<Stored<MappingDoc> | null> {
    return this.mappings.findOne({ _id: id });
  }

  /** Creates or replaces the mapping as a new version; refuses a syntax error with its position. */
  async save(id: string, input: { kind: MappingKind; title: string; source: string; unitId: string }, ctx: CommandContext): Promise<Stored<MappingDoc>> {
    const check = checkMapping(input.source);
    if (!check.ok) {
      throw new ProblemError('mapping.invalid', `${check.message} (position ${check.position})`, {
        position: check.position,
        jsonataCode: check.code,
      });
    }
    const existing = await this.find(id);
    const doc: MappingDoc = {
      _id: id,
      ...input,
      version: (existing?.version ?? 0) + 1,
      hash: createHash('sha256').update(input.source).digest('hex'),
      unitPath: this.pathOf(input.unitId),
      updatedBy: ctx.actor.id,
      updatedAt: this.now().toISOString(),
    };
    if (existing) await this.mappings.replaceOne({ _id: id }, doc, { expectedVersion: existing._v });
    else await this.mappings.insertOne(doc);
    await this.versions.insertOne({ ...doc, _id: `${id}@${doc.version}`, mappingId: id });
    await this.audit.record({
      ...origin(ctx),
      action: 'mapping.save',
      object: { type: 'mapping', id },
      unitId: doc.unitId,
      unitPath: doc.unitPath,
      before: existing ? { version: existing.version, source: existing.source } : undefined,
      after: { version: doc.version, source: doc.source },
    });
    return this.get(id);
  }

  /** Runs a stored mapping on an input (faults become `mapping.*` problems). */
  async run(id: string, input: unknown, limits: Partial<MappingLimits> = {}): Promise<unknown> {
    const mapping = await this.get(id);
    return evaluate(mapping.source, input, limits);
  }
}

/** Evaluates a source within bounds, turning faults into problems (the designer's live tester uses this). */
export async function evaluate(source: string, input: unknown, limits: Partial<MappingLimits> = {}): Promise<unknown> {
  try {
    return await evaluateMapping(source, input, limits);
  } catch (err) {
    throw mappingProblem(err);
  }
}
