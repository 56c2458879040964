/**
 * Engine benchmark: start → exclusive gateway → 1 of 3 user tasks → end, N instances driven to completion by a
 * job-completing loop, on (a) the embedded engine in memory, (b) the embedded engine durable on a SQLite file,
 * (c) bpmn-engine 25 on the same process, each in its own child process. Prints ONE JSON object.
 *   npx tsx bench/engine/run.ts [N]        (default N = 3000)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 3000);
const variantFile = fileURLToPath(new URL('./variant.ts', import.meta.url));

function run(variant: string, n: number): Record<string, number> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', variantFile, variant, String(n)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
}

const memory = run('memory', N);
const durable = run('durable', N);
const baseline = run('bpmn-engine', N);
const waiting = run('waiting', 10_000);
const waitingDurable = run('waiting-durable', 10_000);
const feel = run('feel', 200_000);
const ratio = (a: number, b: number): number => Math.round((a / b) * 10) / 10;

process.stdout.write(`${JSON.stringify({
  process: 'start → exclusive gateway → 1 of 3 user tasks → end',
  instances: N,
  node: process.version,
  embeddedMemory: { instancesPerSecond: Math.round(memory.instancesPerSecond!), peakRssMb: memory.peakRssMb },
  embeddedDurableSqlite: { instancesPerSecond: Math.round(durable.instancesPerSecond!), peakRssMb: durable.peakRssMb },
  bpmnEngine25: { instancesPerSecond: Math.round(baseline.instancesPerSecond!), peakRssMb: baseline.peakRssMb },
  ratioMemoryToBpmnEngine: ratio(memory.instancesPerSecond!, baseline.instancesPerSecond!),
  ratioDurableToBpmnEngine: ratio(durable.instancesPerSecond!, baseline.instancesPerSecond!),
  waitingInstances: 10_000,
  bytesPerWaitingInstanceMemory: waiting.bytesPerWaitingInstance,
  bytesPerWaitingInstanceDurable: waitingDurable.bytesPerWaitingInstance,
  logBytesPerWaitingInstanceDurable: waitingDurable.logBytesPerInstance,
  feelEvaluationsPerSecond: Math.round(feel.evaluationsPerSecond!),
  goals: { memoryRatio: 20, durableRatio: 5, maxBytesPerWaitingInstance: 10_240 },
})}\n`);
