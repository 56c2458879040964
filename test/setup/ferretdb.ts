// Starts FerretDB v1 (SQLite backend, built by scripts/build-ferretdb.sh into tools/ferretdb/bin/) on a free
// 127.0.0.1 port with a temp data directory: the real Mongo-wire server the MongoDB store adapter is proven on.
// Used by the jest global setup and by bench/store; suites may also call startFerretDb themselves.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FERRETDB_BINARY = join(repoRoot, 'tools/ferretdb/bin/ferretdb');
const BUILD_SCRIPT = join(repoRoot, 'scripts/build-ferretdb.sh');
const STARTUP_LIMIT_MS = 20_000;
const STOP_LIMIT_MS = 5_000;

export interface StartedFerretDb {
  /** mongodb://127.0.0.1:PORT/ */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Why FerretDB cannot be built here, or undefined when it can. */
export async function ferretDbToolchainProblem(): Promise<string | undefined> {
  try {
    await run('go', ['version']);
    return undefined;
  } catch {
    return 'go not found';
  }
}

/** Builds the binary unless it is up to date (the script decides); its progress goes to stderr. */
export async function buildFerretDb(): Promise<void> {
  await new Promise<void>((done, fail) => {
    const child = spawn('bash', [BUILD_SCRIPT], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${BUILD_SCRIPT} exited with ${code}`))));
  });
}

export async function startFerretDb(binary = FERRETDB_BINARY): Promise<StartedFerretDb> {
  if (!existsSync(binary)) throw new Error(`FerretDB binary missing: ${binary} (run bash scripts/build-ferretdb.sh)`);
  const dataDir = await mkdtemp(join(tmpdir(), 'gongzhi-ferretdb-'));
  const port = await freeLoopbackPort();
  const url = `mongodb://127.0.0.1:${port}/`;
  // stdin stays open while we live: -exit-on-stdin-eof stops the server if this process dies without stop()
  const child = spawn(binary, ['-listen', `127.0.0.1:${port}`, '-dir', dataDir, '-exit-on-stdin-eof'], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let exited: string | undefined;
  const exit = new Promise<void>((done) => {
    child.on('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      done();
    });
    child.on('error', (err) => {
      exited = `failed to start: ${err.message}`;
      done();
    });
  });
  // never keep the test runner alive on account of this child
  child.unref();
  (child.stdin as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();

  const stop = async (): Promise<void> => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
      await exit;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForPing(url, () => exited);
  } catch (err) {
    await stop();
    throw new Error(`FerretDB did not start: ${(err as Error).message}\n${stderr}`);
  }
  return { url, dataDir, stop };
}

async function waitForPing(url: string, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    const state = exited();
    if (state !== undefined) throw new Error(`the server ${state}`);
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500 });
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return;
    } catch (err) {
      last = err;
    } finally {
      await client.close().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer to ping within ${STARTUP_LIMIT_MS} ms (${(last as Error | undefined)?.message ?? 'no error'})`);
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Set by the global setup next to GONGZHI_TEST_MONGO_URL when the server is the FerretDB it started. */
export const MONGO_SERVER_ENV = 'GONGZHI_TEST_MONGO_SERVER';

/** The Mongo-wire server the global setup provides, or undefined (suites then skip loudly). */
export function testMongoServer(): { url: string; isFerretDb: boolean } | undefined {
  const url = process.env.GONGZHI_TEST_MONGO_URL;
  return url ? { url, isFerretDb: process.env[MONGO_SERVER_ENV] === 'ferretdb-v1' } : undefined;
}

/**
 * The URL a store under test should use. FerretDB v1 runs a conditional update as a query followed by an
 * unconditional `UPDATE … WHERE _id = ?` (internal/handler/msg_update.go, backends/sqlite UpdateAll), so two
 * connections racing on one document can both "match" `{_id, _v}`, where MongoDB matches and writes each
 * document atomically. One connection per store, which FerretDB serves in order, keeps compare-and-set
 * meaningful in tests (writers inside one process still race at the adapter level, as in production).
 */
export function storeUrlFor(server: { url: string; isFerretDb: boolean }): string {
  if (!server.isFerretDb) return server.url;
  return `${server.url}${server.url.includes('?') ? '&' : '?'}maxPoolSize=1`;
}
