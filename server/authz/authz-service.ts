import type { Enforcer } from 'casbin';
import { ProblemError } from '../http/problems.js';
import type { AuditRecorder } from '../audit/audit-log.js';
import type { OrgService } from '../org/org-service.js';
import { origin, type CommandContext } from '../identity/context.js';
import type { Principal } from '../identity/principal.js';
import { DecisionIndex, minimalPaths } from './decision-index.js';
import { createEnforcer } from './enforcer.js';
import type { Revision } from './revision.js';
import { BUILT_IN_ROLES, DEFAULT_PERMISSIONS, OBJECT_PATTERN, ROLE_NAME_PATTERN } from './roles.js';
import type { DocumentStoreAdapter } from './store-adapter.js';

export interface RoleView {
  role: string;
  label?: string;
  permissions: { object: string; action: string }[];
}

export interface AssignmentView {
  subject: string;
  role: string;
  unitId: string;
}

/**
 * Casbin-backed authorisation. Casbin holds the policy (model.conf + the DocumentStore adapter); decisions
 * are answered by a DecisionIndex compiled from it, rebuilt after every change made here and whenever the
 * shared revision shows a change made by another server.
 */
export class AuthzService {
  private enforcer!: Enforcer;
  private index = new DecisionIndex();
  private seenRevision = -1;
  private timer: NodeJS.Timeout | undefined;
  readonly pathOf = (unitId: string): string | undefined => this.org.tree.pathOf(unitId);

  constructor(
    private readonly adapter: DocumentStoreAdapter,
    private readonly org: OrgService,
    private readonly audit: AuditRecorder,
    private readonly revision: Revision,
  ) {}

