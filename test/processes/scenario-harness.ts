/**
 * A real server on the embedded engine with a manual clock, the demo organisation and the whole process library
 * loaded through the library loader, and HTTP helpers that act as the demo users: report a case, wait for the
 * step's task, claim and complete it with its form data. Shared by the scenario tests of test/processes/.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { loadConfig } from '../../server/config/load.js';
import { seedDemo, type SeedResult } from '../../server/library/first-start.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import type { DocumentStore } from '../../server/store/port.js';

/** Monday 2026-11-23 09:00 in Beijing: working hours, so working-hour limits start at once. */
export const CLOCK_START = Date.parse('2026-11-23T01:00:00Z');

export interface Scenario {
  server: RunningServer;
  engine: WorkflowEngine;
  seed: SeedResult;
  as(username: string): Promise<string>;
  call<T = unknown>(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  ok<T = Record<string, unknown>>(username: string, method: string, path: string, body?: unknown): Promise<T>;
  /** Waits (driving the projector) for the open task of a step of an instance. */
  task(pik: string, elementId: string): Promise<{ _id: string; assignee: string | null; candidateGroups: string[]; warnings: string[] }>;
  /** Claims (when needed) and completes the open task of a step as a user, with form data. */
  complete(username: string, pik: string, elementId: string, variables: Record<string, unknown>): Promise<void>;
  /** Waits until the instance is no longer active. */
  ended(pik: string): Promise<string>;
  /** Waits until an element of the instance is active (a timer about to be moved past, after asynchronous workers). */
  reached(pik: string, elementId: string): Promise<void>;
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A real Zeebe broker to run on instead of the embedded engine (the server then owns its Zeebe adapter). */
export interface ZeebeTarget {
  gatewayAddress: string;
  managementAddress?: string;
  recordsFile?: string;
}

export async function startScenario(store: DocumentStore, zeebe?: ZeebeTarget): Promise<Scenario> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-scenario-'));
  const embedded = zeebe ? undefined : createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt: CLOCK_START } });
  await embedded?.start();
  const engineConfig = zeebe
    ? { engine: 'zeebe' as const, zeebeAddress: zeebe.gatewayAddress, zeebeManagementAddress: zeebe.managementAddress || undefined, zeebeRecordsFile: zeebe.recordsFile || undefined }
    : {};
  const config = loadConfig({}, { port: 0, dataDir, logLevel: 'silent', slaSweepMs: 0, ...engineConfig });
  const server = await startServer(config, { store, ...(embedded ? { engine: embedded } : {}), identity: { authzRefreshMs: 0 }, logger: createLogger('silent') });
  const engine = server.engine.engine;
  const seed = await seedDemo(server);
  const passwords = new Map(seed.users.map((u) => [u.username, u.password]));
  const cookies = new Map<string, string>();

  const as = async (username: string) => {
    const known = cookies.get(username);
    if (known) return known;
    const res = await fetch(server.url + '/api/session/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: passwords.get(username) }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    cookies.set(username, cookie);
    return cookie;
  };
  const call: Scenario['call'] = async (username, method, path, body) => {
    const headers: Record<string, string> = { cookie: await as(username) };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(server.url + path, { method: method.toUpperCase(), headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
  };
  const ok: Scenario['ok'] = async (username, method, path, body) => {
    const res = await call(username, method, path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as never;
  };
  const task: Scenario['task'] = async (pik, elementId) => {
    for (let i = 0; i < (zeebe ? 600 : 150); i++) {
      await server.tasks.projector.sync();
      const [t] = await server.tasks.repo.tasks.find({ processInstanceKey: pik, elementId, state: 'open' });
      if (t) return t as never;
      await sleep(100);
    }
    const incidents = await engine.incidents(pik);
    throw new Error(`no open task ${elementId} of instance ${pik} in time; incidents: ${JSON.stringify(incidents)}`);
  };
  return {
    server, engine, seed, as, call, ok, task,
    async complete(username, pik, elementId, variables) {
      const t = await task(pik, elementId);
      if (!t.assignee) await ok(username, 'post', `/api/tasks/${t._id}/claim`, {});
      await ok(username, 'post', `/api/tasks/${t._id}/complete`, { variables });
    },
    async ended(pik) {
      for (let i = 0; i < (zeebe ? 600 : 150); i++) {
        const inst = await ok<{ state: string }>('yg.admin', 'get', `/api/instances/${pik}`);
        if (inst.state !== 'ACTIVE') return inst.state;
        await sleep(100);
      }
      throw new Error(`instance ${pik} still active after waiting: ${JSON.stringify(await engine.incidents(pik))}`);
    },
    async reached(pik, elementId) {
      for (let i = 0; i < (zeebe ? 600 : 150); i++) {
        if ((await engine.records({ processInstanceKey: pik, valueType: 'PROCESS_INSTANCE', elementId, intent: 'ELEMENT_ACTIVATED' })).length) return;
        await sleep(100);
      }
      throw new Error(`instance ${pik} did not reach ${elementId}`);
    },
    async advance(ms) {
      await engine.clock!.advance(ms);
    },
    async close() {
      await embedded?.stop();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
