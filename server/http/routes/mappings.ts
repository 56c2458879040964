import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { principalOf } from '../../authz/guard.js';
import type { AuthzService } from '../../authz/authz-service.js';
import { commandContext } from '../../identity/context.js';
import { MAPPING_KINDS, evaluateMappingOrProblem, type MappingRegistry } from '../../forms/index.js';

const mappingId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_.-]{0,80}$/);
const source = z.string().min(1).max(20_000);
const mappingOut = z.object({ kind: z.enum(MAPPING_KINDS), title: z.string(), source: z.string(), version: z.number(), hash: z.string(), unitId: z.string(), updatedBy: z.string(), updatedAt: z.string() });

/** Admin-edited JSONata mappings: save (syntax-checked, versioned) and a bounded live tester for the designer. */
export function mappingRoutes(mappings: MappingRegistry, authz: AuthzService): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/mappings',
      operationId: 'listMappings',
      summary: 'Mappings of units in the caller’s part of the tree (current versions), optionally of one kind.',
      tags: ['mappings'],
      access: { object: 'mapping', action: 'read' },
      query: z.object({ kind: z.enum(MAPPING_KINDS).optional() }),
      response: z.object({ items: z.array(mappingOut.extend({ id: z.string() })) }),
      handler: async ({ query, req }) => ({
        items: (await mappings.list(authz.scope(principalOf(req), 'mapping', 'read'), query.kind)).map((m) => ({ ...m, id: m._id })),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/mappings/:id',
      operationId: 'getMapping',
      summary: 'The current version of a mapping.',
      tags: ['mappings'],
      access: { object: 'mapping', action: 'read' },
      params: z.object({ id: mappingId }),
      response: mappingOut,
      handler: async ({ params, req }) => {
        const mapping = await mappings.get(params.id);
        authz.require(principalOf(req), 'mapping', 'read', mapping.unitId);
        return mapping;
      },
    }),
    defineRoute({
      method: 'put',
      path: '/api/mappings/:id',
      operationId: 'saveMapping',
      summary: 'Create or replace a mapping as a new version; a syntax error is a 422 mapping.invalid with its position.',
      tags: ['mappings'],
      access: { object: 'mapping', action: 'manage' },
      params: z.object({ id: mappingId }),
      body: z.object({ kind: z.enum(MAPPING_KINDS), title: z.string().min(1).max(200), source, unitId: z.string().min(1).max(64) }),
      response: mappingOut,
      handler: async ({ params, body, req }) => {
        const principal = principalOf(req);
        authz.require(principal, 'mapping', 'manage', body.unitId);
        const existing = await mappings.find(params.id);
        if (existing) authz.require(principal, 'mapping', 'manage', existing.unitId);
        return mappings.save(params.id, body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/mappings/test',
      operationId: 'testMapping',
      summary: 'Evaluate an expression on sample data within the time and size bounds (the designer’s live tester).',
      tags: ['mappings'],
      access: { object: 'mapping', action: 'read' },
      body: z.object({ source, input: z.unknown() }),
      response: z.object({ result: z.unknown() }),
      handler: async ({ body }) => ({ result: await evaluateMappingOrProblem(body.source, body.input ?? {}) }),
    }),
  ];
}
