import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { SecurityServices } from '../../identity/services.js';
import type { Principal } from '../../identity/principal.js';
import { principalOf } from '../../authz/guard.js';
import type { AuditQuery } from '../../audit/audit-log.js';
import { verifyAuditChain } from '../../audit/verify.js';
import { csvHeader, csvRow } from '../../audit/export.js';
import type { DocumentStore } from '../../store/port.js';

const filters = z.object({
  caseId: z.string().max(128).optional(),
  actorId: z.string().max(128).optional(),
  unitId: z.string().max(64).optional(),
  action: z.string().max(128).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO-8601'),
  to: z.iso.datetime({ offset: true }).optional().describe('inclusive, ISO-8601'),
});

const verdict = z.object({
  ok: z.boolean(),
  checked: z.number(),
  headSeq: z.number(),
  firstBad: z.object({ seq: z.number(), problem: z.string(), detail: z.string() }).optional(),
});

const iso = (s: string | undefined) => (s ? new Date(s).toISOString() : undefined);

/** Auditors see the entries of their subtree (by the entry's unit); the unit filter narrows to one subtree. */
function auditQuery(s: SecurityServices, p: Principal, action: string, f: z.infer<typeof filters>): AuditQuery {
  let withinPaths = s.authz.scope(p, 'audit', action);
  if (f.unitId) {
    s.authz.require(p, 'audit', action, f.unitId);
    withinPaths = [s.org.require(f.unitId).path];
  }
  return { caseId: f.caseId, actorId: f.actorId, action: f.action, from: iso(f.from), to: iso(f.to), withinPaths };
}

/** The audit log: query (paged), export as CSV (UTF-8 BOM for Excel) or JSON, and verify the hash chain. */
export function auditRoutes(s: SecurityServices, store: DocumentStore): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/entries',
      operationId: 'queryAudit',
      summary: 'Audit entries by case, user, unit subtree and time range, oldest first, paged by cursor.',
      tags: ['audit'],
      access: { object: 'audit', action: 'read' },
      query: filters.extend({ limit: z.coerce.number().int().min(1).max(500).default(100), cursor: z.string().max(512).optional() }),
      handler: async ({ query, req }) => {
        const q = auditQuery(s, principalOf(req), 'read', query);
        return s.audit.query(q, { limit: query.limit, cursor: query.cursor ?? null });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/export',
      operationId: 'exportAudit',
      summary: 'Export matching audit entries as CSV (UTF-8 with BOM, RFC 4180) or JSON.',
      tags: ['audit'],
      access: { object: 'audit', action: 'export' },
      query: filters.extend({ format: z.enum(['csv', 'json']).default('csv') }),
      responseContentType: 'text/csv',
      handler: async ({ query, req, res }) => {
        const q = auditQuery(s, principalOf(req), 'export', query);
        const csv = query.format === 'csv';
        res.status(200);
        res.setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
        res.setHeader('Content-Disposition', `attachment; filename="audit.${query.format}"`);
        res.write(csv ? csvHeader() : '[');
        let cursor: string | null = null;
        let first = true;
        do {
          const page = await s.audit.query(q, { limit: 500, cursor });
          for (const e of page.items) {
            res.write(csv ? csvRow(e) : `${first ? '' : ','}\n${JSON.stringify(e)}`);
            first = false;
          }
          cursor = page.nextCursor;
        } while (cursor);
        res.end(csv ? '' : '\n]\n');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      operationId: 'verifyAudit',
      summary: 'Walk the hash chain and name the first entry that was edited, deleted or reordered.',
      tags: ['audit'],
      access: { object: 'audit', action: 'verify' },
      response: verdict,
      handler: () => verifyAuditChain(store),
    }),
  ];
}
