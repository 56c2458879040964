import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import { principalOf } from '../../authz/guard.js';
import type { CaseServices } from '../../cases/index.js';
import type { IntakeReport } from '../../cases/case-service.js';
import { CASE_CHANNELS, CASE_KINDS, type CaseChannel } from '../../cases/case.js';
import { categorySchema, caseView, channelMessageIdSchema, locationSchema, reporterSchema, staffReportSchema, toCaseView } from '../../intake/schemas.js';
import type { Request, Response } from 'express';

/**
 * Intake per channel. Staff channels use a session: grid workers `intake:create`, hotline clerks `case:create`; systems
 * (video platform, 110) use an API token scoped `intake:video` / `intake:police110`. A channel message id makes
 * delivery idempotent: the first delivery answers 201, any repeat 200 with the same case.
 */
export function intakeRoutes(s: SecurityServices, cases: CaseServices): RouteDef[] {
  const receive = async (req: Request, res: Response, access: { object: string; action: string }, report: Omit<IntakeReport, 'baseUnitId'> & { unitId?: string }) => {
    const principal = principalOf(req);
    const baseUnitId = report.unitId ?? principal.unitId;
    s.authz.require(principal, access.object, access.action, baseUnitId);
    const { unitId: _u, ...rest } = report;
    void _u;
    const out = await cases.service.intake({ ...rest, baseUnitId }, commandContext(req));
    return { out, respond: () => respond(res, out) };
  };

  const staff = (channel: CaseChannel, path: string, operationId: string, summary: string, access: { object: string; action: string }, needsReporter: boolean) =>
    defineRoute({
      method: 'post',
      path,
      operationId,
      summary,
      tags: ['intake'],
      access,
      body: needsReporter ? staffReportSchema.extend({ reporter: reporterSchema.required({ phone: true }) }) : staffReportSchema,
      status: 201,
      response: caseView,
      handler: async ({ body, req, res }) => (await receive(req, res, access, { channel, ...body, payload: body })).respond(),
    });

  const systemBase = z.object({
    unitId: z.string().min(1).max(64).optional().describe('Unit to route within; defaults to the token’s unit.'),
    channelMessageId: channelMessageIdSchema,
    category: categorySchema,
    caseKind: z.enum(CASE_KINDS).default('committed'),
    urgent: z.boolean().default(false),
    title: z.string().trim().min(1).max(100),
    description: z.string().max(4000).default(''),
    location: locationSchema.default({}),
  });

  return [
    staff('grid', '/api/intake/grid', 'intakeGridReport', 'A grid worker reports a case found on patrol (routed to the grid containing its coordinates).', { object: 'intake', action: 'create' }, false),
    // taking a citizen's call is the intake clerk's (受理员) job: case:create, which grid workers do not hold
    staff('hotline', '/api/intake/hotline', 'intakeHotlineCall', 'A hotline clerk enters a citizen’s call (the caller’s phone is required).', { object: 'case', action: 'create' }, true),
    defineRoute({
      method: 'post',
      path: '/api/intake/video',
      operationId: 'intakeVideoDetection',
      summary: 'Video platform webhook: an AI detection with its snapshot (base64 JPEG/PNG, or a URL reference kept as is).',
      tags: ['intake'],
      access: { object: 'intake', action: 'video' },
      body: systemBase.extend({
        cameraId: z.string().min(1).max(64),
        detection: z.object({ label: z.string().min(1).max(60), confidence: z.number().min(0).max(1) }),
        snapshot: z.union([z.object({ base64: z.string().min(1).max(1_000_000) }), z.object({ url: z.url().max(500) })]).optional(),
      }),
      status: 201,
      response: caseView,
      handler: async ({ body, req, res }) => {
        const { cameraId, detection, snapshot, ...report } = body;
        const description = report.description || `视频智能识别：${detection.label}（置信度 ${Math.round(detection.confidence * 100)}%，摄像头 ${cameraId}）`;
        const bytes = snapshot && 'base64' in snapshot ? Buffer.from(snapshot.base64, 'base64') : undefined;
        if (bytes && bytes.length === 0) throw new ProblemError('attachment.unsupported_type', 'the snapshot is not base64');
        const { out } = await receive(req, res, { object: 'intake', action: 'video' }, { channel: 'video', ...report, description, reporter: {}, payload: { cameraId, detection } });
        if (out.created && snapshot) {
          // the case exists already: a refused snapshot is reported on the case, not by failing the delivery
          if (bytes) {
            try {
              const a = await cases.attachments.store({ caseId: out.case._id, unitPath: out.case.unitPath, filename: `${cameraId}.jpg`, bytes, imagesOnly: true, uploadedBy: { kind: 'token', id: principalOf(req).id } });
              out.case = (await cases.repo.cases.findOneAndUpdate({ _id: out.case._id }, { $push: { attachments: a._id } })) ?? out.case;
            } catch (error) {
              const why = error instanceof Error ? error.message : String(error);
              out.case = (await cases.repo.cases.findOneAndUpdate({ _id: out.case._id }, { $push: { warnings: `snapshot not stored: ${why}` } })) ?? out.case;
            }
          } else if ('url' in snapshot) {
            out.case = (await cases.repo.cases.findOneAndUpdate({ _id: out.case._id }, { $set: { snapshotUrl: snapshot.url } })) ?? out.case;
          }
        }
        return respond(res, out);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/intake/police110',
      operationId: 'intakePolice110',
      summary: '110 transfer: a police incident handed over for non-police handling (联动).',
      tags: ['intake'],
      access: { object: 'intake', action: 'police110' },
      body: systemBase.extend({ reporter: reporterSchema.default({}), incidentNumber: z.string().min(1).max(64) }),
      status: 201,
      response: caseView,
      handler: async ({ body, req, res }) => {
        const { incidentNumber, ...report } = body;
        return (await receive(req, res, { object: 'intake', action: 'police110' }, { channel: 'police110', ...report, payload: { incidentNumber } })).respond();
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/intake/bindings',
      operationId: 'listIntakeBindings',
      summary: 'Which process each channel starts per unit subtree (and the mapping and fallback unit).',
      tags: ['intake'],
      access: { object: 'intake', action: 'configure' },
      response: z.object({ items: z.array(z.object({ unitId: z.string(), channel: z.enum(CASE_CHANNELS), bpmnProcessId: z.string(), mappingId: z.string().optional(), defaultUnitId: z.string().optional(), updatedAt: z.string() })) }),
      handler: async ({ req }) => ({ items: await cases.bindings.list(s.authz.scope(principalOf(req), 'intake', 'configure')) }),
    }),
    defineRoute({
      method: 'put',
      path: '/api/intake/bindings',
      operationId: 'putIntakeBinding',
      summary: 'Bind a channel of a unit subtree to a process (default without a binding: urban-case).',
      tags: ['intake'],
      access: { object: 'intake', action: 'configure' },
      body: z.object({
        unitId: z.string().min(1).max(64),
        channel: z.enum(CASE_CHANNELS),
        bpmnProcessId: z.string().min(1).max(100),
        mappingId: z.string().min(1).max(100).optional(),
        defaultUnitId: z.string().min(1).max(64).optional().describe('Receives reports whose coordinates lie in no grid (the dispatcher queue).'),
      }),
      response: z.object({ unitId: z.string(), channel: z.enum(CASE_CHANNELS), bpmnProcessId: z.string(), mappingId: z.string().optional(), defaultUnitId: z.string().optional(), updatedAt: z.string() }),
      handler: async ({ body, req }) => {
        s.authz.require(principalOf(req), 'intake', 'configure', body.unitId);
        return cases.bindings.put(body, commandContext(req));
      },
    }),
  ];
}

/** 201 for a new case, 200 for a repeated channel message (the same case). */
function respond(res: Response, out: { case: Parameters<typeof toCaseView>[0]; created: boolean }) {
  const view = toCaseView(out.case, { maskPhone: false });
  if (!out.created) {
    res.status(200).json(view);
    return undefined;
  }
  return view;
}
