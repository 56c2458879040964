import type { SecurityServices } from '../identity/services.js';
import { isPrincipalSubject } from '../authz/roles.js';
import type { OrgDirectory } from './assignment.js';

const USER_PREFIX = 'user:';

/** The org tree and role assignments as the assignment rules and group membership see them. */
export class SecurityDirectory implements OrgDirectory {
  constructor(private readonly s: SecurityServices) {}

  unit(id: string) {
    return this.s.org.tree.get(id);
  }

  async usersWithRole(role: string, unitId: string): Promise<string[]> {
    const path = this.s.org.tree.pathOf(unitId);
    if (!path) return [];
    const rows = await this.s.authz.assignments([path]);
    return rows.filter((a) => a.role === role && a.unitId === unitId && isPrincipalSubject(a.subject)).map((a) => a.subject.slice(USER_PREFIX.length));
  }

  async homeUnitOf(userId: string): Promise<string | undefined> {
    return (await this.s.users.get(userId))?.unitId;
  }

  /** The groups a user belongs to: `role@unit` and `unit:unit` for each of their role assignments. */
  async groupsOf(userId: string): Promise<string[]> {
    const rows = await this.s.authz.assignments(['/'], `${USER_PREFIX}${userId}`);
    return [...new Set(rows.flatMap((a) => [`${a.role}@${a.unitId}`, `unit:${a.unitId}`]))];
  }
}
