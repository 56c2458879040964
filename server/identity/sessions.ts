import type { Collection, DocumentStore } from '../store/port.js';
import type { IdentitySettings } from './settings.js';
import { randomSecret, sha256 } from './secrets.js';

export const SESSIONS_COLLECTION = 'sessions';

/** A server-side session. `_id` is SHA-256 of the cookie value; the cookie value itself is never stored. */
export interface Session {
  _id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute end, fixed at login. */
  expiresAt: string;
  revokedAt: string | null;
  ip?: string;
  userAgent?: string;
  [key: string]: unknown;
}

export class SessionService {
  private readonly sessions: Collection<Session>;

  constructor(store: DocumentStore, private readonly settings: IdentitySettings, private readonly now: () => Date = () => new Date()) {
    this.sessions = store.collection<Session>(SESSIONS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.sessions.createIndex({ fields: { userId: 1 } });
  }

  /** Always a fresh random id: a session id the client already had (fixation) is never adopted. */
  async open(userId: string, origin: { ip?: string; userAgent?: string }): Promise<{ cookieValue: string; session: Session }> {
    const cookieValue = randomSecret();
    const now = this.now();
    const session = await this.sessions.insertOne({
      _id: sha256(cookieValue),
      userId,
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.settings.sessionAbsoluteMs).toISOString(),
      revokedAt: null,
      ip: origin.ip,
      userAgent: origin.userAgent,
    });
    return { cookieValue, session };
  }

  /** The live session of a cookie value, or null when unknown, revoked, idle too long or past its end. */
  async resolve(cookieValue: string): Promise<Session | null> {
    const session = await this.sessions.findOne({ _id: sha256(cookieValue) });
    if (!session || session.revokedAt) return null;
    const now = this.now();
    const idleEnd = new Date(session.lastSeenAt).getTime() + this.settings.sessionIdleMs;
    if (now.getTime() >= idleEnd || now >= new Date(session.expiresAt)) return null;
    if (now.getTime() - new Date(session.lastSeenAt).getTime() >= this.settings.sessionTouchMs) {
      await this.sessions.updateOne({ _id: session._id }, { $set: { lastSeenAt: now.toISOString() } });
    }
    return session;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.sessions.updateOne({ _id: sessionId, revokedAt: null }, { $set: { revokedAt: this.now().toISOString() } });
  }

  async revokeAllOf(userId: string): Promise<number> {
    return (await this.sessions.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: this.now().toISOString() } })).modified;
  }
}
