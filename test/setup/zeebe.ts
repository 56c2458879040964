// Starts a real Zeebe 8.5 broker (Maven Central distribution, see scripts/zeebe/) on 127.0.0.1 for integration
// suites: free ports, a temp data directory, one partition, a controlled clock and our JSON-lines record
// exporter. The jest global setup starts one shared broker (startSharedZeebe); suites that need a broker of
// their own (e.g. one they stop) call startZeebe themselves.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createZeebeEngine } from '../../engine/zeebe/index.js';
import { registerStop } from './started-servers.js';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const scripts = join(repoRoot, 'scripts/zeebe');
const STARTUP_LIMIT_MS = 120_000;

/** Environment variables through which a broker started in the jest global setup reaches the test workers. */
export const ZEEBE_TEST_ENV = {
  gatewayAddress: 'GONGZHI_TEST_ZEEBE_GATEWAY',
  managementAddress: 'GONGZHI_TEST_ZEEBE_MANAGEMENT',
  recordsFile: 'GONGZHI_TEST_ZEEBE_RECORDS',
} as const;

export type ZeebeConnection = Pick<StartedZeebe, 'gatewayAddress' | 'managementAddress' | 'recordsFile'>;

/** For the global setup: let test workers (child processes) find the broker. */
export function publishZeebeEnv(zeebe: ZeebeConnection): void {
  for (const [field, name] of Object.entries(ZEEBE_TEST_ENV)) process.env[name] = zeebe[field as keyof ZeebeConnection];
}

/** The broker published by the global setup, if any. */
export function zeebeFromEnv(): ZeebeConnection | undefined {
  const gatewayAddress = process.env[ZEEBE_TEST_ENV.gatewayAddress];
  if (!gatewayAddress) return undefined;
  return {
    gatewayAddress,
    managementAddress: process.env[ZEEBE_TEST_ENV.managementAddress] ?? '',
    recordsFile: process.env[ZEEBE_TEST_ENV.recordsFile] ?? '',
  };
}

/**
 * For suites: the global setup's broker when there is one, held exclusively until release(); otherwise (or when
 * another suite holds the shared one for longer than SHARED_WAIT_MS) a broker of the suite's own, which release()
 * stops. Exclusive, because Zeebe suites move the broker's one clock (firing other suites' timers and timing out
 * their jobs) and activate the same user-task job type; jest runs two files at once.
 */
export async function acquireZeebe(): Promise<ZeebeConnection & { release(): Promise<void>; startupMs?: number }> {
  const shared = zeebeFromEnv();
  if (shared?.recordsFile) {
    const unlock = await lockShared(join(dirname(shared.recordsFile), 'suite.lock'));
    if (unlock) return { ...shared, release: unlock };
    console.warn('the shared Zeebe broker stayed busy; starting one of this suite\'s own');
  } else if (shared) {
    return { ...shared, release: async () => undefined };
  }
  const own = await startZeebe();
  return { ...own, release: () => own.stop() };
}

const SHARED_WAIT_MS = 150_000;

