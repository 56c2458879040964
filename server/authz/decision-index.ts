/**
 * The compiled form of the Casbin policy that the guard consults on every request. Casbin's own enforce
 * with a domain-matching function rebuilds the role graph of every matching domain per call (milliseconds
 * at 5k assignments); this index answers the same question in microseconds:
 *   role → set of "object\0action" (with "*" wildcards), subject → its (role, unit) assignments,
 * and "unit inside assigned unit" is a prefix test on materialised paths resolved at decision time, so a
 * moved subtree needs no rebuild. test/unit/identity/decision-index.test.ts proves it agrees with
 * casbin.enforce on the same policies.
 */
export interface Assignment {
  role: string;
  unitId: string;
}

export type PathOf = (unitId: string) => string | undefined;

export class DecisionIndex {
  private perms = new Map<string, Set<string>>();
  private assignments = new Map<string, Assignment[]>();

  static build(policies: string[][], grouping: string[][]): DecisionIndex {
    const idx = new DecisionIndex();
    for (const [role, obj, act] of policies) idx.addPermission(role!, obj!, act!);
    for (const [sub, role, unit] of grouping) idx.addAssignment(sub!, role!, unit!);
    return idx;
  }

  addPermission(role: string, obj: string, act: string): void {
    let set = this.perms.get(role);
    if (!set) this.perms.set(role, (set = new Set()));
    set.add(`${obj}\0${act}`);
  }

  addAssignment(sub: string, role: string, unitId: string): void {
    const list = this.assignments.get(sub);
    if (list) list.push({ role, unitId });
    else this.assignments.set(sub, [{ role, unitId }]);
  }

  roleGrants(role: string, obj: string, act: string): boolean {
    const set = this.perms.get(role);
    if (!set) return false;
    return set.has(`${obj}\0${act}`) || set.has(`*\0${act}`) || set.has(`${obj}\0*`) || set.has('*\0*');
  }

  assignmentsOf(sub: string): readonly Assignment[] {
    return this.assignments.get(sub) ?? [];
  }

  /** May `sub` do (obj, act) at the unit with path `targetPath`? Without a target: anywhere at all? */
  allows(sub: string, obj: string, act: string, pathOf: PathOf, targetPath?: string): boolean {
    for (const a of this.assignmentsOf(sub)) {
      if (!this.roleGrants(a.role, obj, act)) continue;
      if (targetPath === undefined) return true;
      const base = pathOf(a.unitId);
      if (base !== undefined && targetPath.startsWith(base)) return true;
    }
    return false;
  }

  /** The minimal set of subtree paths where `sub` may do (obj, act). */
  scope(sub: string, obj: string, act: string, pathOf: PathOf): string[] {
    const paths: string[] = [];
    for (const a of this.assignmentsOf(sub)) {
      if (!this.roleGrants(a.role, obj, act)) continue;
      const p = pathOf(a.unitId);
      if (p !== undefined) paths.push(p);
    }
    return minimalPaths(paths);
  }
}

/** Drops paths that lie inside another path of the list. */
export function minimalPaths(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}
