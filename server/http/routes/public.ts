import { z } from 'zod';
import type { Request } from 'express';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import { requestOrigin, type CommandContext } from '../../identity/context.js';
import type { CaseServices } from '../../cases/index.js';
import { citizenView } from '../../cases/citizen.js';
import { TokenBuckets } from '../../intake/rate-limit.js';
import { readLimitedBody } from '../../attachments/read-body.js';
import { categorySchema, channelMessageIdSchema, locationSchema, phoneSchema } from '../../intake/schemas.js';

/** Citizen photos per case: enough to show the problem, bounded for an anonymous channel. */
export const CITIZEN_PHOTO_LIMIT = 3;
const CITIZEN_PHOTO_MAX_BYTES = 5 * 1024 * 1024;

const citizenCase = z.object({
  trackingNumber: z.string(),
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  timeline: z.array(z.object({ status: z.string(), label: z.string(), at: z.string() })),
  canRate: z.boolean(),
  satisfaction: z.object({ score: z.number(), satisfied: z.boolean(), at: z.string() }).nullable(),
});

export interface PublicLimits {
  /** Per client IP: reports, photo uploads, lookups and ratings together. */
  perIp: { capacity: number; perMinute: number };
  /** Per reporter phone: new reports. */
  perPhone: { capacity: number; perMinute: number };
}
export const DEFAULT_PUBLIC_LIMITS: PublicLimits = { perIp: { capacity: 30, perMinute: 10 }, perPhone: { capacity: 5, perMinute: 1 } };

/**
 * The citizen channel (QR code on a poster): no account, no captcha, but bounded — small bodies, rate limits per
 * IP and per phone, three photos per case, and a phone check for every look at a case.
 */
export function publicRoutes(cases: CaseServices, limits: PublicLimits = DEFAULT_PUBLIC_LIMITS): RouteDef[] {
  const byIp = new TokenBuckets(limits.perIp.capacity, limits.perIp.perMinute);
  const byPhone = new TokenBuckets(limits.perPhone.capacity, limits.perPhone.perMinute);
  const limit = (req: Request, phone?: string) => {
    if (!byIp.take(req.ip ?? 'unknown')) throw new ProblemError('http.too_many_requests', 'too many requests from this address; try again in a few minutes');
    if (phone !== undefined && !byPhone.take(phone)) throw new ProblemError('http.too_many_requests', 'too many reports for this phone; try again later');
  };
  const citizen = (req: Request): CommandContext => ({ actor: { kind: 'system', id: 'citizen', name: '群众' }, ...requestOrigin(req) });
  const tracking = z.object({ trackingNumber: z.string().regex(/^GZ-\d{8}-\d{6,}$/) });

  return [
    defineRoute({
      method: 'post',
      path: '/api/public/reports',
      operationId: 'citizenReport',
      summary: 'A citizen reports a problem (QR code: the poster names the unit); answers the tracking number.',
      tags: ['public'],
      access: { public: true, reason: 'citizens have no account; rate-limited per IP and phone' },
      body: z.object({
        unitId: z.string().min(1).max(64).describe('From the QR code.'),
        channelMessageId: channelMessageIdSchema.optional().describe('Client-generated: a resent report returns the same tracking number.'),
        category: categorySchema.optional(),
        title: z.string().trim().min(1).max(60),
        description: z.string().max(1000).default(''),
        location: locationSchema.default({}),
        reporter: z.object({ name: z.string().max(30).optional(), phone: phoneSchema }),
      }),
      status: 201,
      response: z.object({ trackingNumber: z.string(), status: z.string() }),
      handler: async ({ body, req, res }) => {
        limit(req, body.reporter.phone);
        const out = await cases.service.intake(
          {
            channel: 'citizen',
            channelMessageId: body.channelMessageId,
            baseUnitId: body.unitId,
            category: body.category ?? { kind: 'event', major: '群众反映', minor: '待分类' },
            caseKind: 'committed',
            urgent: false,
            title: body.title,
            description: body.description,
            location: body.location,
            reporter: body.reporter,
            payload: body,
          },
          citizen(req),
        );
        const answer = { trackingNumber: out.case.trackingNumber, status: out.case.status };
        if (!out.created) {
          res.status(200).json(answer);
          return undefined;
        }
        return answer;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/public/reports/:trackingNumber/photos',
      operationId: 'citizenReportPhoto',
      summary: 'Add a photo to one’s own report (raw JPEG/PNG/WebP body, at most three per case).',
      tags: ['public'],
      access: { public: true, reason: 'the reporter proves ownership with the phone; rate-limited per IP' },
      params: tracking,
      query: z.object({ phone: z.string().min(4).max(20), filename: z.string().min(1).max(100).default('photo') }),
      status: 201,
      response: z.object({ id: z.string(), size: z.number(), mime: z.string() }),
      handler: async ({ params, query, req }) => {
        limit(req);
        const c = await cases.citizen.find(params.trackingNumber, query.phone);
        if (c.attachments.length >= CITIZEN_PHOTO_LIMIT) {
          req.resume();
          throw new ProblemError('attachment.limit_reached', `a citizen report holds at most ${CITIZEN_PHOTO_LIMIT} photos`);
        }
        const bytes = await readLimitedBody(req, Math.min(CITIZEN_PHOTO_MAX_BYTES, cases.attachments.maxBytes));
        const a = await cases.attachments.store({ caseId: c._id, unitPath: c.unitPath, filename: query.filename, bytes, imagesOnly: true, uploadedBy: { kind: 'citizen', id: c.trackingNumber } });
        // the count is checked again in the update: concurrent uploads cannot exceed the limit
        const linked = await cases.repo.cases.updateOne({ _id: c._id, [`attachments.${CITIZEN_PHOTO_LIMIT - 1}`]: { $exists: false } }, { $push: { attachments: a._id } });
        if (linked.modified === 0) {
          await cases.attachments.remove(a);
          throw new ProblemError('attachment.limit_reached', `a citizen report holds at most ${CITIZEN_PHOTO_LIMIT} photos`);
        }
        return { id: a._id, size: a.size, mime: a.mime };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/public/cases/:trackingNumber',
      operationId: 'citizenTrackCase',
      summary: 'Track a case: tracking number plus the reporter’s phone (full, or its last four digits).',
      tags: ['public'],
      access: { public: true, reason: 'citizens have no account; phone check, rate-limited per IP' },
      params: tracking,
      query: z.object({ phone: z.string().min(4).max(20) }),
      response: citizenCase,
      handler: async ({ params, query, req }) => {
        limit(req);
        return citizenView(await cases.citizen.find(params.trackingNumber, query.phone));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/public/cases/:trackingNumber/satisfaction',
      operationId: 'citizenRateCase',
      summary: 'Rate a closed case once (1–5); dissatisfied (1–2) reopens handling where the process waits for it.',
      tags: ['public'],
      access: { public: true, reason: 'citizens have no account; phone check, rate-limited per IP' },
      params: tracking,
      body: z.object({ phone: z.string().min(4).max(20), score: z.number().int().min(1).max(5), comment: z.string().max(500).optional() }),
      response: citizenCase.extend({ reopened: z.boolean() }),
      handler: async ({ params, body, req }) => {
        limit(req);
        const c = await cases.citizen.find(params.trackingNumber, body.phone);
        const out = await cases.citizen.rate(c, { score: body.score, comment: body.comment }, citizen(req));
        return { ...citizenView(out.case), reopened: out.reopened };
      },
    }),
  ];
}
