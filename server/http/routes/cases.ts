import { z } from 'zod';
import type { Request } from 'express';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import { principalOf } from '../../authz/guard.js';
import type { EngineServices } from '../../engine/index.js';
import type { CaseServices } from '../../cases/index.js';
import { CASE_CHANNELS, CASE_STATUSES, SLA_STATES, type CaseDoc } from '../../cases/case.js';
import { caseView, toCaseView } from '../../intake/schemas.js';
import type { Filter, Stored } from '../../store/port.js';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Cases of the caller's subtree: list with filters and cursor pages (phones masked), detail with history, links. */
export function caseRoutes(s: SecurityServices, cases: CaseServices, engine: EngineServices): RouteDef[] {
  const readable = async (req: Request, caseId: string, action = 'read'): Promise<Stored<CaseDoc>> => {
    const c = await cases.repo.byId(caseId);
    // a case outside the caller's subtree is as absent as an unknown one
    if (!c || !s.authz.allows(principalOf(req), 'case', 'read', c.unitId)) throw new ProblemError('case.not_found', `no case ${caseId}`);
    if (action !== 'read') s.authz.require(principalOf(req), 'case', action, c.unitId);
    return c;
  };

  return [
    defineRoute({
      method: 'get',
      path: '/api/cases',
      operationId: 'listCases',
      summary: 'Cases of the caller’s subtree, newest first, filtered; reporter phones masked.',
      tags: ['cases'],
      access: { object: 'case', action: 'read' },
      query: z.object({
        unitId: z.string().min(1).max(64).optional(),
        trackingNumber: z.string().min(1).max(40).optional(),
        status: z.enum(CASE_STATUSES).optional(),
        channel: z.enum(CASE_CHANNELS).optional(),
        categoryMajor: z.string().max(40).optional(),
        categoryKind: z.enum(['component', 'event']).optional(),
        slaState: z.enum(SLA_STATES).optional(),
        from: z.iso.datetime({ offset: true }).optional().describe('createdAt at or after'),
        to: z.iso.datetime({ offset: true }).optional().describe('createdAt before'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(500).optional(),
      }),
      response: z.object({ items: z.array(caseView), nextCursor: z.string().nullable() }),
      handler: async ({ query, req }) => {
        let paths = s.authz.scope(principalOf(req), 'case', 'read');
        if (query.unitId) {
          s.authz.require(principalOf(req), 'case', 'read', query.unitId);
          const path = s.org.tree.pathOf(query.unitId);
          paths = path ? paths.filter((p) => path.startsWith(p)).map(() => path) : [];
        }
        if (paths.length === 0) return { items: [], nextCursor: null };
        const and: Filter[] = [{ $or: paths.map((p) => ({ unitPath: { $regex: `^${escapeRegex(p)}` } })) }];
        if (query.trackingNumber) and.push({ trackingNumber: query.trackingNumber });
        if (query.status) and.push({ status: query.status });
        if (query.channel) and.push({ channel: query.channel });
        if (query.categoryMajor) and.push({ 'category.major': query.categoryMajor });
        if (query.categoryKind) and.push({ 'category.kind': query.categoryKind });
        if (query.slaState) and.push({ slaState: query.slaState });
        if (query.from) and.push({ createdAt: { $gte: new Date(query.from).toISOString() } });
        if (query.to) and.push({ createdAt: { $lt: new Date(query.to).toISOString() } });
        const page = await cases.repo.cases.findPage({ $and: and }, { sort: { createdAt: -1 }, limit: query.limit, cursor: query.cursor ?? null });
        return { items: page.items.map((c) => toCaseView(c, { maskPhone: true })), nextCursor: page.nextCursor };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId',
      operationId: 'getCase',
      summary: 'One case with its history: audit entries and the process instance’s engine records.',
      tags: ['cases'],
      access: { object: 'case', action: 'read' },
      params: z.object({ caseId: z.string().min(1).max(64) }),
      response: caseView.extend({
        timeline: z.array(z.object({ status: z.string(), at: z.string() })),
        audit: z.array(z.object({ seq: z.number(), at: z.string(), action: z.string(), actor: z.object({ kind: z.string(), id: z.string(), name: z.string().optional() }), outcome: z.string().optional() })),
        engineHistory: z.array(z.object({ position: z.number(), timestamp: z.number(), valueType: z.string(), intent: z.string(), elementId: z.string().optional(), bpmnElementType: z.string().optional() })),
      }),
      handler: async ({ params, req }) => {
        const c = await readable(req, params.caseId);
        const audit = await s.audit.query({ caseId: c._id, withinPaths: [c.unitPath] }, { limit: 200 });
        const history = c.processInstanceKey ? await engine.instances.history(c.processInstanceKey, undefined, 500) : { items: [] };
        return {
          ...toCaseView(c, { maskPhone: false }),
          timeline: c.timeline,
          audit: audit.items.map((e) => ({ seq: e.seq, at: e.at, action: e.action, actor: e.actor, outcome: e.outcome })),
          engineHistory: history.items.map((r) => ({ position: r.position, timestamp: r.timestamp, valueType: r.valueType, intent: r.intent, elementId: r.elementId, bpmnElementType: r.bpmnElementType })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/related',
      operationId: 'linkRelatedCase',
      summary: 'Relate two cases (both ways), e.g. the same event reported on two channels.',
      tags: ['cases'],
      access: { object: 'case', action: 'update' },
      params: z.object({ caseId: z.string().min(1).max(64) }),
      body: z.object({ relatedCaseId: z.string().min(1).max(64) }),
      response: caseView,
      handler: async ({ params, body, req }) => {
        const a = await readable(req, params.caseId, 'update');
        const b = await readable(req, body.relatedCaseId);
        return toCaseView(await cases.service.link(a, b, commandContext(req)), { maskPhone: false });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/start',
      operationId: 'retryCaseStart',
      summary: 'Retry starting the process of a case whose start failed (see startError).',
      tags: ['cases'],
      access: { object: 'case', action: 'update' },
      params: z.object({ caseId: z.string().min(1).max(64) }),
      response: caseView,
      handler: async ({ params, req }) => {
        const c = await readable(req, params.caseId, 'update');
        if (c.processInstanceKey) throw new ProblemError('case.invalid_state', 'the case’s process is already running');
        return toCaseView(await cases.service.retryIfFailed({ ...c, startError: c.startError ?? 'retry' }, commandContext(req)), { maskPhone: false });
      },
    }),
  ];
}
