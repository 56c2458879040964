/**
 * First start on an empty data directory (no org units yet): seed the demo organisation and load the whole
 * process library for its city, unless the `demo` setting (GONGZHI_DEMO=false) says to start empty.
 * Used by `npm start` (server/main.ts) and `npm run seed` (scripts/seed.ts).
 */
import { systemContext } from '../identity/context.js';
import type { RunningServer } from '../server.js';
import { readDemoOrg, seedDemoOrg, type SeededUser } from './demo-org.js';
import { readLibrary } from './folder.js';
import { loadLibrary, type LoadReport } from './loader.js';

export interface SeedResult {
  seeded: boolean;
  rootUnitId?: string;
  users: SeededUser[];
  processes: LoadReport[];
}

/** Seeds the demo org and loads the library for its root unit; idempotent (existing users keep their passwords). */
export async function seedDemo(server: RunningServer): Promise<SeedResult> {
  const ctx = systemContext('library-seed');
  const org = readDemoOrg();
  const { users } = await seedDemoOrg(server.security, org, ctx);
  const root = org.units.find((u) => u.parentId === null)!.id;
  const processes = await loadLibrary(readLibrary(), root, {
    definitions: server.engine.definitions, forms: server.forms.forms, mappings: server.forms.mappings, timeLimits: server.timeLimits, routing: server.routing, authz: server.security.authz,
  }, ctx);
  return { seeded: true, rootUnitId: root, users, processes };
}

export async function seedOnFirstStart(server: RunningServer, demo: boolean): Promise<SeedResult> {
  const empty = server.security.org.tree.all().length === 0;
  if (!demo || !empty) return { seeded: false, users: [], processes: [] };
  return seedDemo(server);
}

/** The one-time printout of generated passwords (they are stored only as hashes). */
export function formatSeedResult(r: SeedResult): string {
  if (!r.seeded) return '';
  const lines = ['', '  示例组织与流程库已载入 (demo organisation and process library loaded):'];
  for (const p of r.processes) lines.push(`    ${p.bpmnProcessId} v${p.version}`);
  if (r.users.length) {
    lines.push('', '  Generated passwords — shown only this once:');
    for (const u of r.users) lines.push(`    ${u.username.padEnd(18)} ${u.password}   (${u.role} @ ${u.unitId})`);
  }
  return lines.join('\n') + '\n\n';
}
