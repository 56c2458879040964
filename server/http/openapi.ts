import { z } from 'zod';
import type { RouteDef } from './route.js';
import { PROBLEMS } from './problems.js';

const problemSchema = {
  type: 'object',
  description: 'RFC 7807 problem details; `code` is stable and machine-readable.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', enum: Object.keys(PROBLEMS) },
    detail: { type: 'string' },
    instance: { type: 'string' },
    requestId: { type: 'string' },
    errors: { type: 'array', items: { type: 'object' } },
  },
} as const;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

function toOpenApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema, 'input');
  const props = (js.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' ? true : required.has(name),
    ...(s.description ? { description: s.description } : {}),
    schema: s,
  }));
}

/** Builds the OpenAPI 3.1 document from the route definitions the server actually mounts. */
export function buildOpenApi(routes: RouteDef[], info: { version: string }): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = toOpenApiPath(r.path);
    const status = String(r.status ?? 200);
    const success: Record<string, unknown> = { description: 'Success' };
    if (r.response) success.content = { 'application/json': { schema: jsonSchema(r.response, 'output') } };
    else if (r.responseContentType) success.content = { [r.responseContentType]: { schema: { type: 'string' } } };
    const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const responses: Record<string, unknown> = { [status]: success, '4XX': problem, '5XX': problem };
    const op: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
      'x-gongzhi-access': r.access,
      security: 'public' in r.access ? [] : [{ session: [] }, { apiToken: [] }],
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    paths[p] = { ...(paths[p] ?? {}), [r.method]: op };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongzhi (共治) API',
      version: info.version,
      description: 'Case processes of grassroots social governance: BPMN processes, Form.io forms, Casbin roles, JSONata mappings.',
    },
    paths,
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'gz_session' },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
