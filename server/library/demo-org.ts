/**
 * The demo organisation (processes/demo-org/org.json): one city, two counties, townships, villages, grids with
 * GeoJSON boundaries, departments and one user for every role. Seeding is idempotent (existing units and users
 * are kept); passwords of the users it creates are generated here (crypto random) and returned once, for the
 * caller to print — never fixed in code or data.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecurityServices } from '../identity/services.js';
import type { CommandContext } from '../identity/context.js';
import { userSubject } from '../identity/principal.js';
import type { NewUnit } from '../org/org-service.js';
import { ProblemError } from '../http/problems.js';
import { defaultLibraryDir } from './folder.js';

export interface DemoUser {
  username: string;
  name: string;
  unitId: string;
  role: string;
  /** Where the role is held; the home unit when omitted. */
  roleUnit?: string;
}

export interface DemoOrg {
  units: NewUnit[];
  users: DemoUser[];
}

export interface SeededUser {
  username: string;
  role: string;
  unitId: string;
  password: string;
}

export function readDemoOrg(root = defaultLibraryDir()): DemoOrg {
  return JSON.parse(readFileSync(join(root, 'demo-org', 'org.json'), 'utf8')) as DemoOrg;
}

/** 18 random bytes as base64url: 24 characters, ~144 bits. */
const newPassword = () => randomBytes(18).toString('base64url');

export async function seedDemoOrg(security: SecurityServices, org: DemoOrg, ctx: CommandContext): Promise<{ unitsCreated: number; users: SeededUser[] }> {
  let unitsCreated = 0;
  for (const unit of org.units) {
    if (security.org.tree.get(unit.id)) continue;
    await security.org.create(unit, ctx);
    unitsCreated++;
  }
  const users: SeededUser[] = [];
  for (const u of org.users) {
    const password = newPassword();
    try {
      const created = await security.users.create({ username: u.username, displayName: u.name, unitId: u.unitId, password }, ctx);
      await security.authz.assign(userSubject(created._id), u.role, u.roleUnit ?? u.unitId, ctx);
      users.push({ username: u.username, role: u.role, unitId: u.roleUnit ?? u.unitId, password });
    } catch (err) {
      // an existing user keeps its password and roles: seeding again changes nothing
      if (!(err instanceof ProblemError && err.code === 'http.conflict')) throw err;
    }
  }
  return { unitsCreated, users };
}
