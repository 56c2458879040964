import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { principalOf } from '../../authz/guard.js';
import { commandContext } from '../../identity/context.js';
import type { SupervisionService } from '../../sla/index.js';

const supervisionOut = z.object({
  _id: z.string(), target: z.enum(['task', 'case']), targetId: z.string(), caseId: z.string().nullable(), unitId: z.string(), reason: z.string(), by: z.string(), at: z.string(),
});

/** 督办: supervisors put overdue tasks and cases of their subtree under supervision. */
export function slaRoutes(supervision: SupervisionService, authz: AuthzService): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/sla/supervise',
      operationId: 'superviseOverdue',
      summary: 'Put an overdue task or case under supervision (督办) with a reason; the handler and the unit head are notified.',
      description: 'Exactly one of caseId / taskId. Not overdue → 409 `sla.not_overdue`; unknown → 404 `sla.not_found`.',
      tags: ['sla'],
      access: { object: 'sla', action: 'supervise' },
      body: z
        .object({ caseId: z.string().min(1).max(64).optional(), taskId: z.string().min(1).max(64).optional(), reason: z.string().trim().min(1).max(1000) })
        .refine((b) => (b.caseId === undefined) !== (b.taskId === undefined), { message: 'give exactly one of caseId and taskId' }),
      status: 201,
      response: supervisionOut,
      handler: async ({ body, req }) => {
        authz.require(principalOf(req), 'sla', 'supervise', await supervision.unitOf(body));
        return supervision.supervise(body, commandContext(req));
      },
    }),
  ];
}
