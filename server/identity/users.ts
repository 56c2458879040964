import { randomBytes } from 'node:crypto';
import type { Collection, DocumentStore } from '../store/port.js';
import { DuplicateKeyError } from '../store/port.js';
import { ProblemError } from '../http/problems.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { OrgService } from '../org/org-service.js';
import { origin, type CommandContext } from './context.js';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './password.js';
import type { IdentitySettings } from './settings.js';

export const USERS_COLLECTION = 'users';

export interface User {
  _id: string;
  username: string;
  displayName: string;
  /** The unit the user belongs to (their home; role assignments may name other units). */
  unitId: string;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  createdAt: string;
  [key: string]: unknown;
}

/** What the API shows of a user: never the hash or the failure counter. */
export interface PublicUser {
  _id: string;
  username: string;
  displayName: string;
  unitId: string;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export type LoginOutcome = { ok: true; user: User } | { ok: false; reason: 'invalid_credentials' | 'locked'; lockedUntil?: string };

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;

export function publicUser(u: User): PublicUser {
  return { _id: u._id, username: u.username, displayName: u.displayName, unitId: u.unitId, disabled: u.disabled, lockedUntil: u.lockedUntil, createdAt: u.createdAt };
}

/** Local accounts: creation, password checks with lockout, disabling. */
export class UserService {
  readonly users: Collection<User>;

  constructor(
    store: DocumentStore,
    private readonly org: OrgService,
    private readonly audit: AuditRecorder,
    private readonly settings: IdentitySettings,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.users = store.collection<User>(USERS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.users.createIndex({ fields: { username: 1 }, unique: true, name: 'users_username' });
    await this.users.createIndex({ fields: { unitId: 1 } });
  }

  count(): Promise<number> {
    return this.users.count({});
  }

  async get(id: string): Promise<User | null> {
    return this.users.findOne({ _id: id });
  }

  async require(id: string): Promise<User> {
    const u = await this.get(id);
    if (!u) throw new ProblemError('identity.user_not_found', `no user ${id}`);
    return u;
  }

  async create(input: { username: string; displayName: string; unitId: string; password: string }, ctx: CommandContext): Promise<User> {
    if (!USERNAME_PATTERN.test(input.username)) throw new ProblemError('http.validation_failed', 'username must be 2-64 of A-Z a-z 0-9 _ . @ -');
    const problems = passwordProblems(input.password);
    if (problems.length) throw new ProblemError('identity.invalid_password', `password needs ${problems.join(', ')}`);
    const unit = this.org.require(input.unitId);
    const user = {
      _id: `u_${randomBytes(9).toString('base64url')}`,
      username: input.username,
      displayName: input.displayName,
      unitId: unit._id,
      passwordHash: await hashPassword(input.password, this.settings.scrypt),
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: this.now().toISOString(),
    };
    let stored: User;
    try {
      stored = await this.users.insertOne(user);
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ProblemError('http.conflict', `username ${input.username} is taken`);
      throw err;
    }
    await this.audit.record({ ...origin(ctx), action: 'identity.user.create', object: { type: 'user', id: stored._id }, unitId: unit._id, unitPath: unit.path, after: publicUser(stored) });
    return stored;
  }

  /**
   * Checks a password. After `maxFailedLogins` failures in a row the account is locked for `lockoutMs`;
   * while locked even the right password is refused (and not checked, so the lock cannot be probed).
   * Unknown usernames cost the same scrypt work as known ones.
   */
  async checkPassword(username: string, password: string): Promise<LoginOutcome> {
    const user = await this.users.findOne({ username });
    if (!user || user.disabled) {
      await verifyPassword(password, await dummyPasswordHash());
      return { ok: false, reason: 'invalid_credentials' };
    }
    const now = this.now();
    if (user.lockedUntil && new Date(user.lockedUntil) > now) return { ok: false, reason: 'locked', lockedUntil: user.lockedUntil };
    if (await verifyPassword(password, user.passwordHash)) {
      if (user.failedLogins !== 0 || user.lockedUntil) await this.users.updateOne({ _id: user._id }, { $set: { failedLogins: 0, lockedUntil: null } });
      return { ok: true, user };
    }
    // $inc is atomic, so parallel guesses cannot slip past the limit
    const after = await this.users.findOneAndUpdate({ _id: user._id }, { $inc: { failedLogins: 1 } });
    const failures = after?.failedLogins ?? user.failedLogins + 1;
    if (failures >= this.settings.maxFailedLogins) {
      const lockedUntil = new Date(now.getTime() + this.settings.lockoutMs).toISOString();
      await this.users.updateOne({ _id: user._id }, { $set: { lockedUntil, failedLogins: 0 } });
      return { ok: false, reason: 'locked', lockedUntil };
    }
    return { ok: false, reason: 'invalid_credentials' };
  }

  async update(id: string, patch: { displayName?: string; disabled?: boolean; unlock?: boolean; password?: string }, ctx: CommandContext): Promise<User> {
    const before = await this.require(id);
    const set: Record<string, unknown> = {};
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.disabled !== undefined) set.disabled = patch.disabled;
    if (patch.unlock) Object.assign(set, { lockedUntil: null, failedLogins: 0 });
    if (patch.password !== undefined) {
      const problems = passwordProblems(patch.password);
      if (problems.length) throw new ProblemError('identity.invalid_password', `password needs ${problems.join(', ')}`);
      set.passwordHash = await hashPassword(patch.password, this.settings.scrypt);
    }
    const after = await this.users.findOneAndUpdate({ _id: id }, { $set: set });
    if (!after) throw new ProblemError('identity.user_not_found', `no user ${id}`);
    const unit = this.org.tree.get(after.unitId);
    await this.audit.record({
      ...origin(ctx),
      action: 'identity.user.update',
      object: { type: 'user', id },
      unitId: after.unitId,
      unitPath: unit?.path,
      before: publicUser(before),
      after: { ...publicUser(after), ...(patch.password !== undefined ? { passwordChanged: true } : {}) },
    });
    return after;
  }
}
