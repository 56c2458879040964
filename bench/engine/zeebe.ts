/**
 * Engine benchmark on the reference engine: the process of bench/engine/run.ts (start → exclusive gateway → 1 of
 * 3 user tasks → end, bench/engine/triage.ts) driven to completion N times on a local Zeebe 8.5 broker started
 * here, and on the embedded engine (in memory, bench/engine/variant.ts in its own process) in the same run.
 * Prints ONE JSON object with instances/s of each and the ratio embedded/Zeebe.
 *   npx tsx bench/engine/zeebe.ts [N]        (default N = 1000; needs JDK 21+ and Maven, see scripts/zeebe/)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EngineError, USER_TASK_JOB_TYPE } from '../../engine/port.js';
import { createZeebeEngine } from '../../engine/zeebe/index.js';
import { startZeebe } from '../../test/setup/zeebe.js';
import { KINDS, ZEEBE_TRIAGE } from './triage.js';

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 1000);
/** Instances created concurrently per wave, as in variant.ts. */
const WAVE = 500;
let retries = 0;
/** Without progress for this long the broker is considered stuck and the bench fails instead of hanging. */
const STALL_LIMIT_MS = 60_000;
const variantFile = fileURLToPath(new URL('./variant.ts', import.meta.url));

/** Zeebe answers a burst with back-pressure (RESOURCE_EXHAUSTED → engine.unavailable); a client retries it. */
async function retryingBackPressure<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const pressured = error instanceof EngineError && error.code === 'engine.unavailable' && attempt < 50;
      if (!pressured) throw error;
      retries += 1;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

async function driveZeebe(gatewayAddress: string, n: number): Promise<number> {
  const engine = createZeebeEngine({ gatewayAddress, jobPollTimeoutMs: 200 });
  await engine.start();
  try {
    await engine.deploy([{ name: 'triage.bpmn', content: ZEEBE_TRIAGE }]);
    const t0 = performance.now();
    let completed = 0;
    for (let created = 0; created < n;) {
      const wave = Math.min(WAVE, n - created);
      await Promise.all(Array.from({ length: wave }, (_, i) =>
        retryingBackPressure(() =>
          engine.createInstance({ bpmnProcessId: 'triage', variables: { kind: KINDS[(created + i) % 3], caseNo: created + i } }))));
      created += wave;
      // the broker creates jobs asynchronously: poll until every instance of this wave has had its job completed
      let lastProgress = Date.now();
      while (completed < created) {
        const jobs = await engine.activateJobs({ type: USER_TASK_JOB_TYPE, worker: 'bench', maxJobsToActivate: WAVE, timeout: 60_000 });
        await Promise.all(jobs.map((j) => retryingBackPressure(() => engine.completeJob(j.key, { outcome: 'done' }))));
        completed += jobs.length;
        if (jobs.length > 0) lastProgress = Date.now();
        else if (Date.now() - lastProgress > STALL_LIMIT_MS) throw new Error(`Zeebe stalled at ${completed}/${created} jobs`);
      }
    }
    return n / ((performance.now() - t0) / 1000);
  } finally {
    await engine.stop();
  }
}

function embeddedInstancesPerSecond(n: number): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', variantFile, 'memory', String(n)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return (JSON.parse(out.trim().split('\n').pop()!) as { instancesPerSecond: number }).instancesPerSecond;
}

// the embedded run first, so that the broker's JVM does not compete with it for the CPU
const embedded = embeddedInstancesPerSecond(N);
const broker = await startZeebe();
let zeebe: number;
try {
  zeebe = await driveZeebe(broker.gatewayAddress, N);
} finally {
  await broker.stop();
}
process.stdout.write(`${JSON.stringify({
  process: 'start → exclusive gateway → 1 of 3 user tasks → end',
  instances: N,
  node: process.version,
  zeebeVersion: broker.version,
  embeddedMemory: { instancesPerSecond: Math.round(embedded) },
  zeebe: { instancesPerSecond: Math.round(zeebe), backPressureRetries: retries, brokerStartupMs: broker.startupMs },
  ratioEmbeddedToZeebe: Math.round((embedded / zeebe) * 10) / 10,
})}\n`);
