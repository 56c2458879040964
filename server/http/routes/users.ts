import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import { generatePassword } from '../../identity/password.js';
import { publicUser, type User } from '../../identity/users.js';
import { principalOf } from '../../authz/guard.js';

const userOut = z
  .object({ _id: z.string(), username: z.string(), displayName: z.string(), unitId: z.string(), disabled: z.boolean(), lockedUntil: z.string().nullable(), createdAt: z.string() });
const userParams = z.object({ userId: z.string().min(1).max(64) });

/** Local accounts; managed by user:manage at the user's home unit. */
export function userRoutes(s: SecurityServices): RouteDef[] {
  const homePath = (u: User) => s.org.tree.pathOf(u.unitId) ?? '\0';
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      operationId: 'listUsers',
      summary: 'Users whose home unit lies in the caller’s part of the tree.',
      tags: ['users'],
      access: { object: 'user', action: 'read' },
      query: z.object({ unitId: z.string().optional() }),
      response: z.object({ items: z.array(userOut) }),
      handler: async ({ query, req }) => {
        const p = principalOf(req);
        let paths = s.authz.scope(p, 'user', 'read');
        if (query.unitId) {
          s.authz.require(p, 'user', 'read', query.unitId);
          paths = [s.org.require(query.unitId).path];
        }
        // whole-tree readers read everything; others ask the store for the home units inside their subtrees
        const wholeTree = paths.some((path) => s.org.tree.roots().some((r) => r.path === path));
        const unitIds = wholeTree ? [] : paths.flatMap((path) => s.org.tree.subtree(path).map((u) => u._id));
        const found = await s.users.users.find(wholeTree ? {} : { unitId: { $in: unitIds } }, { sort: { username: 1 } });
        return { items: found.filter((u) => paths.some((path) => homePath(u).startsWith(path))).map(publicUser) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/users/:userId',
      operationId: 'getUser',
      summary: 'One user.',
      tags: ['users'],
      access: { object: 'user', action: 'read' },
      params: userParams,
      response: userOut,
      handler: async ({ params, req }) => {
        const user = await s.users.require(params.userId);
        s.authz.require(principalOf(req), 'user', 'read', user.unitId);
        return publicUser(user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      operationId: 'createUser',
      summary: 'Create a local account; without a password one is generated and returned once.',
      tags: ['users'],
      access: { object: 'user', action: 'manage' },
      body: z.object({
        username: z.string().min(2).max(64),
        displayName: z.string().min(1).max(100),
        unitId: z.string().min(1).max(64),
        password: z.string().min(12).max(1024).optional(),
      }),
      status: 201,
      response: z.object({ user: userOut, generatedPassword: z.string().optional() }),
      handler: async ({ body, req, res }) => {
        s.authz.require(principalOf(req), 'user', 'manage', body.unitId);
        const generated = body.password === undefined ? generatePassword() : undefined;
        const user = await s.users.create({ ...body, password: body.password ?? generated! }, commandContext(req));
        res.setHeader('Cache-Control', 'no-store');
        return { user: publicUser(user), ...(generated ? { generatedPassword: generated } : {}) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/api/users/:userId',
      operationId: 'updateUser',
      summary: 'Rename, disable/enable, unlock, or set a new password; disabling revokes all sessions.',
      tags: ['users'],
      access: { object: 'user', action: 'manage' },
      params: userParams,
      body: z.object({
        displayName: z.string().min(1).max(100).optional(),
        disabled: z.boolean().optional(),
        unlock: z.boolean().optional(),
        password: z.string().min(12).max(1024).optional(),
      }),
      response: userOut,
      handler: async ({ params, body, req }) => {
        const before = await s.users.require(params.userId);
        s.authz.require(principalOf(req), 'user', 'manage', before.unitId);
        const after = await s.users.update(params.userId, body, commandContext(req));
        if (body.disabled || body.password !== undefined) await s.sessions.revokeAllOf(after._id);
        return publicUser(after);
      },
    }),
  ];
}
