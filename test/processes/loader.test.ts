/**
 * Loading the library and the demo organisation: first start on an empty store seeds everything (unless the
 * `demo` setting is off), prints generated passwords once, and loading again changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/load.js';
import { formatSeedResult, seedDemo, seedOnFirstStart } from '../../server/library/first-start.js';
import { readDemoOrg } from '../../server/library/demo-org.js';
import { readLibrary } from '../../server/library/index.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';

describe('library loader and demo organisation', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-loader-'));
    server = await startServer(loadConfig({}, { port: 0, dataDir, logLevel: 'silent', slaSweepMs: 0 }), { store: openSqliteMemoryStore(), logger: createLogger('silent') });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GONGZHI_DEMO=false leaves an empty data directory empty', async () => {
    expect(loadConfig({ GONGZHI_DEMO: 'false' }).demo).toBe(false);
    expect(loadConfig({}).demo).toBe(true);
    expect(await seedOnFirstStart(server, false)).toMatchObject({ seeded: false });
    expect(server.security.org.tree.all()).toHaveLength(0);
  });

  it('the first start seeds the demo org and the whole library; passwords are random, printed once, never stored in clear', async () => {
    const first = await seedOnFirstStart(server, true);
    const org = readDemoOrg();
    expect(first.seeded).toBe(true);
    expect(server.security.org.tree.all()).toHaveLength(org.units.length);
    expect(org.units.filter((u) => u.kind === 'grid').every((u) => u.boundary?.type === 'Polygon')).toBe(true);
    expect(first.users.map((u) => u.username).sort()).toEqual(org.users.map((u) => u.username).sort());
    const passwords = first.users.map((u) => u.password);
    expect(new Set(passwords).size).toBe(passwords.length);
    expect(passwords.every((p) => p.length >= 24)).toBe(true);
    const printed = formatSeedResult(first);
    for (const u of first.users) expect(printed).toContain(u.password);
    const stored = JSON.stringify(await server.store.collection('users').find({}));
    for (const p of passwords) expect(stored).not.toContain(p);
    expect(first.processes.map((p) => p.bpmnProcessId).sort()).toEqual(readLibrary().map((p) => p.bpmnProcessId).sort());
    const login = await fetch(server.url + '/api/session/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'dh.dispatcher', password: first.users.find((u) => u.username === 'dh.dispatcher')!.password }) });
    expect(login.status).toBe(200);
  }, 60_000);

  it('a second start does nothing, and loading again keeps every version', async () => {
    expect(await seedOnFirstStart(server, true)).toMatchObject({ seeded: false });
    const before = (await server.engine.definitions.list(['/'])).map((d) => `${d.bpmnProcessId}@${d.version}`).sort();
    const again = await seedDemo(server);
    expect(again.users).toEqual([]);
    expect(again.processes.flatMap((p) => [...p.formsPublished, ...p.permissionsGranted])).toEqual([]);
    expect(again.processes.map((p) => `${p.bpmnProcessId}@${p.version}`).sort()).toEqual(before);
    expect(formatSeedResult(again)).not.toMatch(/Generated passwords/);
  }, 60_000);
});
