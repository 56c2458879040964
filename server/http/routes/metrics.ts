import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { principalOf } from '../../authz/guard.js';
import { ProblemError } from '../problems.js';
import { GROUP_BYS, type MetricsService } from '../../metrics/index.js';

const pct = z.number().nullable().describe('percent, two decimals; null when the denominator is zero');
const indicators = z.object({
  filed: z.number().int(), due: z.number().int(), closed: z.number().int(), closedOnTime: z.number().int(), deferred: z.number().int(),
  closureRate: pct, onTimeClosureRate: pct, reworkRate: pct, extensionRate: pct, firstTimeRate: pct,
  satisfactionRate: pct, satisfactionScore: z.number().nullable(), rated: z.number().int(),
  urgentFiled: z.number().int(), urgentDue: z.number().int(), urgentOnTimeClosureRate: pct,
});
const instant = z.string().max(40).describe('YYYY-MM-DD (start of that day in Asia/Shanghai) or an ISO-8601 instant');

/** A date is the start of that civil day in China (UTC+8, no DST); an instant is taken as it is. */
function toInstant(value: string, name: string): string {
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new ProblemError('metrics.invalid_query', `${name} is neither a date nor an instant: ${value}`);
  return new Date(ms).toISOString();
}

export function metricsRoutes(metrics: MetricsService, authz: AuthzService, pathOf: (unitId: string) => string | undefined): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/metrics/indicators',
      operationId: 'getIndicators',
      summary: '立案数, 应结案数, 结案数, 按期结案数, 缓办数 and the rates of a unit’s subtree for a period [from, to), optionally grouped.',
      description: 'Formulas: server/metrics/README.md (结案率 = 结案数 / (应结案数 − 缓办数) × 100%).',
      tags: ['metrics'],
      access: { object: 'metrics', action: 'read' },
      query: z.object({ unitId: z.string().min(1).max(64), from: instant, to: instant, groupBy: z.enum(GROUP_BYS).optional() }),
      response: z.object({
        unitId: z.string(), from: z.string(), to: z.string(), groupBy: z.enum(GROUP_BYS).nullable(), total: indicators,
        groups: z.array(indicators.extend({ key: z.string() })),
      }),
      handler: async ({ query, req }) => {
        authz.require(principalOf(req), 'metrics', 'read', query.unitId);
        const unitPath = pathOf(query.unitId);
        if (!unitPath) throw new ProblemError('org.unit_not_found', `no unit ${query.unitId}`);
        const from = toInstant(query.from, 'from');
        const to = toInstant(query.to, 'to');
        if (from >= to) throw new ProblemError('metrics.invalid_query', 'from must be before to');
        return metrics.indicators({ unitId: query.unitId, unitPath, from, to, groupBy: query.groupBy });
      },
    }),
  ];
}
