import type { Request } from 'express';
import type { AccessGuard } from '../http/mount.js';
import { ProblemError } from '../http/problems.js';
import type { Authenticator } from '../identity/authenticate.js';
import type { Principal } from '../identity/principal.js';
import type { AuthzService } from './authz-service.js';

/** Routes whose object is `self` (who am I, log out) need only an authenticated caller. */
export const SELF_OBJECT = 'self';

/**
 * The one AccessGuard: authenticate (session cookie or API token) → principal; then the route's
 * (object, action) must be granted somewhere in the principal's part of the tree. Handlers that act on a
 * particular unit check that unit with `authz.require`, and list handlers filter by `authz.scope`.
 */
export function createAccessGuard(auth: Authenticator, authz: AuthzService): AccessGuard {
  return {
    async check(req: Request, access: { object: string; action: string }): Promise<void> {
      const principal = await auth.principal(req);
      if (!principal) throw new ProblemError('http.unauthenticated', 'log in, or send a valid API token');
      req.principal = principal;
      if (access.object === SELF_OBJECT) return;
      if (!authz.allows(principal, access.object, access.action)) {
        throw new ProblemError('http.forbidden', `not allowed to ${access.action} ${access.object}`);
      }
    },
  };
}

/** The principal the guard put on the request (routes behind the guard always have one). */
export function principalOf(req: Request): Principal {
  if (!req.principal) throw new ProblemError('http.unauthenticated', 'no principal on the request');
  return req.principal;
}
