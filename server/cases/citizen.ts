/**
 * What a citizen sees and does with a tracking number: a safe view (no names of staff or units, no
 * internal notes), a phone check that does not leak whether the number exists, and the satisfaction rating.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { WorkflowEngine } from '../../engine/index.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { DefinitionService } from '../engine/index.js';
import { ProblemError } from '../http/problems.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Stored } from '../store/port.js';
import type { CaseDoc, CaseSatisfaction } from './case.js';
import type { CaseEvents } from './events.js';
import type { CaseRepository } from './repository.js';

export const DISSATISFIED_MESSAGE = 'case-dissatisfied';
/** Long enough for a process that reaches its waiting point a little after the closing milestone. */
const MESSAGE_TTL_MS = 24 * 3600_000;

const PUBLIC_STATUS: Record<string, string> = {
  received: '已受理', filed: '已立案', rejected: '不予立案', dispatched: '已派遣', handling: '处置中', checking: '核查中',
  closed: '已结案', deferred: '缓办', suspended: '挂起', cancelled: '已撤销', reopened: '重新处置',
};

export function citizenView(c: CaseDoc) {
  return {
    trackingNumber: c.trackingNumber,
    title: c.title,
    status: c.status,
    statusLabel: PUBLIC_STATUS[c.status] ?? c.status,
    createdAt: c.createdAt,
    closedAt: c.closedAt ?? null,
    timeline: c.timeline.map((t) => ({ status: t.status, label: PUBLIC_STATUS[t.status] ?? t.status, at: t.at })),
    canRate: c.status === 'closed' && !c.satisfaction,
    satisfaction: c.satisfaction ? { score: c.satisfaction.score, satisfied: c.satisfaction.satisfied, at: c.satisfaction.at } : null,
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Full number or its last four digits; compared by hash in constant time. */
export function phoneMatches(stored: string | undefined, given: string): boolean {
  const phone = stored ?? '';
  const candidate = given.length === 4 ? phone.slice(-4) : phone;
  // evaluated for every input so that the time taken says nothing about which check failed
  const same = timingSafeEqual(digest(candidate), digest(given));
  return phone.length >= 4 && given.length >= 4 && same;
}

export class CitizenDesk {
  constructor(
    private readonly deps: { repo: CaseRepository; events: CaseEvents; audit: AuditRecorder; engine: WorkflowEngine; definitions: DefinitionService; now?: () => Date },
  ) {}

  /** The case, or one and the same 404 for an unknown number and a wrong phone. */
  async find(trackingNumber: string, phone: string): Promise<Stored<CaseDoc>> {
    const found = await this.deps.repo.byTrackingNumber(trackingNumber);
    if (!phoneMatches(found?.reporter.phone, phone) || !found) throw new ProblemError('case.not_found', 'no case with this tracking number and phone');
    return found;
  }

  /**
   * Records the rating once per closure. Dissatisfied, and the process has a `case-dissatisfied` message to wait
   * for: publish it (correlation key = caseId) so the process reopens handling, and count the reopening.
   */
  async rate(c: Stored<CaseDoc>, input: { score: number; comment?: string }, ctx: CommandContext): Promise<{ case: Stored<CaseDoc>; reopened: boolean }> {
    if (c.status !== 'closed') throw new ProblemError('case.invalid_state', 'satisfaction can be rated once the case is closed');
    const satisfaction: CaseSatisfaction = { score: input.score, satisfied: input.score >= 3, ...(input.comment ? { comment: input.comment } : {}), at: (this.deps.now?.() ?? new Date()).toISOString() };
    const rated = await this.deps.repo.cases.findOneAndUpdate({ _id: c._id, status: 'closed', satisfaction: { $exists: false } }, { $set: { satisfaction } });
    if (!rated) throw new ProblemError('case.satisfaction_recorded', 'this case was already rated');
    await this.deps.audit.record({ ...origin(ctx), action: 'case.satisfaction', object: { type: 'case', id: c._id }, caseId: c._id, unitId: c.unitId, unitPath: c.unitPath, after: { score: satisfaction.score, satisfied: satisfaction.satisfied } });
    await this.deps.events.emit('satisfaction', { case: rated, satisfaction });
    if (satisfaction.satisfied || !c.processInstanceKey || !(await this.waitsForDissatisfaction(c))) return { case: rated, reopened: false };
    await this.deps.engine.publishMessage({ name: DISSATISFIED_MESSAGE, correlationKey: c._id, messageId: `${c._id}:${c.reopenCount}`, timeToLive: MESSAGE_TTL_MS, variables: { satisfactionScore: satisfaction.score } });
    const at = satisfaction.at;
    // the rating moves to the history so that the next closure can be rated again
    const reopened = await this.deps.repo.cases.findOneAndUpdate(
      { _id: c._id },
      { $set: { status: 'handling' }, $unset: { satisfaction: '', closedAt: '', closedOnTime: '' }, $inc: { reopenCount: 1 }, $push: { timeline: { status: 'reopened', at }, satisfactionHistory: satisfaction } },
    );
    await this.deps.audit.record({ ...origin(ctx), action: 'case.reopen', object: { type: 'case', id: c._id }, caseId: c._id, unitId: c.unitId, unitPath: c.unitPath, after: { reopenCount: reopened?.reopenCount } });
    await this.deps.events.emit('reopened', { case: reopened! });
    return { case: reopened!, reopened: true };
  }

  /** "Where the process says so": the case's definition declares the dissatisfaction message. */
  private async waitsForDissatisfaction(c: CaseDoc): Promise<boolean> {
    try {
      const def = c.definitionKey ? await this.deps.definitions.byKey(c.definitionKey) : await this.deps.definitions.resolve(c.bpmnProcessId, c.definitionVersion ?? undefined);
      return new RegExp(`<bpmn:message[^>]*name="${DISSATISFIED_MESSAGE}"`).test(def.xml);
    } catch {
      return false;
    }
  }
}
