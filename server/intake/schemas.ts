/** The zod shapes intake channels share (validated at the route, so services receive clean reports). */
import { z } from 'zod';
import { CASE_CHANNELS, CASE_KINDS, CASE_STATUSES, SLA_STATES, maskPhone, type CaseDoc } from '../cases/case.js';

const text = (max: number) => z.string().trim().min(1).max(max);

export const categorySchema = z.object({ kind: z.enum(['component', 'event']), major: text(40), minor: text(40), code: z.string().max(40).optional() });
export const locationSchema = z
  .object({ address: z.string().max(200).optional(), lng: z.number().min(-180).max(180).optional(), lat: z.number().min(-90).max(90).optional() })
  .refine((l) => (l.lng === undefined) === (l.lat === undefined), { message: 'give both lng and lat, or neither' });
export const phoneSchema = z.string().regex(/^\+?[0-9]{5,20}$/, 'digits only, 5 to 20');
export const reporterSchema = z.object({ name: z.string().max(50).optional(), phone: phoneSchema.optional() });
export const channelMessageIdSchema = z.string().min(1).max(128).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** The fields a staff channel (grid worker, hotline clerk) enters. */
export const staffReportSchema = z.object({
  unitId: z.string().min(1).max(64).optional().describe('Unit to route within; defaults to the caller’s unit.'),
  gridId: z.string().min(1).max(64).optional(),
  channelMessageId: channelMessageIdSchema.optional().describe('Client-generated id: resending the same report returns the same case.'),
  category: categorySchema,
  caseKind: z.enum(CASE_KINDS).default('committed'),
  urgent: z.boolean().default(false),
  level: z.number().int().min(1).max(9).optional(),
  title: text(100),
  description: z.string().max(4000).default(''),
  location: locationSchema.default({}),
  reporter: reporterSchema.default({}),
});

export const caseView = z.object({
  id: z.string(),
  trackingNumber: z.string(),
  unitId: z.string(),
  gridId: z.string().optional(),
  areaUnitId: z.string().optional(),
  channel: z.enum(CASE_CHANNELS),
  channelMessageId: z.string().optional(),
  category: categorySchema,
  caseKind: z.enum(CASE_KINDS),
  urgent: z.boolean(),
  level: z.number().optional(),
  title: z.string(),
  description: z.string(),
  location: z.object({ address: z.string().optional(), lng: z.number().optional(), lat: z.number().optional() }),
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }),
  attachments: z.array(z.string()),
  status: z.enum(CASE_STATUSES),
  slaState: z.enum(SLA_STATES),
  processInstanceKey: z.string().nullable(),
  bpmnProcessId: z.string(),
  definitionVersion: z.number().nullable(),
  relatedCaseIds: z.array(z.string()),
  createdAt: z.string(),
  filedAt: z.string().optional(),
  dueAt: z.string().optional(),
  closedAt: z.string().optional(),
  closedOnTime: z.boolean().optional(),
  reworkCount: z.number(),
  returnCount: z.number(),
  extensionCount: z.number(),
  reopenCount: z.number(),
  deferredAt: z.string().optional(),
  satisfaction: z.object({ score: z.number(), satisfied: z.boolean(), comment: z.string().optional(), at: z.string() }).optional(),
  warnings: z.array(z.string()),
  startError: z.string().optional(),
});
export type CaseView = z.infer<typeof caseView>;

/** The API view of a case; lists mask the reporter's phone. */
export function toCaseView(c: CaseDoc, opts: { maskPhone: boolean }): CaseView {
  const { _id, reporter, intakeKey: _k, appliedJobs: _a, timeline: _t, startClaim: _s, definitionKey: _d, _v, ...rest } = c as CaseDoc & { startClaim?: string; _v?: number };
  void _k; void _a; void _t; void _s; void _d; void _v;
  const view = { ...rest, id: _id, reporter: { ...reporter, phone: opts.maskPhone ? maskPhone(reporter.phone) : reporter.phone } };
  return caseView.parse(view);
}
