/**
 * The registry of Form.io definitions over the DocumentStore: one editable draft per formKey, and immutable
 * published versions. A user task binds through `{ formKey, binding: 'latest' | 'pinned', version }`.
 */
import { createHash } from 'node:crypto';
import {
  lintFormDefinition,
  validateSubmission,
  type FormDefinition,
  type ValidateOptions,
  type ValidationResult,
} from '../../forms/index.js';
import type { AuditRecorder } from '../audit/index.js';
import { origin, type CommandContext } from '../identity/context.js';
import { ProblemError } from '../http/problems.js';
import type { Collection, DocumentStore, Stored } from '../store/port.js';

export const FORMS_COLLECTION = 'forms';
export const FORM_VERSIONS_COLLECTION = 'form_versions';

export type FormDoc = {
  _id: string;
  formKey: string;
  title: string;
  unitId: string;
  unitPath: string;
  draft: FormDefinition;
  latestVersion: number;
  updatedAt: string;
  updatedBy: string;
};

export type FormVersionDoc = {
  _id: string;
  formKey: string;
  version: number;
  title: string;
  definition: FormDefinition;
  /** SHA-256 of the definition's JSON, so a case can prove which form it was filled in. */
  hash: string;
  unitId: string;
  unitPath: string;
  publishedBy: string;
  publishedAt: string;
};

/**
 * As stored: definitions are kept as JSON text, because Form.io JSON legitimately holds nested arrays (table
 * rows, JSON Logic `in` lists) that not every DocumentStore adapter accepts, and because text hashes stably.
 */
type StoredForm = Omit<FormDoc, 'draft'> & { draftJson: string };
type StoredVersion = Omit<FormVersionDoc, 'definition'> & { definitionJson: string };

function formView({ draftJson, ...rest }: Stored<StoredForm>): Stored<FormDoc> {
  return { ...rest, draft: JSON.parse(draftJson) as FormDefinition };
}

function versionView({ definitionJson, ...rest }: Stored<StoredVersion>): Stored<FormVersionDoc> {
  return { ...rest, definition: JSON.parse(definitionJson) as FormDefinition };
}

export interface FormBinding {
  formKey: string;
  binding: 'latest' | 'pinned';
  version?: number;
}

export class FormRegistry {
  private readonly forms: Collection<StoredForm>;
  private readonly versions: Collection<StoredVersion>;

