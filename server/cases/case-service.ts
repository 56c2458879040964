import { randomBytes } from 'node:crypto';
import type { Variables } from '../../engine/index.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { InstanceService } from '../engine/index.js';
import type { MappingRegistry } from '../forms/index.js';
import { GridLocator } from '../geo/grid-locator.js';
import { ProblemError } from '../http/problems.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { IntakeBindings } from '../intake/bindings.js';
import type { Logger } from '../log/logger.js';
import type { OrgService } from '../org/org-service.js';
import type { Unit } from '../org/unit.js';
import type { Stored } from '../store/port.js';
import { categoryCode, maskPhone, type CaseCategory, type CaseChannel, type CaseDoc, type CaseKind, type CaseLocation, type CaseReporter } from './case.js';
import type { CaseEvents } from './events.js';
import { intakeKeyOf, type CaseRepository } from './repository.js';

/** A report as every intake channel hands it over, after the channel's own validation. */
export interface IntakeReport {
  channel: CaseChannel;
  channelMessageId?: string;
  /** The unit the report came in for (the caller's, or the QR code's): grid routing searches its subtree. */
  baseUnitId: string;
  gridId?: string;
  category: CaseCategory;
  caseKind: CaseKind;
  urgent: boolean;
  level?: number;
  title: string;
  description: string;
  location: CaseLocation;
  reporter: CaseReporter;
  /** The channel's raw payload, input to the binding's JSONata mapping. */
  payload?: unknown;
}

/** A start claim older than this is considered abandoned (the server died while starting). */
const START_CLAIM_MS = 60_000;

export class CaseService {
  readonly locator: GridLocator;

