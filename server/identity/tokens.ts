import { randomBytes } from 'node:crypto';
import type { Collection, DocumentStore } from '../store/port.js';
import { ProblemError } from '../http/problems.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { OrgService } from '../org/org-service.js';
import { origin, type CommandContext } from './context.js';
import type { TokenScope } from './principal.js';
import { randomSecret, sameHash, sha256 } from './secrets.js';
import { TOKEN_PREFIX } from './settings.js';

export const TOKENS_COLLECTION = 'api_tokens';

/** An API token for an intake system. Only the SHA-256 of its secret is stored. */
export interface ApiToken {
  _id: string;
  name: string;
  /** The unit that owns the token (its admins manage it). */
  unitId: string;
  scopes: TokenScope[];
  secretHash: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt?: string | null;
  [key: string]: unknown;
}

/** What the API shows of a token: never the secret's hash. */
export interface PublicToken {
  _id: string;
  name: string;
  unitId: string;
  scopes: TokenScope[];
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
}

export function publicToken(t: ApiToken): PublicToken {
  return { _id: t._id, name: t.name, unitId: t.unitId, scopes: t.scopes, createdAt: t.createdAt, createdBy: t.createdBy, expiresAt: t.expiresAt, revokedAt: t.revokedAt };
}

/** Token text: `gz_<id>.<secret>`; the id finds the row, the secret is compared by hash in constant time. */
const TOKEN_TEXT = /^gz_([A-Za-z0-9_-]{8,64})\.([A-Za-z0-9_-]{20,128})$/;

export class TokenService {
  private readonly tokens: Collection<ApiToken>;

  constructor(store: DocumentStore, private readonly org: OrgService, private readonly audit: AuditRecorder, private readonly now: () => Date = () => new Date()) {
    this.tokens = store.collection<ApiToken>(TOKENS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.tokens.createIndex({ fields: { unitId: 1 } });
  }

  /** Creates a token and returns its text: the only time the secret is ever visible. */
  async issue(input: { name: string; unitId: string; scopes: TokenScope[]; expiresAt: string }, ctx: CommandContext): Promise<{ token: string; record: PublicToken }> {
    const unit = this.org.require(input.unitId);
    for (const s of input.scopes) {
      const scopeUnit = this.org.require(s.unitId);
      if (!scopeUnit.path.startsWith(unit.path)) throw new ProblemError('authz.invalid_policy', `scope unit ${s.unitId} lies outside the token's unit ${unit._id}`);
    }
    if (new Date(input.expiresAt) <= this.now()) throw new ProblemError('authz.invalid_policy', 'expiresAt must lie in the future');
    const id = randomBytes(9).toString('base64url');
    const secret = randomSecret();
    const record = await this.tokens.insertOne({
      _id: id,
      name: input.name,
      unitId: unit._id,
      scopes: input.scopes,
      secretHash: sha256(secret),
      createdAt: this.now().toISOString(),
      createdBy: ctx.actor.id,
      expiresAt: new Date(input.expiresAt).toISOString(),
      revokedAt: null,
    });
    await this.audit.record({ ...origin(ctx), action: 'identity.token.issue', object: { type: 'token', id }, unitId: unit._id, unitPath: unit.path, after: publicToken(record) });
    return { token: `${TOKEN_PREFIX}${id}.${secret}`, record: publicToken(record) };
  }

  /** The live token of a bearer text, or null when malformed, unknown, forged, revoked or expired. */
  async resolve(text: string): Promise<ApiToken | null> {
    const m = TOKEN_TEXT.exec(text);
    if (!m) return null;
    const token = await this.tokens.findOne({ _id: m[1]! });
    if (!token) return null;
    if (!sameHash(sha256(m[2]!), token.secretHash)) return null;
    if (token.revokedAt || new Date(token.expiresAt) <= this.now()) return null;
    return token;
  }

  async list(filter: { withinPaths: string[] }): Promise<PublicToken[]> {
    const all = await this.tokens.find({}, { sort: { createdAt: 1 } });
    return all.filter((t) => filter.withinPaths.some((p) => (this.org.tree.pathOf(t.unitId) ?? '\0').startsWith(p))).map(publicToken);
  }

  async get(id: string): Promise<ApiToken> {
    const t = await this.tokens.findOne({ _id: id });
    if (!t) throw new ProblemError('identity.token_not_found', `no token ${id}`);
    return t;
  }

  async revoke(id: string, ctx: CommandContext): Promise<PublicToken> {
    const before = await this.get(id);
    const after = await this.tokens.findOneAndUpdate({ _id: id }, { $set: { revokedAt: before.revokedAt ?? this.now().toISOString() } });
    const unit = this.org.tree.get(before.unitId);
    await this.audit.record({ ...origin(ctx), action: 'identity.token.revoke', object: { type: 'token', id }, unitId: before.unitId, unitPath: unit?.path, before: publicToken(before), after: publicToken(after!) });
    return publicToken(after!);
  }
}
