import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import { userSubject } from '../../identity/principal.js';
import { principalOf } from '../../authz/guard.js';
import { requireAtParent } from './org.js';

const name = z.string().regex(/^(\*|[a-z][a-z0-9_.]{0,40})$/);
const permission = z.object({ object: name, action: name });
const assignment = z.object({ userId: z.string().min(1).max(64), role: z.string().min(2).max(41), unitId: z.string().min(1).max(64) });

/**
 * Roles, permissions and role assignments. A role's permissions hold everywhere it is assigned, so editing
 * them needs authz:manage at a root unit; assigning a role at a unit needs authz:manage at that unit.
 * Changes apply to the next request on this server and within authzRefreshMs on the others.
 */
export function authzRoutes(s: SecurityServices): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/authz/roles',
      operationId: 'listRoles',
      summary: 'Roles with their permissions.',
      tags: ['authz'],
      access: { object: 'authz', action: 'read' },
      handler: async () => ({ items: await s.authz.roles() }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/authz/roles/:role/permissions',
      operationId: 'addPermission',
      summary: 'Grant a role an (object, action); creates the role when new. Needs authz:manage at a root unit.',
      tags: ['authz'],
      access: { object: 'authz', action: 'manage' },
      params: z.object({ role: z.string().min(2).max(41) }),
      body: permission,
      response: z.object({ added: z.boolean() }),
      handler: async ({ params, body, req }) => {
        requireAtParent(s, principalOf(req), null, 'authz', 'manage');
        return { added: await s.authz.addPermission(params.role, body.object, body.action, commandContext(req)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/authz/roles/:role/permissions',
      operationId: 'removePermission',
      summary: 'Withdraw an (object, action) from a role. Needs authz:manage at a root unit.',
      tags: ['authz'],
      access: { object: 'authz', action: 'manage' },
      params: z.object({ role: z.string().min(2).max(41) }),
      query: permission,
      response: z.object({ removed: z.boolean() }),
      handler: async ({ params, query, req }) => {
        requireAtParent(s, principalOf(req), null, 'authz', 'manage');
        return { removed: await s.authz.removePermission(params.role, query.object, query.action, commandContext(req)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/authz/roles/:role',
      operationId: 'removeRole',
      summary: 'Remove a role: all its permissions and every assignment of it. Needs authz:manage at a root unit.',
      tags: ['authz'],
      access: { object: 'authz', action: 'manage' },
      params: z.object({ role: z.string().min(2).max(41) }),
      response: z.object({ permissions: z.number(), assignments: z.number() }),
      handler: async ({ params, req }) => {
        requireAtParent(s, principalOf(req), null, 'authz', 'manage');
        return s.authz.removeRole(params.role, commandContext(req));
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/authz/assignments',
      operationId: 'listAssignments',
      summary: 'Role assignments at units in the caller’s part of the tree.',
      tags: ['authz'],
      access: { object: 'authz', action: 'read' },
      query: z.object({ userId: z.string().optional() }),
      handler: async ({ query, req }) => {
        const paths = s.authz.scope(principalOf(req), 'authz', 'read');
        return { items: await s.authz.assignments(paths, query.userId ? userSubject(query.userId) : undefined) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/authz/assignments',
      operationId: 'addAssignment',
      summary: 'Give a user a role at a unit (and so its subtree). Needs authz:manage at that unit.',
      tags: ['authz'],
      access: { object: 'authz', action: 'manage' },
      body: assignment,
      status: 201,
      response: z.object({ added: z.boolean() }),
      handler: async ({ body, req }) => {
        s.authz.require(principalOf(req), 'authz', 'manage', body.unitId);
        await s.users.require(body.userId);
        return { added: await s.authz.assign(userSubject(body.userId), body.role, body.unitId, commandContext(req)) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/authz/assignments',
      operationId: 'removeAssignment',
      summary: 'Take a role at a unit away from a user. Needs authz:manage at that unit.',
      tags: ['authz'],
      access: { object: 'authz', action: 'manage' },
      query: assignment,
      response: z.object({ removed: z.boolean() }),
      handler: async ({ query, req }) => {
        if (!s.org.tree.get(query.unitId)) throw new ProblemError('org.unit_not_found', `no unit ${query.unitId}`);
        s.authz.require(principalOf(req), 'authz', 'manage', query.unitId);
        return { removed: await s.authz.unassign(userSubject(query.userId), query.role, query.unitId, commandContext(req)) };
      },
    }),
  ];
}
