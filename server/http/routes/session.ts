import type { Request, Response } from 'express';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { ProblemError } from '../problems.js';
import type { SecurityServices } from '../../identity/services.js';
import { readCookie } from '../../identity/authenticate.js';
import { requestOrigin } from '../../identity/context.js';
import { SESSION_COOKIE } from '../../identity/settings.js';
import { sha256 } from '../../identity/secrets.js';
import { publicUser } from '../../identity/users.js';
import { principalOf, SELF_OBJECT } from '../../authz/guard.js';

function sessionCookie(req: Request, value: string, maxAgeMs: number): string {
  const secure = req.secure ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeMs / 1000)}${secure}`;
}

function clearCookie(req: Request, res: Response): void {
  res.setHeader('Set-Cookie', sessionCookie(req, '', 0));
}

const userOut = z.object({ _id: z.string(), username: z.string(), displayName: z.string(), unitId: z.string(), disabled: z.boolean(), lockedUntil: z.string().nullable(), createdAt: z.string() });

/** Log in (cookie session), log out, and who-am-I. */
export function sessionRoutes(s: SecurityServices): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/session/login',
      operationId: 'login',
      summary: 'Log in with username and password; sets a new http-only session cookie.',
      description: 'A session id the client already holds is never adopted (session fixation): every login issues a fresh id and revokes the old one. Five failed logins in a row lock the account for 15 minutes (423).',
      tags: ['session'],
      access: { public: true, reason: 'this is how a user authenticates' },
      body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) }),
      response: z.object({ user: userOut, expiresAt: z.string() }),
      handler: async ({ body, req, res }) => {
        const origin = requestOrigin(req);
        const outcome = await s.users.checkPassword(body.username, body.password);
        if (!outcome.ok) {
          await s.audit.record({
            actor: { kind: 'system', id: 'anonymous', name: body.username },
            action: 'identity.login',
            object: { type: 'session' },
            outcome: outcome.reason,
            ...origin,
          });
          if (outcome.reason === 'locked') {
            throw new ProblemError('identity.account_locked', 'too many failed logins; try again later', { lockedUntil: outcome.lockedUntil });
          }
          throw new ProblemError('identity.invalid_credentials', 'wrong username or password');
        }
        const previous = readCookie(req, SESSION_COOKIE);
        if (previous) await s.sessions.revoke(sha256(previous));
        const { cookieValue, session } = await s.sessions.open(outcome.user._id, origin);
        res.setHeader('Set-Cookie', sessionCookie(req, cookieValue, s.settings.sessionAbsoluteMs));
        res.setHeader('Cache-Control', 'no-store');
        const unit = s.org.tree.get(outcome.user.unitId);
        await s.audit.record({
          actor: { kind: 'user', id: outcome.user._id, name: outcome.user.username },
          action: 'identity.login',
          object: { type: 'session' },
          unitId: outcome.user.unitId,
          unitPath: unit?.path,
          ...origin,
        });
        return { user: publicUser(outcome.user), expiresAt: session.expiresAt };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/session/logout',
      operationId: 'logout',
      summary: 'Revoke the current session and clear its cookie.',
      tags: ['session'],
      access: { object: SELF_OBJECT, action: 'logout' },
      status: 204,
      handler: async ({ req, res }) => {
        const p = principalOf(req);
        if (p.kind === 'user') {
          await s.sessions.revoke(p.sessionId);
          await s.audit.record({
            actor: { kind: 'user', id: p.id, name: p.username },
            action: 'identity.logout',
            object: { type: 'session' },
            unitId: p.unitId,
            unitPath: s.org.tree.pathOf(p.unitId),
            ...requestOrigin(req),
          });
        }
        clearCookie(req, res);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/session/me',
      operationId: 'whoAmI',
      summary: 'The authenticated caller and its role assignments (or token scopes).',
      tags: ['session'],
      access: { object: SELF_OBJECT, action: 'read' },
      handler: async ({ req }) => {
        const p = principalOf(req);
        if (p.kind === 'token') return { kind: 'token', id: p.id, name: p.name, unitId: p.unitId, scopes: p.scopes };
        const assignments = s.authz.decisions().assignmentsOf(p.subject);
        return { kind: 'user', id: p.id, username: p.username, displayName: p.displayName, unitId: p.unitId, assignments };
      },
    }),
  ];
}
