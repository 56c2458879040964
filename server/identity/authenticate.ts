import type { Request } from 'express';
import type { Principal } from './principal.js';
import { tokenSubject, userSubject } from './principal.js';
import type { SessionService } from './sessions.js';
import type { TokenService } from './tokens.js';
import type { UserService } from './users.js';
import { SESSION_COOKIE } from './settings.js';
import { sha256 } from './secrets.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Set by the AccessGuard once the caller is authenticated. */
    principal?: Principal;
  }
}

/** Reads one cookie from the Cookie header (no cookie-parser needed for one value). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Resolves the caller: `Authorization: Bearer gz_...` (API token) or the session cookie. */
export class Authenticator {
  constructor(
    private readonly users: UserService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
  ) {}

  async principal(req: Request): Promise<Principal | null> {
    const auth = req.get('authorization');
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m) return null;
      const token = await this.tokens.resolve(m[1]!);
      if (!token) return null;
      return { kind: 'token', id: token._id, name: token.name, unitId: token.unitId, subject: tokenSubject(token._id), scopes: token.scopes };
    }
    const cookie = readCookie(req, SESSION_COOKIE);
    if (!cookie) return null;
    const session = await this.sessions.resolve(cookie);
    if (!session) return null;
    const user = await this.users.get(session.userId);
    if (!user || user.disabled) return null;
    return {
      kind: 'user',
      id: user._id,
      username: user.username,
      displayName: user.displayName,
      unitId: user.unitId,
      subject: userSubject(user._id),
      sessionId: sha256(cookie),
    };
  }
}
