import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config/load.js';
import { openStore } from '../../../server/store/index.js';
import { AUDIT_COLLECTION } from '../../../server/audit/audit-log.js';
import { createSecurityServices } from '../../../server/identity/services.js';

interface Target {
  name: string;
  env: Record<string, string>;
}

const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-cli-'));
const targets: Target[] = [{ name: 'sqlite', env: { STORE: 'sqlite', DATA_DIR: dataDir } }];
if (process.env.GONGZHI_TEST_MONGO_URL) {
  targets.push({ name: 'mongodb', env: { STORE: 'mongodb', MONGO_URL: process.env.GONGZHI_TEST_MONGO_URL, MONGO_DB: `gongzhi_cli_${process.pid}`, DATA_DIR: dataDir } });
}
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function admin(env: Record<string, string>, args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/admin.ts', ...args],
      { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, cwd: process.cwd(), timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe.each(targets.map((t) => [t.name, t] as const))('npm run admin on %s', (_name, target) => {
  it('create-admin prints a generated password once, and that password logs in', async () => {
    const out = await admin(target.env, ['create-admin', '--username', 'root_admin', '--unit', 'city1', '--unit-name', '某市']);
    expect(out).toMatchObject({ code: 0 });
    const password = /generated password \(shown once, store it now\): (\S+)/.exec(out.stdout)?.[1];
    expect(password).toBeDefined();
    const store = await openStore(loadConfig(target.env));
    try {
      const security = await createSecurityServices(store, { settings: { authzRefreshMs: 0 } });
      expect(await security.users.checkPassword('root_admin', password!)).toMatchObject({ ok: true });
      const admin = (await security.users.users.findOne({ username: 'root_admin' }))!;
      expect(security.authz.decisions().assignmentsOf(`user:${admin._id}`)).toEqual([{ role: 'admin', unitId: 'city1' }]);
      security.stop();
    } finally {
      await store.close();
    }
  }, 90_000);

  it('create-admin --password-stdin prints no secret', async () => {
    const out = await admin(target.env, ['create-admin', '--username', 'second_admin', '--unit', 'city1', '--password-stdin'], 'a-password-from-stdin\n');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain('a-password-from-stdin');
    expect(out.stdout).not.toContain('generated password');
  }, 90_000);

  it('verify-audit passes on an intact chain and names the first edited entry after tampering', async () => {
    const ok = await admin(target.env, ['verify-audit']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true });
    const store = await openStore(loadConfig(target.env));
    try {
      await store.collection(AUDIT_COLLECTION).updateOne({ seq: 2 }, { $set: { action: 'edited.by.hand' } });
    } finally {
      await store.close();
    }
    const bad = await admin(target.env, ['verify-audit']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, firstBad: { seq: 2, problem: 'hash_mismatch' } });
  }, 90_000);
});