/** mkdir is atomic: the lock is a directory holding the owner's pid (a dead owner's lock is taken over). */
async function lockShared(lockDir: string): Promise<(() => Promise<void>) | undefined> {
  const deadline = Date.now() + SHARED_WAIT_MS;
  const owner = join(lockDir, 'pid');
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(owner, String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(await readFile(owner, 'utf8').catch(() => ''));
    if (pid > 0 && !isAlive(pid)) await rm(lockDir, { recursive: true, force: true });
    if (Date.now() > deadline) return undefined;
    await new Promise((r) => setTimeout(r, 500));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * For the jest global setup: one broker for the whole run, its addresses published through env so that test
 * workers find it. An already set gateway env variable (a broker started by hand with scripts/zeebe/start.sh)
 * is used as it is.
 */
export async function startSharedZeebe(): Promise<void> {
  const preset = process.env[ZEEBE_TEST_ENV.gatewayAddress];
  if (preset) {
    console.log(`\nZeebe suites use ${ZEEBE_TEST_ENV.gatewayAddress}=${preset}`);
    return;
  }
  // throws under CI=true, prints the loud skip line otherwise
  if ((await zeebeSkipReason()) !== undefined) return;
  try {
    const zeebe = await startZeebe();
    publishZeebeEnv(zeebe);
    registerStop('Zeebe', zeebe.stop);
    console.log(`\nZeebe ${zeebe.version} on ${zeebe.gatewayAddress}, healthy after ${zeebe.startupMs} ms`);
  } catch (err) {
    if (process.env.CI === 'true') throw err;
    console.warn(`\n!!!!! SKIPPING Zeebe integration suites: the broker did not start: ${(err as Error).message} !!!!!\n`);
  }
}

export interface StartedZeebe {
  /** host:port of the gRPC gateway. */
  gatewayAddress: string;
  /** http://host:port of the actuator (health, clock). */
  managementAddress: string;
  /** The JSON-lines file our exporter appends the broker's records to. */
  recordsFile: string;
  dataDir: string;
  logFile: string;
  version: string;
  /** Wall time from spawning the JVM to a healthy partition leader. */
  startupMs: number;
  /** Ends the broker process but keeps its data directory (SIGTERM: graceful shutdown; SIGKILL: a crash). */
  halt(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the broker again on the same ports and data directory and waits until it is healthy. */
  restart(): Promise<void>;
  /** Ends the broker and removes its data directory. */
  stop(): Promise<void>;
}

/** Why Zeebe cannot run here (no JDK >= 21, no Maven), or undefined when it can. */
export async function zeebeToolchainProblem(): Promise<string | undefined> {
  try {
    await run('bash', ['-c', `. '${scripts}/env.sh' && find_zeebe_java_home`]);
  } catch {
    return 'no JDK >= 21 found (Zeebe 8.5 needs Java 21+; set ZEEBE_JAVA_HOME)';
  }
  try {
    await run('mvn', ['-v']);
  } catch {
    return 'Maven (mvn) is missing (needed to fetch Zeebe from Maven Central)';
  }
  return undefined;
}

/**
 * Resolves to a reason to skip Zeebe suites, printed loudly; under CI=true a missing toolchain throws instead,
 * because a CI run that silently skips the real-engine suites proves nothing.
 */
export async function zeebeSkipReason(): Promise<string | undefined> {
  const problem = await zeebeToolchainProblem();
  if (!problem) return undefined;
  if (process.env.CI === 'true') throw new Error(`Zeebe integration suites cannot run: ${problem}`);
  console.warn(`\n!!!!! SKIPPING Zeebe integration suites: ${problem} !!!!!\n`);
  return problem;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

async function waitUntilHealthy(gatewayAddress: string, exited: () => string | undefined): Promise<string> {
  const engine = createZeebeEngine({ gatewayAddress });
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  try {
    for (;;) {
      const gone = exited();
      if (gone) throw new Error(`Zeebe broker exited during startup (${gone})`);
      try {
        const topology = await engine.topology();
        // at startup wait for HEALTHY leaders, not merely live ones: the partition must be fully installed
        const healthy = topology.detail?.healthyLeaders === topology.detail?.partitionsCount;
        if (topology.ready && healthy) return String(topology.detail?.gatewayVersion ?? 'unknown');
      } catch {
        // gateway not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Zeebe not healthy within ${STARTUP_LIMIT_MS} ms`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await engine.stop();
  }
}

interface BrokerProcess {
  /** Why the process ended, once it has. */
  exit(): string | undefined;
  exited: Promise<void>;
  pid: number | undefined;
}

/** Spawns start.sh with the given environment, appending its output to the log. */
function launch(env: Record<string, string>, log: WriteStream): BrokerProcess {
  const child = spawn(join(scripts, 'start.sh'), [], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  let exit: string | undefined;
  const exited = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exit = `code ${code ?? '-'}, signal ${signal ?? '-'}`;
      r();
    }),
  );
  return { exit: () => exit, exited, pid: child.pid };
}

export async function startZeebe(): Promise<StartedZeebe> {
  await run(join(scripts, 'fetch.sh'), [], { cwd: repoRoot, maxBuffer: 10 * 1024 * 1024 });
  const [gateway, command, internal, rest, management] = await Promise.all(
    Array.from({ length: 5 }, () => freePort()),
  );
  const dataDir = await mkdtemp(join(tmpdir(), 'gongzhi-zeebe-'));
  const recordsFile = join(dataDir, 'records.jsonl');
  const logFile = join(dataDir, 'broker.log');
  const log = createWriteStream(logFile);
  const env = {
    ZEEBE_GATEWAY_PORT: String(gateway),
    ZEEBE_COMMAND_PORT: String(command),
    ZEEBE_INTERNAL_PORT: String(internal),
    ZEEBE_REST_PORT: String(rest),
    ZEEBE_MANAGEMENT_PORT: String(management),
    ZEEBE_DATA_DIR: dataDir,
    ZEEBE_RECORDS_FILE: recordsFile,
  };
  const gatewayAddress = `127.0.0.1:${gateway}`;
  let broker = launch(env, log);

  const halt = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> => {
    if (!broker.exit() && broker.pid) {
      if (signal === 'SIGKILL') process.kill(broker.pid, 'SIGKILL');
      else await run(join(scripts, 'stop.sh'), [String(broker.pid)]);
    }
    await broker.exited;
  };
  const stop = async (): Promise<void> => {
    await halt();
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };
  const healthy = async (): Promise<string> => {
    try {
      return await waitUntilHealthy(gatewayAddress, () => broker.exit());
    } catch (error) {
      const tail = (await readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-30).join('\n');
      await stop();
      throw new Error(`${(error as Error).message}\n--- broker log tail ---\n${tail}`);
    }
  };

  const started = Date.now();
  const version = await healthy();
  return {
    gatewayAddress,
    managementAddress: `http://127.0.0.1:${management}`,
    recordsFile,
    dataDir,
    logFile,
    version,
    startupMs: Date.now() - started,
    halt,
    async restart() {
      await halt();
      broker = launch(env, log);
      await healthy();
    },
    stop,
  };
}