  constructor(
    private readonly deps: {
      repo: CaseRepository;
      events: CaseEvents;
      org: OrgService;
      audit: AuditRecorder;
      instances: InstanceService;
      bindings: IntakeBindings;
      mappings: MappingRegistry;
      logger?: Logger;
      now?: () => Date;
    },
  ) {
    this.locator = new GridLocator(deps.org.tree);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Creates the case, then starts its process instance. Order: the case is written first (status `received`,
   * no instance key), so an instance never exists without its case — the `gongzhi-case` worker finds the case
   * by the `caseId` variable. When starting fails, the case keeps `startError` (visible in lists, retried by
   * `POST /api/cases/:id/start` or by the same channel message arriving again) instead of being half-deleted.
   * A redelivered channel message returns the existing case (`created: false`).
   */
  async intake(report: IntakeReport, ctx: CommandContext): Promise<{ case: Stored<CaseDoc>; created: boolean }> {
    if (report.channelMessageId) {
      const existing = await this.deps.repo.byChannelMessage(report.channel, report.channelMessageId);
      if (existing) return { case: await this.retryIfFailed(existing, ctx), created: false };
    }
    const base = this.deps.org.tree.get(report.baseUnitId);
    if (!base || base.disabled) throw new ProblemError('intake.invalid_unit', `unknown unit ${report.baseUnitId}`);
    const placed = this.place(report, base, (await this.deps.bindings.resolve(base.path, report.channel)).defaultUnitId);
    // the process follows the case's own unit: a grid or township may bind its own process inside the county's
    const binding = await this.deps.bindings.resolve(placed.unit.path, report.channel);
    const now = this.now().toISOString();
    const _id = randomBytes(9).toString('base64url');
    const doc: CaseDoc = {
      _id,
      trackingNumber: await this.deps.repo.nextTrackingNumber(this.now()),
      unitId: placed.unit._id,
      unitPath: placed.unit.path,
      ...(placed.grid ? { gridId: placed.grid._id } : {}),
      ...(placed.area ? { areaUnitId: placed.area._id } : {}),
      channel: report.channel,
      ...(report.channelMessageId ? { channelMessageId: report.channelMessageId } : {}),
      intakeKey: report.channelMessageId ? intakeKeyOf(report.channel, report.channelMessageId) : `case:${_id}`,
      category: report.category,
      caseKind: report.caseKind,
      urgent: report.urgent,
      ...(report.level !== undefined ? { level: report.level } : {}),
      title: report.title,
      description: report.description,
      location: report.location,
      reporter: report.reporter,
      attachments: [],
      status: 'received',
      slaState: 'normal',
      processInstanceKey: null,
      bpmnProcessId: binding.bpmnProcessId,
      definitionKey: null,
      definitionVersion: null,
      relatedCaseIds: [],
      createdAt: now,
      reworkCount: 0,
      returnCount: 0,
      extensionCount: 0,
      reopenCount: 0,
      warnings: placed.warnings,
      appliedJobs: [],
      timeline: [{ status: 'received', at: now }],
    };
    const inserted = await this.deps.repo.insertIdempotent(doc);
    if (!inserted.created) return { case: await this.retryIfFailed(inserted.case, ctx), created: false };
    await this.deps.audit.record({ ...origin(ctx), action: 'case.create', object: { type: 'case', id: _id }, caseId: _id, unitId: doc.unitId, unitPath: doc.unitPath, after: publicLog(doc) });
    await this.deps.events.emit('created', { case: inserted.case });
    return { case: await this.start(inserted.case, binding.mappingId, report.payload, ctx), created: true };
  }

  /** Grid routing: explicit grid, else the grid containing the coordinates, else the dispatcher queue. */
  private place(report: IntakeReport, base: Unit, defaultUnitId: string | undefined): { unit: Unit; grid?: Unit; area?: Unit; warnings: string[] } {
    const tree = this.deps.org.tree;
    let grid: Unit | undefined;
    if (report.gridId) {
      grid = tree.get(report.gridId);
      if (!grid || grid.kind !== 'grid' || !grid.path.startsWith(base.path)) throw new ProblemError('intake.invalid_unit', `grid ${report.gridId} is not a grid under ${base._id}`);
    } else if (report.location.lng !== undefined && report.location.lat !== undefined) {
      grid = this.locator.locate(report.location.lng, report.location.lat, base.path);
    }
    if (grid) return { unit: grid, grid, area: areaOf(grid, tree.get.bind(tree)), warnings: [] };
    const fallback = (defaultUnitId && tree.get(defaultUnitId)) || base;
    const warnings = report.location.lng !== undefined ? [`no grid under ${base._id} contains (${report.location.lng}, ${report.location.lat}): sent to the dispatcher queue of ${fallback._id}`] : [];
    return { unit: fallback, area: areaOf(fallback, tree.get.bind(tree)), warnings };
  }

  /** Retries starting a case whose earlier start failed; other cases are returned unchanged. */
  async retryIfFailed(doc: Stored<CaseDoc>, ctx: CommandContext): Promise<Stored<CaseDoc>> {
    if (doc.processInstanceKey || !doc.startError) return doc;
    const binding = await this.deps.bindings.resolve(doc.unitPath, doc.channel);
    return this.start(doc, binding.mappingId, undefined, ctx);
  }

  private async start(doc: Stored<CaseDoc>, mappingId: string | undefined, payload: unknown, ctx: CommandContext): Promise<Stored<CaseDoc>> {
    const repo = this.deps.repo;
    const claimedBefore = new Date(this.now().getTime() - START_CLAIM_MS).toISOString();
    // one starter at a time: two deliveries of a failed message must not start two instances
    const claimed = await repo.cases.findOneAndUpdate(
      { _id: doc._id, processInstanceKey: null, $or: [{ startClaim: { $exists: false } }, { startClaim: { $lt: claimedBefore } }] },
      { $set: { startClaim: this.now().toISOString() } },
    );
    if (!claimed) return (await repo.byId(doc._id)) ?? doc;
    try {
      const extra = mappingId ? await this.deps.mappings.run(mappingId, { case: caseVariables(claimed), payload: payload ?? null }) : undefined;
      const variables: Variables = { ...(isPlainObject(extra) ? extra : {}), ...caseVariables(claimed) };
      const instance = await this.deps.instances.start({ bpmnProcessId: claimed.bpmnProcessId, variables, unitId: claimed.unitId }, ctx);
      const after = await repo.cases.findOneAndUpdate(
        { _id: doc._id },
        // the process actually running: a unit's county variant (`<template>_<unit>`) rather than the bound template
        { $set: { processInstanceKey: instance.key, bpmnProcessId: instance.bpmnProcessId, definitionKey: instance.processDefinitionKey, definitionVersion: instance.version }, $unset: { startError: '', startClaim: '' } },
      );
      return after ?? claimed;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.deps.logger?.warn({ err: error, caseId: doc._id }, 'case process not started');
      const after = await repo.cases.findOneAndUpdate({ _id: doc._id }, { $set: { startError: message }, $unset: { startClaim: '' } });
      await this.deps.audit.record({ ...origin(ctx), action: 'case.start', object: { type: 'case', id: doc._id }, caseId: doc._id, unitId: doc.unitId, unitPath: doc.unitPath, outcome: 'failed', after: { error: message } });
      return after ?? claimed;
    }
  }

  async get(id: string): Promise<Stored<CaseDoc>> {
    const found = await this.deps.repo.byId(id);
    if (!found) throw new ProblemError('case.not_found', `no case ${id}`);
    return found;
  }

  /** Links two cases both ways (same event reported twice, follow-up report ...). */
  async link(a: Stored<CaseDoc>, b: Stored<CaseDoc>, ctx: CommandContext): Promise<Stored<CaseDoc>> {
    if (a._id === b._id) throw new ProblemError('case.invalid_state', 'a case cannot be related to itself');
    const after = await this.deps.repo.cases.findOneAndUpdate({ _id: a._id, relatedCaseIds: { $ne: b._id } }, { $push: { relatedCaseIds: b._id } });
    await this.deps.repo.cases.updateOne({ _id: b._id, relatedCaseIds: { $ne: a._id } }, { $push: { relatedCaseIds: a._id } });
    await this.deps.audit.record({ ...origin(ctx), action: 'case.link', object: { type: 'case', id: a._id }, caseId: a._id, unitId: a.unitId, unitPath: a.unitPath, after: { relatedCaseId: b._id } });
    return after ?? (await this.get(a._id));
  }
}

/** The instance variables every case process gets (the task projector reads unitId, caseId, category, priority). */
export function caseVariables(c: CaseDoc): Variables {
  return {
    caseId: c._id,
    trackingNumber: c.trackingNumber,
    unitId: c.unitId,
    gridId: c.gridId ?? null,
    areaUnitId: c.areaUnitId ?? null,
    channel: c.channel,
    category: categoryCode(c.category),
    categoryKind: c.category.kind,
    categoryMajor: c.category.major,
    categoryMinor: c.category.minor,
    caseKind: c.caseKind,
    urgent: c.urgent,
    level: c.level ?? null,
    priority: c.urgent ? 80 : 50,
    title: c.title,
    description: c.description,
    address: c.location.address ?? null,
    lng: c.location.lng ?? null,
    lat: c.location.lat ?? null,
    reporterPhoneMasked: maskPhone(c.reporter.phone) ?? null,
  };
}

/** The township (or county) a unit belongs to: the area whose dispatcher is responsible. */
function areaOf(unit: Unit, get: (id: string) => Unit | undefined): Unit | undefined {
  for (let u: Unit | undefined = unit; u; u = u.parentId ? get(u.parentId) : undefined) {
    if (u.kind === 'township' || u.kind === 'county') return u;
  }
  return undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the audit log keeps of a case: no reporter phone in clear. */
function publicLog(c: CaseDoc) {
  return { trackingNumber: c.trackingNumber, channel: c.channel, channelMessageId: c.channelMessageId, unitId: c.unitId, category: c.category, caseKind: c.caseKind, urgent: c.urgent, warnings: c.warnings, reporterPhone: maskPhone(c.reporter.phone) };
}
