import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { RouteDef } from './route.js';
import { ProblemError } from './problems.js';

/**
 * Decides whether the caller may use a route: resolves the principal (session cookie or API token) and
 * checks (object, action) through Casbin. Throws ProblemError 401/403. Public routes never reach it.
 */
export interface AccessGuard {
  check(req: Request, access: { object: string; action: string }): Promise<void>;
}

/** Until an identity provider is wired in, every protected route answers 401. */
export const denyAllGuard: AccessGuard = {
  async check() {
    throw new ProblemError('http.unauthenticated', 'no identity provider is configured');
  },
};

function validationProblem(where: string, error: z.ZodError): ProblemError {
  return new ProblemError('http.validation_failed', `invalid ${where}`, {
    errors: error.issues.map((i) => ({ in: where, path: i.path.join('.'), message: i.message, code: i.code })),
  });
}

function parse<T>(schema: z.ZodType | undefined, value: unknown, where: string): T {
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(where, result.error);
  return result.data as T;
}

export function mountRoutes(app: Express, routes: RouteDef[], guard: AccessGuard): void {
  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        if (!('public' in route.access)) await guard.check(req, route.access);
        const params = parse(route.params, req.params, 'path');
        const query = parse(route.query, req.query, 'query');
        const body = parse(route.body, req.body ?? {}, 'body');
        const result = await route.handler({ params, query, body, req, res });
        if (res.headersSent) return;
        if (result === undefined) {
          res.status(route.status ?? 204).end();
        } else {
          res.status(route.status ?? 200).json(result);
        }
      } catch (err) {
        next(err);
      }
    });
  }
}