  async init(options: { refreshMs: number }): Promise<void> {
    await this.adapter.init();
    this.enforcer = await createEnforcer(this.adapter, this.pathOf);
    if ((await this.adapter.col.count({ ptype: 'p' })) === 0) {
      // first start: seed the built-in roles (admins edit them afterwards)
      await this.enforcer.addPolicies(DEFAULT_PERMISSIONS.map((r) => [...r]));
    }
    await this.rebuild();
    this.seenRevision = await this.revision.current();
    if (options.refreshMs > 0) {
      this.timer = setInterval(() => void this.refreshIfStale().catch(() => undefined), options.refreshMs);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Reloads org tree and policy when another server changed them. */
  async refreshIfStale(): Promise<boolean> {
    const current = await this.revision.current();
    if (current === this.seenRevision) return false;
    this.seenRevision = current;
    await this.org.reload();
    await this.enforcer.loadPolicy();
    await this.rebuild();
    return true;
  }

  private async rebuild(): Promise<void> {
    this.index = DecisionIndex.build(await this.enforcer.getPolicy(), await this.enforcer.getGroupingPolicy());
  }

  private async changed(): Promise<void> {
    await this.rebuild();
    this.seenRevision = await this.revision.bump();
  }

  /** The enforcer, for the benchmark baseline and the agreement test. */
  casbin(): Enforcer {
    return this.enforcer;
  }

  decisions(): DecisionIndex {
    return this.index;
  }

  /**
   * May the principal do (object, action)? With a unit: at that unit (inside the subtree of an
   * assignment). Without: anywhere — the route-level check, after which services narrow by `scope`.
   */
  allows(principal: Principal, object: string, action: string, unitId?: string): boolean {
    let target: string | undefined;
    if (unitId !== undefined) {
      target = this.pathOf(unitId);
      if (target === undefined) return false;
    }
    if (principal.kind === 'token') {
      return principal.scopes.some((s) => {
        if (s.object !== object || s.action !== action) return false;
        if (target === undefined) return true;
        const base = this.pathOf(s.unitId);
        return base !== undefined && target.startsWith(base);
      });
    }
    return this.index.allows(principal.subject, object, action, this.pathOf, target);
  }

  /** Throws 403 unless `allows`. For unknown units the answer is 404 only to those who could see it. */
  require(principal: Principal, object: string, action: string, unitId: string): void {
    if (!this.allows(principal, object, action, unitId)) {
      throw new ProblemError('http.forbidden', `not allowed to ${action} ${object} at unit ${unitId}`);
    }
  }

  /** Unit subtree paths where the principal may do (object, action): list queries filter to these. */
  scope(principal: Principal, object: string, action: string): string[] {
    if (principal.kind === 'token') {
      return minimalPaths(
        principal.scopes.filter((s) => s.object === object && s.action === action).flatMap((s) => this.pathOf(s.unitId) ?? []),
      );
    }
    return this.index.scope(principal.subject, object, action, this.pathOf);
  }

  // ---- administration ----

  async roles(): Promise<RoleView[]> {
    const byRole = new Map<string, RoleView>();
    for (const [role, label] of Object.entries(BUILT_IN_ROLES)) byRole.set(role, { role, label, permissions: [] });
    for (const [role, object, action] of await this.enforcer.getPolicy()) {
      if (!byRole.has(role!)) byRole.set(role!, { role: role!, permissions: [] });
      byRole.get(role!)!.permissions.push({ object: object!, action: action! });
    }
    return [...byRole.values()];
  }

  async addPermission(role: string, object: string, action: string, ctx: CommandContext): Promise<boolean> {
    checkPermission(role, object, action);
    const added = await this.enforcer.addPolicy(role, object, action);
    if (added) {
      await this.changed();
      await this.audit.record({ ...origin(ctx), action: 'authz.permission.add', object: { type: 'authz.role', id: role }, after: { role, object, action } });
    }
    return added;
  }

  async removePermission(role: string, object: string, action: string, ctx: CommandContext): Promise<boolean> {
    const removed = await this.enforcer.removePolicy(role, object, action);
    if (removed) {
      await this.changed();
      await this.audit.record({ ...origin(ctx), action: 'authz.permission.remove', object: { type: 'authz.role', id: role }, before: { role, object, action } });
    }
    return removed;
  }

  /** Removes a role: all its permissions and every assignment of it. Built-in roles stay listed, empty. */
  async removeRole(role: string, ctx: CommandContext): Promise<{ permissions: number; assignments: number }> {
    const permissions = await this.enforcer.getFilteredPolicy(0, role);
    const assignments = await this.enforcer.getFilteredGroupingPolicy(1, role);
    if (permissions.length === 0 && assignments.length === 0) return { permissions: 0, assignments: 0 };
    if (permissions.length) await this.enforcer.removeFilteredPolicy(0, role);
    if (assignments.length) await this.enforcer.removeFilteredGroupingPolicy(1, role);
    await this.changed();
    await this.audit.record({ ...origin(ctx), action: 'authz.role.remove', object: { type: 'authz.role', id: role }, before: { permissions, assignments } });
    return { permissions: permissions.length, assignments: assignments.length };
  }

  async assignments(withinPaths: string[], subject?: string): Promise<AssignmentView[]> {
    const rows = subject ? await this.enforcer.getFilteredGroupingPolicy(0, subject) : await this.enforcer.getGroupingPolicy();
    return rows
      .map(([s, role, unitId]) => ({ subject: s!, role: role!, unitId: unitId! }))
      .filter((a) => withinPaths.some((p) => (this.pathOf(a.unitId) ?? '\0').startsWith(p)));
  }

  async assign(subject: string, role: string, unitId: string, ctx: CommandContext): Promise<boolean> {
    const unit = this.org.require(unitId);
    if (!subject.startsWith('user:')) throw new ProblemError('authz.invalid_policy', 'subject must be user:<id> (API tokens carry scopes, not roles)');
    if (!(await this.roleExists(role))) throw new ProblemError('authz.unknown_role', `no role ${role}`);
    const added = await this.enforcer.addGroupingPolicy(subject, role, unitId);
    if (added) {
      await this.changed();
      await this.audit.record({ ...origin(ctx), action: 'authz.assignment.add', object: { type: 'authz.assignment', id: subject }, unitId, unitPath: unit.path, after: { subject, role, unitId } });
    }
    return added;
  }

  async unassign(subject: string, role: string, unitId: string, ctx: CommandContext): Promise<boolean> {
    const removed = await this.enforcer.removeGroupingPolicy(subject, role, unitId);
    if (removed) {
      await this.changed();
      await this.audit.record({ ...origin(ctx), action: 'authz.assignment.remove', object: { type: 'authz.assignment', id: subject }, unitId, unitPath: this.pathOf(unitId), before: { subject, role, unitId } });
    }
    return removed;
  }

  async roleExists(role: string): Promise<boolean> {
    return role in BUILT_IN_ROLES || (await this.enforcer.getFilteredPolicy(0, role)).length > 0;
  }
}

function checkPermission(role: string, object: string, action: string): void {
  if (!ROLE_NAME_PATTERN.test(role)) throw new ProblemError('authz.invalid_policy', 'role names are lower-case letters, digits and _');
  if (!OBJECT_PATTERN.test(object)) throw new ProblemError('authz.invalid_policy', `invalid object ${object}`);
  if (!OBJECT_PATTERN.test(action)) throw new ProblemError('authz.invalid_policy', `invalid action ${action}`);
}
