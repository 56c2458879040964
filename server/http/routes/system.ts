import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';

export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const checkResult = z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() });

/** Liveness, readiness and the OpenAPI document: public by nature (probes and API clients need them). */
export function systemRoutes(deps: { checks: ReadinessCheck[]; openapi: () => Record<string, unknown> }): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/healthz',
      operationId: 'health',
      summary: 'Liveness: the process is up and serving HTTP.',
      tags: ['system'],
      access: { public: true, reason: 'liveness probe' },
      response: z.object({ status: z.literal('ok') }),
      handler: () => ({ status: 'ok' as const }),
    }),
    defineRoute({
      method: 'get',
      path: '/readyz',
      operationId: 'ready',
      summary: 'Readiness: the store and the workflow engine answer.',
      tags: ['system'],
      access: { public: true, reason: 'readiness probe' },
      response: z.object({ status: z.literal('ready'), checks: z.array(checkResult) }),
      handler: async () => {
        const checks = await Promise.all(
          deps.checks.map(async (c) => {
            try {
              await c.check();
              return { name: c.name, ok: true };
            } catch (err) {
              return { name: c.name, ok: false, error: (err as Error).message };
            }
          }),
        );
        if (checks.some((c) => !c.ok)) {
          throw new ProblemError('http.unavailable', 'not ready: ' + checks.filter((c) => !c.ok).map((c) => c.name).join(', '), { checks });
        }
        return { status: 'ready' as const, checks };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openapi',
      summary: 'This OpenAPI 3.1 document.',
      tags: ['system'],
      access: { public: true, reason: 'API description' },
      handler: ({ res }) => {
        res.json(deps.openapi());
      },
    }),
  ];
}
