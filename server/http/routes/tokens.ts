import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import type { SecurityServices } from '../../identity/services.js';
import { commandContext } from '../../identity/context.js';
import { principalOf } from '../../authz/guard.js';

const scope = z.object({ object: z.string().regex(/^[a-z][a-z0-9_.]{0,40}$/), action: z.string().regex(/^[a-z][a-z0-9_.]{0,40}$/), unitId: z.string().min(1).max(64) });
const tokenOut = z
  .object({ _id: z.string(), name: z.string(), unitId: z.string(), scopes: z.array(scope), expiresAt: z.string(), revokedAt: z.string().nullable(), createdAt: z.string() });

/** API tokens for intake systems: `Authorization: Bearer gz_<id>.<secret>`; the secret is shown once. */
export function tokenRoutes(s: SecurityServices): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/tokens',
      operationId: 'listTokens',
      summary: 'API tokens of units in the caller’s part of the tree (never their secrets).',
      tags: ['tokens'],
      access: { object: 'token', action: 'read' },
      response: z.object({ items: z.array(tokenOut) }),
      handler: async ({ req }) => ({ items: await s.tokens.list({ withinPaths: s.authz.scope(principalOf(req), 'token', 'read') }) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/tokens',
      operationId: 'issueToken',
      summary: 'Issue a scoped, expiring API token; the response holds the secret, shown this once only.',
      tags: ['tokens'],
      access: { object: 'token', action: 'manage' },
      body: z.object({ name: z.string().min(1).max(100), unitId: z.string().min(1).max(64), scopes: z.array(scope).min(1).max(50), expiresAt: z.iso.datetime({ offset: true }) }),
      status: 201,
      response: z.object({ token: z.string(), record: tokenOut }),
      handler: async ({ body, req, res }) => {
        s.authz.require(principalOf(req), 'token', 'manage', body.unitId);
        res.setHeader('Cache-Control', 'no-store');
        return s.tokens.issue(body, commandContext(req));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/api/tokens/:tokenId',
      operationId: 'revokeToken',
      summary: 'Revoke an API token; it stops working at once.',
      tags: ['tokens'],
      access: { object: 'token', action: 'manage' },
      params: z.object({ tokenId: z.string().min(1).max(64) }),
      response: tokenOut,
      handler: async ({ params, req }) => {
        const token = await s.tokens.get(params.tokenId);
        s.authz.require(principalOf(req), 'token', 'manage', token.unitId);
        return s.tokens.revoke(params.tokenId, commandContext(req));
      },
    }),
  ];
}
