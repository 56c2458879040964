import type { Request, Response } from 'express';
import type { z } from 'zod';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route: public routes skip authentication; all others name a Casbin (object, action). */
export type RouteAccess = { public: true; reason: string } | { object: string; action: string };

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

/**
 * One route, defined once: the same zod schemas validate requests at run time and produce the OpenAPI
 * document served at /api/openapi.json.
 */
export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express-style path, e.g. `/api/cases/:caseId`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  access: RouteAccess;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the success response body (JSON). */
  response?: R;
  /** Success status, 200 by default. */
  status?: number;
  /** Content type of a non-JSON success response (CSV export, files). */
  responseContentType?: string;
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<z.infer<R> | void> | z.infer<R> | void;
}

/** Identity-preserving helper that lets TypeScript infer the schema types of a route. */
export function defineRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
): RouteDef {
  return def as unknown as RouteDef;
}
