import type { DocumentStore } from '../store/port.js';
import type { Logger } from '../log/logger.js';
import { AuditLog } from '../audit/audit-log.js';
import { AuthzService } from '../authz/authz-service.js';
import { createAccessGuard } from '../authz/guard.js';
import { Revision } from '../authz/revision.js';
import { DocumentStoreAdapter } from '../authz/store-adapter.js';
import type { AccessGuard } from '../http/mount.js';
import { OrgService } from '../org/org-service.js';
import { Authenticator } from './authenticate.js';
import { SessionService } from './sessions.js';
import { DEFAULT_IDENTITY_SETTINGS, type IdentitySettings } from './settings.js';
import { TokenService } from './tokens.js';
import { UserService } from './users.js';

/** Everything about who may do what: org tree, accounts, sessions, tokens, Casbin, the audit log. */
export interface SecurityServices {
  settings: IdentitySettings;
  audit: AuditLog;
  org: OrgService;
  users: UserService;
  sessions: SessionService;
  tokens: TokenService;
  authz: AuthzService;
  authenticator: Authenticator;
  guard: AccessGuard;
  stop(): void;
}

export async function createSecurityServices(
  store: DocumentStore,
  options: { settings?: Partial<IdentitySettings>; logger?: Logger; now?: () => Date } = {},
): Promise<SecurityServices> {
  const settings = { ...DEFAULT_IDENTITY_SETTINGS, ...options.settings };
  const now = options.now ?? (() => new Date());
  const audit = new AuditLog(store, now);
  const revision = new Revision(store);
  const org = new OrgService(store, audit, revision);
  const users = new UserService(store, org, audit, settings, now);
  const sessions = new SessionService(store, settings, now);
  const tokens = new TokenService(store, org, audit, now);
  const authz = new AuthzService(new DocumentStoreAdapter(store), org, audit, revision);
  await audit.init();
  await revision.init();
  await org.init();
  await users.init();
  await sessions.init();
  await tokens.init();
  await authz.init({ refreshMs: settings.authzRefreshMs });
  const authenticator = new Authenticator(users, sessions, tokens);
  if (options.logger && (await users.count()) === 0) {
    options.logger.warn(
      'no user exists yet: create the first admin with `npm run admin -- create-admin --username <name> --unit <rootUnitId> --unit-name <name>` (there is no default password)',
    );
  }
  return { settings, audit, org, users, sessions, tokens, authz, authenticator, guard: createAccessGuard(authenticator, authz), stop: () => authz.stop() };
}
