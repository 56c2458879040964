import { describe, expect, it } from '@jest/globals';
import { newEnforcer, newModelFromString } from 'casbin';
import { DecisionIndex, minimalPaths } from '../../../server/authz/decision-index.js';
import { modelText } from '../../../server/authz/enforcer.js';
import { DEFAULT_PERMISSIONS } from '../../../server/authz/roles.js';

// A small tree: city c → counties A, B → towns A1, A2, B1 → grids.
const paths: Record<string, string> = {
  c: '/c/', A: '/c/A/', B: '/c/B/', A1: '/c/A/A1/', A2: '/c/A/A2/', B1: '/c/B/B1/', g1: '/c/A/A1/g1/', g2: '/c/B/B1/g2/',
};
const pathOf = (id: string) => paths[id];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe('DecisionIndex agrees with casbin.enforce on the same model and policies', () => {
  it('given random assignments, when every (subject, unit, object, action) is asked, then both answer the same', async () => {
    const rnd = random(42);
    const units = Object.keys(paths);
    const roles = [...new Set(DEFAULT_PERMISSIONS.map((p) => p[0]))];
    const grouping: string[][] = [];
    for (let u = 0; u < 12; u++) {
      for (let k = 0; k < 1 + Math.floor(rnd() * 3); k++) {
        grouping.push([`user:${u}`, roles[Math.floor(rnd() * roles.length)]!, units[Math.floor(rnd() * units.length)]!]);
      }
    }
    const policies = [...DEFAULT_PERMISSIONS.map((p) => [...p]), ['custom', '*', 'read'], ['custom2', 'case', '*']];
    grouping.push(['user:12', 'custom', 'A'], ['user:13', 'custom2', 'B1']);

    const enforcer = await newEnforcer(newModelFromString(modelText()));
    await enforcer.addNamedDomainMatchingFunc('g', (req: string, assigned: string) => {
      const t = pathOf(req);
      const b = pathOf(assigned);
      return t !== undefined && b !== undefined && t.startsWith(b);
    });
    await enforcer.addPolicies(policies);
    await enforcer.addGroupingPolicies(grouping);
    const index = DecisionIndex.build(policies, grouping);

    const objects = ['case', 'task', 'org', 'audit', 'authz', 'intake'];
    const actions = ['read', 'create', 'manage', 'complete', 'export'];
    let allowed = 0;
    let checked = 0;
    for (let u = 0; u < 15; u++) {
      for (const unit of units) {
        for (const obj of objects) {
          for (const act of actions) {
            const expected = await enforcer.enforce(`user:${u}`, unit, obj, act);
            expect({ u, unit, obj, act, allowed: index.allows(`user:${u}`, obj, act, pathOf, pathOf(unit)) }).toEqual({ u, unit, obj, act, allowed: expected });
            if (expected) allowed++;
            checked++;
          }
        }
      }
    }
    // the sample exercises both answers
    expect(allowed).toBeGreaterThan(50);
    expect(checked - allowed).toBeGreaterThan(50);
  });

  it('a role held at a county applies to its towns and grids, not to the sibling county or the city', () => {
    const index = DecisionIndex.build(DEFAULT_PERMISSIONS.map((p) => [...p]), [['user:a', 'admin', 'A']]);
    expect(index.allows('user:a', 'org', 'manage', pathOf, '/c/A/')).toBe(true);
    expect(index.allows('user:a', 'org', 'manage', pathOf, '/c/A/A1/g1/')).toBe(true);
    expect(index.allows('user:a', 'org', 'manage', pathOf, '/c/B/')).toBe(false);
    expect(index.allows('user:a', 'org', 'manage', pathOf, '/c/')).toBe(false);
    expect(index.scope('user:a', 'org', 'manage', pathOf)).toEqual(['/c/A/']);
  });

  it('scope keeps only the outermost paths', () => {
    expect(minimalPaths(['/c/A/A1/', '/c/A/', '/c/B/B1/', '/c/A/'])).toEqual(['/c/A/', '/c/B/B1/']);
  });
});