  constructor(
    store: DocumentStore,
    private readonly audit: AuditRecorder,
    private readonly pathOf: (unitId: string) => string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.forms = store.collection<StoredForm>(FORMS_COLLECTION);
    this.versions = store.collection<StoredVersion>(FORM_VERSIONS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.versions.createIndex({ fields: { formKey: 1, version: 1 }, unique: true });
  }

  async list(withinPaths: string[]): Promise<Stored<FormDoc>[]> {
    const all = await this.forms.find({}, { sort: { formKey: 1 } });
    return all.filter((f) => withinPaths.some((p) => f.unitPath.startsWith(p))).map(formView);
  }

  async get(formKey: string): Promise<Stored<FormDoc>> {
    const form = await this.forms.findOne({ _id: formKey });
    if (!form) throw new ProblemError('form.not_found', `no form ${formKey}`);
    return formView(form);
  }

  async create(input: { formKey: string; title: string; unitId: string; definition?: FormDefinition }, ctx: CommandContext): Promise<Stored<FormDoc>> {
    const doc: StoredForm = {
      _id: input.formKey,
      formKey: input.formKey,
      title: input.title,
      unitId: input.unitId,
      unitPath: this.pathOf(input.unitId),
      draftJson: JSON.stringify(input.definition ?? { components: [] }),
      latestVersion: 0,
      updatedAt: this.now().toISOString(),
      updatedBy: ctx.actor.id,
    };
    const stored = formView(await this.forms.insertOne(doc));
    await this.record('form.create', stored, ctx, { after: { title: doc.title } });
    return stored;
  }

  /** Drafts are editable and may be incomplete; the lint problems are returned, and enforced at publish. */
  async saveDraft(formKey: string, input: { title?: string; definition: FormDefinition }, ctx: CommandContext) {
    const form = await this.get(formKey);
    const updated = await this.forms.findOneAndUpdate(
      { _id: formKey },
      { $set: { draftJson: JSON.stringify(input.definition), title: input.title ?? form.title, updatedAt: this.now().toISOString(), updatedBy: ctx.actor.id } },
      { expectedVersion: form._v },
    );
    await this.record('form.draft.save', form, ctx, {});
    return { form: updated ? formView(updated) : form, problems: lintFormDefinition(input.definition) };
  }

  /** Freezes the draft as the next version; a definition with lint problems is refused (`form.invalid`). */
  async publish(formKey: string, ctx: CommandContext): Promise<Stored<FormVersionDoc>> {
    const form = await this.get(formKey);
    const problems = lintFormDefinition(form.draft);
    if (problems.length > 0) {
      throw new ProblemError('form.invalid', problems.map((p) => `${p.key}: ${p.message}`).join('; '), { errors: problems });
    }
    const version = form.latestVersion + 1;
    // compare-and-set on the form first: two concurrent publishes cannot both claim the same version
    await this.forms.updateOne({ _id: formKey }, { $set: { latestVersion: version } }, { expectedVersion: form._v });
    const definitionJson = JSON.stringify(form.draft);
    const stored = await this.versions.insertOne({
      _id: `${formKey}@${version}`,
      formKey,
      version,
      title: form.title,
      definitionJson,
      hash: createHash('sha256').update(definitionJson).digest('hex'),
      unitId: form.unitId,
      unitPath: form.unitPath,
      publishedBy: ctx.actor.id,
      publishedAt: this.now().toISOString(),
    });
    await this.record('form.publish', form, ctx, { after: { version, hash: stored.hash } });
    return versionView(stored);
  }

  async listVersions(formKey: string): Promise<Stored<Omit<FormVersionDoc, 'definition'>>[]> {
    await this.get(formKey);
    return this.versions.find({ formKey }, { sort: { version: -1 }, projection: { definitionJson: 0 } });
  }

  async version(formKey: string, version: number): Promise<Stored<FormVersionDoc>> {
    const found = await this.versions.findOne({ formKey, version });
    if (!found) throw new ProblemError('form.not_found', `no version ${version} of form ${formKey}`);
    return versionView(found);
  }

  /** The newest published version number, or null (no such form, or nothing published yet). */
  async latestVersionOf(formKey: string): Promise<number | null> {
    const form = await this.forms.findOne({ _id: formKey }, { projection: { latestVersion: 1 } });
    return form && form.latestVersion > 0 ? form.latestVersion : null;
  }

  /**
   * The newest version published at or before `at` (ISO instant), or null: a process deployed at `at` binds a
   * `formKey` without `@N` to the form as it stood when the process was deployed.
   */
  async versionAt(formKey: string, at: string): Promise<number | null> {
    const [found] = await this.versions.find({ formKey, publishedAt: { $lte: at } }, { sort: { version: -1 }, limit: 1, projection: { version: 1 } });
    return found ? found.version : null;
  }

  /** The published version a binding points at: the newest one, or the pinned one. */
  async resolve(binding: FormBinding): Promise<Stored<FormVersionDoc>> {
    if (binding.binding === 'pinned') {
      if (binding.version === undefined) throw new ProblemError('form.not_found', `pinned binding of ${binding.formKey} without a version`);
      return this.version(binding.formKey, binding.version);
    }
    const form = await this.get(binding.formKey);
    if (form.latestVersion === 0) throw new ProblemError('form.not_found', `form ${binding.formKey} has no published version`);
    return this.version(binding.formKey, form.latestVersion);
  }

  /**
   * Validates a submission against the bound version (the task-completion route calls this too). Business
   * outcome as a value: `{ ok: false, errors }` for an invalid submission; nothing is written either way.
   */
  async validate(binding: FormBinding, data: Record<string, unknown>, options: ValidateOptions = {}): Promise<ValidationResult & { version: number }> {
    const version = await this.resolve(binding);
    return { ...validateSubmission(version.definition, data, options), version: version.version };
  }

  private async record(action: string, form: FormDoc, ctx: CommandContext, change: { before?: unknown; after?: unknown }): Promise<void> {
    await this.audit.record({
      ...origin(ctx),
      action,
      object: { type: 'form', id: form.formKey },
      unitId: form.unitId,
      unitPath: form.unitPath,
      ...change,
    });
  }
}
