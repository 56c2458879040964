import { readFileSync } from 'node:fs';
import { newEnforcer, newModelFromString, type Enforcer } from 'casbin';
import type { Adapter } from 'casbin';
import type { PathOf } from './decision-index.js';

/** The Casbin model of this repository (server/authz/model.conf). */
export function modelText(): string {
  try {
    return readFileSync(new URL('./model.conf', import.meta.url), 'utf8');
  } catch {
    // the build (dist/server/authz/) does not copy .conf files: read the one in the source tree
    return readFileSync(new URL('../../../server/authz/model.conf', import.meta.url), 'utf8');
  }
}

/**
 * A Casbin enforcer on our model with the domain hierarchy: a role assigned at unit U applies at every unit
 * whose path starts with U's path.
 */
export async function createEnforcer(adapter: Adapter, pathOf: PathOf): Promise<Enforcer> {
  const enforcer = await newEnforcer(newModelFromString(modelText()), adapter);
  await enforcer.addNamedDomainMatchingFunc('g', (requestUnit: string, assignedUnit: string) => {
    if (requestUnit === assignedUnit) return true;
    const target = pathOf(requestUnit);
    const base = pathOf(assignedUnit);
    return target !== undefined && base !== undefined && target.startsWith(base);
  });
  // the domain-matching function only takes effect on role links built after it is registered
  await enforcer.loadPolicy();
  return enforcer;
}
