import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import type { Principal } from '../../identity/principal.js';
import { principalOf } from '../../authz/guard.js';
import { UNIT_KINDS, type Unit } from '../../org/unit.js';
import { parseUnitCsv } from '../../org/csv.js';
import type { ImportRow } from '../../org/import.js';

const unitOut = z
  .object({ _id: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS), parentId: z.string().nullable(), path: z.string(), disabled: z.boolean() })
  .passthrough();
const unitParams = z.object({ unitId: z.string().min(1).max(64) });
const boundary = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) }).passthrough();
const importRow = z.object({ id: z.any(), name: z.any(), kind: z.any(), parentId: z.any().optional(), boundary: z.any().optional() });

function view(u: Unit): z.infer<typeof unitOut> {
  const { _v, ...rest } = u as Unit & { _v?: number };
  void _v;
  return rest;
}

/** New roots (parentId null) need `org:manage` at an existing root: only a city-level admin adds a city. */
export function requireAtParent(s: SecurityServices, p: Principal, parentId: string | null, object: string, action: string): void {
  if (parentId !== null) return s.authz.require(p, object, action, parentId);
  const roots = s.org.tree.roots();
  if (!roots.some((r) => s.authz.allows(p, object, action, r._id))) {
    throw new ProblemError('http.forbidden', `only ${object}:${action} at a root unit may add a root`);
  }
}

/** The org tree: units are Casbin domains; a subtree is addressed by the materialised path. */
export function orgRoutes(s: SecurityServices): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/org/units',
      operationId: 'listUnits',
      summary: 'Units the caller may read, optionally only the subtree of one unit.',
      tags: ['org'],
      access: { object: 'org', action: 'read' },
      query: z.object({ under: z.string().optional(), kind: z.enum(UNIT_KINDS).optional() }),
      response: z.object({ items: z.array(unitOut) }),
      handler: ({ query, req }) => {
        const p = principalOf(req);
        let paths = s.authz.scope(p, 'org', 'read');
        if (query.under) {
          s.authz.require(p, 'org', 'read', query.under);
          paths = [s.org.require(query.under).path];
        }
        const items = s.org.tree
          .all()
          .filter((u) => paths.some((path) => u.path.startsWith(path)) && (!query.kind || u.kind === query.kind))
          .sort((a, b) => (a.path < b.path ? -1 : 1));
        return { items: items.map(view) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/org/units/:unitId',
      operationId: 'getUnit',
      summary: 'One unit.',
      tags: ['org'],
      access: { object: 'org', action: 'read' },
      params: unitParams,
      response: unitOut,
      handler: ({ params, req }) => {
        s.authz.require(principalOf(req), 'org', 'read', params.unitId);
        return view(s.org.require(params.unitId));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/org/units',
      operationId: 'createUnit',
      summary: 'Create a unit under a parent (org:manage at the parent).',
      tags: ['org'],
      access: { object: 'org', action: 'manage' },
      body: z.object({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
        name: z.string().min(1).max(100),
        kind: z.enum(UNIT_KINDS),
        parentId: z.string().nullable(),
        boundary: boundary.optional(),
      }),
      status: 201,
      response: unitOut,
      handler: async ({ body, req }) => {
        requireAtParent(s, principalOf(req), body.parentId, 'org', 'manage');
        return view(await s.org.create(body as Parameters<typeof s.org.create>[0], commandContext(req)));
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/org/units/:unitId',
      operationId: 'updateUnit',
      summary: 'Rename, disable/enable, or set the GeoJSON boundary of a grid.',
      tags: ['org'],
      access: { object: 'org', action: 'manage' },
      params: unitParams,
      body: z.object({ name: z.string().min(1).max(100).optional(), disabled: z.boolean().optional(), boundary: boundary.nullable().optional() }),
      response: unitOut,
      handler: async ({ params, body, req }) => {
        s.authz.require(principalOf(req), 'org', 'manage', params.unitId);
        return view(await s.org.update(params.unitId, body as Parameters<typeof s.org.update>[1], commandContext(req)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/org/units/:unitId/move',
      operationId: 'moveUnit',
      summary: 'Move a unit (and its subtree) under another parent; needs org:manage at the old and the new parent.',
      tags: ['org'],
      access: { object: 'org', action: 'manage' },
      params: unitParams,
      body: z.object({ parentId: z.string().min(1).max(64) }),
      response: unitOut,
      handler: async ({ params, body, req }) => {
        const p = principalOf(req);
        const unit = s.org.require(params.unitId);
        requireAtParent(s, p, unit.parentId, 'org', 'manage');
        s.authz.require(p, 'org', 'manage', body.parentId);
        return view(await s.org.move(params.unitId, body.parentId, commandContext(req)));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/org/import',
      operationId: 'importUnits',
      summary: 'Import units from JSON rows or CSV text; validated whole first (422 with row numbers, nothing written).',
      tags: ['org'],
      access: { object: 'org', action: 'manage' },
      body: z.union([
        z.object({ format: z.literal('json'), units: z.array(importRow).max(50_000) }),
        z.object({ format: z.literal('csv'), csv: z.string().max(20_000_000) }),
      ]),
      status: 201,
      response: z.object({ imported: z.number() }),
      handler: async ({ body, req }) => {
        let rows: ImportRow[];
        if (body.format === 'csv') {
          const parsed = parseUnitCsv(body.csv);
          if (parsed.problems.length) throw new ProblemError('org.import_invalid', `${parsed.problems.length} problem(s) in the CSV`, { errors: parsed.problems });
          rows = parsed.rows;
        } else {
          rows = body.units.map((u, i) => ({ row: i + 1, ...u }));
        }
        const p = principalOf(req);
        for (const point of s.org.attachmentPoints(rows)) {
          if (point === null || s.org.tree.get(point)) requireAtParent(s, p, point, 'org', 'manage');
        }
        const units = await s.org.import(rows, commandContext(req));
        return { imported: units.length };
      },
    }),
  ];
}
