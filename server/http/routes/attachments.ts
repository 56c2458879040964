import { z } from 'zod';
import { pipeline } from 'node:stream/promises';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext, origin } from '../../identity/context.js';
import { principalOf } from '../../authz/guard.js';
import type { CaseServices } from '../../cases/index.js';
import { attachmentView } from '../../attachments/attachment.js';
import { readLimitedBody } from '../../attachments/read-body.js';

const attachmentOut = z.object({ id: z.string(), caseId: z.string(), filename: z.string(), mime: z.string(), size: z.number(), sha256: z.string(), uploadedAt: z.string() });

/**
 * Case attachments: the raw file is the request body (any Content-Type; the type is sniffed from the bytes),
 * the name comes in `?filename=`. Downloads are authorised by the scope of the case.
 */
export function attachmentRoutes(s: SecurityServices, cases: CaseServices): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/cases/:caseId/attachments',
      operationId: 'uploadCaseAttachment',
      summary: 'Attach a photo or document to a case (raw body; JPEG, PNG, WebP, PDF, DOCX, XLSX by content).',
      tags: ['attachments'],
      access: { object: 'attachment', action: 'create' },
      params: z.object({ caseId: z.string().min(1).max(64) }),
      query: z.object({ filename: z.string().min(1).max(200) }),
      status: 201,
      response: attachmentOut,
      handler: async ({ params, query, req }) => {
        const principal = principalOf(req);
        const c = await cases.repo.byId(params.caseId);
        if (!c || !s.authz.allows(principal, 'case', 'read', c.unitId)) throw new ProblemError('case.not_found', `no case ${params.caseId}`);
        s.authz.require(principal, 'attachment', 'create', c.unitId);
        const bytes = await readLimitedBody(req, cases.attachments.maxBytes);
        const a = await cases.attachments.store({ caseId: c._id, unitPath: c.unitPath, filename: query.filename, bytes, uploadedBy: { kind: principal.kind, id: principal.id } });
        try {
          await cases.repo.cases.updateOne({ _id: c._id }, { $push: { attachments: a._id } });
        } catch (error) {
          await cases.attachments.remove(a);
          throw error;
        }
        const ctx = commandContext(req);
        await s.audit.record({ ...origin(ctx), action: 'case.attachment.add', object: { type: 'attachment', id: a._id }, caseId: c._id, unitId: c.unitId, unitPath: c.unitPath, after: attachmentView(a) });
        return attachmentView(a);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/cases/:caseId/attachments',
      operationId: 'listCaseAttachments',
      summary: 'The files of a case (name, sniffed type, size, SHA-256), oldest first.',
      tags: ['attachments'],
      access: { object: 'case', action: 'read' },
      params: z.object({ caseId: z.string().min(1).max(64) }),
      response: z.object({ items: z.array(attachmentOut) }),
      handler: async ({ params, req }) => {
        const c = await cases.repo.byId(params.caseId);
        if (!c || !s.authz.allows(principalOf(req), 'case', 'read', c.unitId)) throw new ProblemError('case.not_found', `no case ${params.caseId}`);
        const docs = await cases.attachments.docs.find({ caseId: c._id }, { sort: { uploadedAt: 1 } });
        return { items: docs.map(attachmentView) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/attachments/:attachmentId',
      operationId: 'downloadAttachment',
      summary: 'Download an attachment (as its sniffed type, always as a download).',
      tags: ['attachments'],
      access: { object: 'case', action: 'read' },
      params: z.object({ attachmentId: z.string().min(1).max(80) }),
      responseContentType: 'application/octet-stream',
      handler: async ({ params, req, res }) => {
        const a = await cases.attachments.docs.findOne({ _id: params.attachmentId });
        const unitId = a ? (await cases.repo.byId(a.caseId))?.unitId : undefined;
        if (!a || !unitId || !s.authz.allows(principalOf(req), 'case', 'read', unitId)) throw new ProblemError('attachment.not_found', `no attachment ${params.attachmentId}`);
        const body = await cases.attachments.open(a);
        res.status(200);
        res.setHeader('Content-Type', a.mime);
        res.setHeader('Content-Length', String(a.size));
        res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
        res.setHeader('Cache-Control', 'private, no-store');
        await pipeline(body, res);
      },
    }),
  ];
}
