/**
 * Starts the real server (port 0) on a given DocumentStore and seeds a small org tree through the real
 * services: city c → counties A and B → towns A1 (under A) and B1 (under B), each with a department.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../server/config/load.js';
import type { Config } from '../../../server/config/schema.js';
import { createLogger } from '../../../server/log/logger.js';
import { startServer, type RunningServer } from '../../../server/server.js';
import type { DocumentStore } from '../../../server/store/port.js';
import type { IdentitySettings } from '../../../server/identity/settings.js';
import { systemContext } from '../../../server/identity/context.js';
import { userSubject } from '../../../server/identity/principal.js';

export const PASSWORD = 'a-long-test-password-42';
const ctx = systemContext('test-seed');

export interface Harness {
  server: RunningServer;
  url: string;
  /** Creates a user at `unitId` holding `role` at `roleUnit` (default: the same unit); returns the user id. */
  user(username: string, unitId: string, role?: string, roleUnit?: string): Promise<string>;
  login(username: string, password?: string): Promise<string>;
  call(method: string, path: string, opts?: { cookie?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(store: DocumentStore, identity: Partial<IdentitySettings> = {}, overrides: Partial<Config> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-api-'));
  const config = loadConfig({}, { port: 0, dataDir, logLevel: 'silent', ...overrides });
  const server = await startServer(config, { store, identity: { authzRefreshMs: 0, ...identity }, logger: createLogger('silent') });
  const s = server.security;
  await s.org.create({ id: 'c', name: '某市', kind: 'city', parentId: null }, ctx);
  for (const [id, name, kind, parentId] of [
    ['A', '甲区', 'county', 'c'],
    ['B', '乙县', 'county', 'c'],
    ['A1', '甲街道', 'township', 'A'],
    ['B1', '乙镇', 'township', 'B'],
  ] as const) {
    await s.org.create({ id, name, kind, parentId }, ctx);
  }
  for (const id of ['A', 'B', 'A1', 'B1']) await s.org.create({ id: `${id}_d`, name: `${id} 城管部门`, kind: 'department', parentId: id }, ctx);

  const call: Harness['call'] = (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(server.url + path, { method: method.toUpperCase(), headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  };
  return {
    server,
    url: server.url,
    async user(username, unitId, role, roleUnit) {
      const u = await s.users.create({ username, displayName: username, unitId, password: PASSWORD }, ctx);
      if (role) await s.authz.assign(userSubject(u._id), role, roleUnit ?? unitId, ctx);
      return u._id;
    },
    async login(username, password = PASSWORD) {
      const res = await call('post', '/api/session/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
      const setCookie = res.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0]!;
    },
    call,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Reads a problem+json answer and checks its shape. */
export async function problem(res: Response): Promise<{ status: number; code: string; type: string; contentType: string }> {
  const contentType = res.headers.get('content-type') ?? '';
  const body = (await res.json()) as { status: number; code: string; type: string };
  return { ...body, contentType };
}
