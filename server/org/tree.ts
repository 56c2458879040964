import type { Unit } from './unit.js';

/**
 * The whole org tree in memory (a city has ~10k units: a few MB). Authorisation resolves unit ids to paths
 * here on every request, so a lookup must be a Map access, not a store query.
 */
export class OrgTree {
  private byId = new Map<string, Unit>();

  replaceAll(units: Unit[]): void {
    this.byId = new Map(units.map((u) => [u._id, u]));
  }

  put(unit: Unit): void {
    this.byId.set(unit._id, unit);
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  pathOf(id: string): string | undefined {
    return this.byId.get(id)?.path;
  }

  all(): Unit[] {
    return [...this.byId.values()];
  }

  size(): number {
    return this.byId.size;
  }

  /** Units whose path starts with `path` (the unit itself included). */
  subtree(path: string): Unit[] {
    return this.all().filter((u) => u.path.startsWith(path));
  }

  roots(): Unit[] {
    return this.all().filter((u) => u.parentId === null);
  }
}
