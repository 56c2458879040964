import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { principalOf } from '../../authz/guard.js';
import { commandContext } from '../../identity/context.js';
import { ProblemError } from '../problems.js';
import type { TimeLimitService } from '../../time-limits/index.js';

const unitId = z.string().min(1).max(64);
const storedOut = z.object({
  _id: z.string(),
  tableId: z.string(),
  processId: z.string(),
  scopeUnitId: z.string(),
  table: z.record(z.string(), z.unknown()).describe('the table as validated (see server/time-limits/table.ts)'),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
const out = (s: { _id: string; tableId: string; processId: string; scopeUnitId: string; table: unknown; updatedAt: string; updatedBy: string }) => ({
  _id: s._id, tableId: s.tableId, processId: s.processId, scopeUnitId: s.scopeUnitId, table: s.table as Record<string, unknown>, updatedAt: s.updatedAt, updatedBy: s.updatedBy,
});

/** Admin API of the time-limit tables: read the table that applies at a unit, store one at a unit's scope. */
export function timeLimitRoutes(limits: TimeLimitService, authz: AuthzService): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/time-limits/:id',
      operationId: 'getTimeLimitTable',
      summary: 'The time-limit table that applies at a unit: the copy stored at the nearest enclosing scope.',
      tags: ['time-limits'],
      access: { object: 'time_limit', action: 'read' },
      params: z.object({ id: z.string().min(1).max(100) }),
      query: z.object({ unitId }),
      response: storedOut,
      handler: async ({ params, query, req }) => {
        authz.require(principalOf(req), 'time_limit', 'read', query.unitId);
        return out(await limits.tableFor(params.id, query.unitId));
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/time-limits/:id',
      operationId: 'saveTimeLimitTable',
      summary: 'Store a time-limit table at a unit’s scope (overrides the tables of enclosing units for its subtree).',
      description: 'Validation errors answer 422 `time_limit.invalid` with `errors[]` of `{ path, message }` (JSON paths such as `$.rules[2].limit.clock`); nothing is written.',
      tags: ['time-limits'],
      access: { object: 'time_limit', action: 'write' },
      params: z.object({ id: z.string().min(1).max(100) }),
      body: z.object({ unitId, table: z.unknown() }),
      response: storedOut,
      handler: async ({ params, body, req }) => {
        authz.require(principalOf(req), 'time_limit', 'write', body.unitId);
        const tableId = (body.table as { id?: unknown } | null)?.id;
        if (tableId !== undefined && tableId !== params.id) {
          throw new ProblemError('time_limit.invalid', `the table's id ${String(tableId)} differs from the path's ${params.id}`, { errors: [{ path: '$.id', message: 'must equal the id in the path' }] });
        }
        const raw = body.table;
        const table = raw && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>), id: params.id } : raw;
        return out(await limits.load(table, body.unitId, commandContext(req)));
      },
    }),
  ];
}
