/**
 * One benchmark variant in its own process (so that peak RSS belongs to it alone). Prints one JSON line.
 *   node --import tsx --expose-gc bench/engine/variant.ts <memory|durable|bpmn-engine|waiting|waiting-durable|feel> <N>
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from 'bpmn-engine';
import { createEmbeddedEngine, USER_TASK_JOB_TYPE, type WorkflowEngine } from '../../engine/index.js';
import { evaluateFeel } from '../../engine/feel/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { BPMN_ENGINE_SERVICES, BPMN_ENGINE_TRIAGE, KINDS, ZEEBE_TRIAGE } from './triage.js';

const WAVE = 500;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Creates N instances in waves and completes every user-task job, many commands in flight (group commit). */
async function driveEmbedded(engine: WorkflowEngine, n: number): Promise<number> {
  await engine.start();
  await engine.deploy([{ name: 'triage.bpmn', content: ZEEBE_TRIAGE }]);
  const t0 = performance.now();
  let completed = 0;
  const routed: Record<string, number> = {};
  for (let created = 0; created < n;) {
    const wave = Math.min(WAVE, n - created);
    await Promise.all(Array.from({ length: wave }, (_, i) =>
      engine.createInstance({ bpmnProcessId: 'triage', variables: { kind: KINDS[(created + i) % 3], caseNo: created + i } })));
    created += wave;
    for (;;) {
      const jobs = await engine.activateJobs({ type: USER_TASK_JOB_TYPE, worker: 'bench', maxJobsToActivate: WAVE, timeout: 60_000 });
      if (jobs.length === 0) break;
      for (const j of jobs) routed[j.elementId] = (routed[j.elementId] ?? 0) + 1;
      await Promise.all(jobs.map((j) => engine.completeJob(j.key, { outcome: 'done' })));
      completed += jobs.length;
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  if (completed !== n) throw new Error(`expected ${n} completed user tasks, got ${completed}`);
  if (routed.taskA !== Math.ceil(n / 3)) throw new Error(`routing is wrong: ${JSON.stringify(routed)}`);
  await engine.stop();
  return n / seconds;
}

async function driveBpmnEngine(n: number): Promise<number> {
  // parse once and share the serialized context, as a fair user of bpmn-engine would
  const sourceContext = await (new Engine() as unknown as { _serializeSource(s: string): Promise<unknown> })._serializeSource(BPMN_ENGINE_TRIAGE);
  const t0 = performance.now();
  for (let created = 0; created < n;) {
    const wave = Math.min(WAVE, n - created);
    const waiting: { id: string; signal: () => void }[] = [];
    const ended: Promise<unknown>[] = [];
    const listener = new EventEmitter();
    listener.on('wait', (api: { id: string; signal: () => void }) => waiting.push(api));
    for (let i = 0; i < wave; i++) {
      const engine = new Engine({ name: `triage-${created + i}`, sourceContext, services: BPMN_ENGINE_SERVICES } as never);
      ended.push(new Promise((resolve) => engine.once('end', resolve)));
      await engine.execute({ listener, variables: { kind: KINDS[(created + i) % 3], caseNo: created + i } } as never);
    }
    if (waiting.length !== wave) throw new Error(`expected ${wave} waiting user tasks, got ${waiting.length}`);
    if (created === 0 && waiting[0]!.id !== 'taskA') throw new Error(`bpmn-engine routed case 0 to ${waiting[0]!.id}`);
    for (const w of waiting) w.signal();
    await Promise.all(ended);
    created += wave;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Heap bytes per instance parked at its user task (after gc), memory engine. */
async function waitingBytes(n: number, durable: boolean): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-'));
  const store = durable ? openSqliteStore({ file: join(dir, 'e.db') }) : undefined;
  const engine = createEmbeddedEngine(store ? { persistence: store } : {});
  await engine.start();
  await engine.deploy([{ name: 'triage.bpmn', content: ZEEBE_TRIAGE }]);
  await engine.createInstance({ bpmnProcessId: 'triage', variables: { kind: 'a' } });
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let created = 0; created < n; created += WAVE) {
    await Promise.all(Array.from({ length: Math.min(WAVE, n - created) }, (_, i) =>
      engine.createInstance({ bpmnProcessId: 'triage', variables: { kind: KINDS[(created + i) % 3], caseNo: created + i } })));
  }
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const open = await engine.activateJobs({ type: USER_TASK_JOB_TYPE, worker: 'check', maxJobsToActivate: 1, timeout: 1 });
  if (open.length !== 1) throw new Error('instances are not waiting');
  const result: Record<string, number> = { bytesPerWaitingInstance: Math.round((after - before) / n) };
  await engine.stop();
  if (store) {
    result.logBytesPerInstance = Math.round(statSync(join(dir, 'e.db')).size / n);
    await store.close();
  }
  rmSync(dir, { recursive: true, force: true });
  return result;
}

function feelRate(n: number): number {
  const ctx = { kind: 'b', caseNo: 7 };
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) if (evaluateFeel('kind = "a"', ctx) === true) hits++;
  const rate = n / ((performance.now() - t0) / 1000);
  if (hits !== 0) throw new Error('FEEL gave a wrong answer');
  return rate;
}

async function main(): Promise<void> {
  const [variant, nArg] = process.argv.slice(2);
  const n = Number(nArg ?? 2000);
  let out: Record<string, number>;
  switch (variant) {
    case 'memory':
      out = { instancesPerSecond: await driveEmbedded(createEmbeddedEngine(), n) };
      break;
    case 'durable': {
      const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-'));
      const store = openSqliteStore({ file: join(dir, 'engine.db') });
      out = { instancesPerSecond: await driveEmbedded(createEmbeddedEngine({ persistence: store }), n) };
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      break;
    }
    case 'bpmn-engine':
      out = { instancesPerSecond: await driveBpmnEngine(n) };
      break;
    case 'waiting':
      out = await waitingBytes(n, false);
      break;
    case 'waiting-durable':
      out = await waitingBytes(n, true);
      break;
    case 'feel':
      out = { evaluationsPerSecond: feelRate(n) };
      break;
    default:
      throw new Error(`unknown variant ${variant}`);
  }
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(`${JSON.stringify({ ...out, peakRssMb: Math.round(peakRss / 1048576) })}\n`);
}

await main();
