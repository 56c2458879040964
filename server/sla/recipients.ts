/**
 * Who hears about an SLA transition: the assignee (or, while unclaimed, the candidate users) and the supervisor
 * — the head (dept_head) of the unit, found by walking up the org tree until a unit has one.
 */
import type { SecurityServices } from '../identity/services.js';

const SUPERVISOR_ROLE = 'dept_head';

export class SlaRecipients {
  constructor(private readonly security: SecurityServices) {}

  async supervisorsOf(unitId: string): Promise<string[]> {
    const path = this.security.org.tree.pathOf(unitId);
    if (!path) return [];
    const ids = path.split('/').filter((p) => p !== '').reverse();
    const rows = (await this.security.authz.assignments([path.split('/').slice(0, 2).join('/') + '/'])).filter((a) => a.role === SUPERVISOR_ROLE && a.subject.startsWith('user:'));
    for (const id of ids) {
      const heads = rows.filter((a) => a.unitId === id).map((a) => a.subject.slice('user:'.length));
      if (heads.length) return heads;
    }
    return [];
  }

  async of(target: { unitId: string; assignee?: string | null; candidateUsers?: string[] }): Promise<{ handlers: string[]; supervisors: string[] }> {
    const handlers = target.assignee ? [target.assignee] : (target.candidateUsers ?? []);
    return { handlers, supervisors: await this.supervisorsOf(target.unitId) };
  }
}
