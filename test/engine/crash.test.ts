/**
 * Crash safety: a child process drives load on a durable engine over a SQLite file and is SIGKILLed mid-load.
 * Reopening the file must show every acknowledged instance, every acknowledged job completion, and let every
 * instance run to its end exactly once — no token lost, none duplicated.
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbeddedEngine, type EngineRecord } from '../../engine/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-crash-'));
const file = join(dir, 'engine.db');
const childFile = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the child until it acknowledged `acks` instances (or `maxMs` passed), then SIGKILLs it. */
function runAndKill(acks: number, maxMs: number): Promise<{ acked: Set<string>; done: Set<string> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childFile, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acked = new Set<string>();
    const done = new Set<string>();
    let buffer = '';
    let stderr = '';
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    const timer = setTimeout(kill, maxMs);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [kind, key] = line.split(' ');
        if (kind === 'ACK') acked.add(key!);
        if (kind === 'DONE') done.add(key!);
      }
      if (acked.size >= acks) kill();
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself: ${stderr}`));
      else resolve({ acked, done });
    });
  });
}

describe('crash safety', () => {
  test('given a load SIGKILLed mid-flight, when the file is reopened, then every acknowledged instance is there and completes exactly once', async () => {
    const { acked, done } = await runAndKill(400, 20_000);
    expect(acked.size).toBeGreaterThan(0);

    const store = openSqliteStore({ file });
    // a clock 10 minutes ahead: jobs the dead worker held have timed out
    const engine = createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt: Date.now() + 600_000 } });
    await engine.start();
    const created = (await engine.records({ valueType: 'PROCESS_INSTANCE', intent: 'ELEMENT_ACTIVATING' }))
      .filter((r) => r.bpmnElementType === 'PROCESS').map((r) => r.key);
    const all = new Set(created);
    for (const key of acked) expect(all.has(key)).toBe(true);
    // acknowledged completions of the first task survived: those instances have a job of type two already
    const twoCreated = new Set((await engine.records({ valueType: 'JOB', intent: 'CREATED' }))
      .filter((r) => r.value.type === 'two').map((r) => r.processInstanceKey!));
    for (const key of done) expect(twoCreated.has(key)).toBe(true);

    for (const type of ['one', 'two']) {
      for (;;) {
        const jobs = await engine.activateJobs({ type, worker: 'after-crash', maxJobsToActivate: 500, timeout: 60_000 });
        if (jobs.length === 0) break;
        await Promise.all(jobs.map((j) => engine.completeJob(j.key)));
      }
    }
    const records = await engine.records({});
    const perInstance = new Map<string, EngineRecord[]>();
    for (const r of records) if (r.processInstanceKey) (perInstance.get(r.processInstanceKey) ?? perInstance.set(r.processInstanceKey, []).get(r.processInstanceKey)!).push(r);
    for (const key of all) {
      const rs = perInstance.get(key) ?? [];
      const count = (pred: (r: EngineRecord) => boolean): number => rs.filter(pred).length;
      expect({ key, completed: count((r) => r.intent === 'ELEMENT_COMPLETED' && r.bpmnElementType === 'PROCESS') }).toEqual({ key, completed: 1 });
      expect({ key, one: count((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'one') }).toEqual({ key, one: 1 });
      expect({ key, two: count((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && r.value.type === 'two') }).toEqual({ key, two: 1 });
      expect({ key, ends: count((r) => r.intent === 'ELEMENT_COMPLETED' && r.elementId === 'end') }).toEqual({ key, ends: 1 });
    }
    await engine.stop();
    await store.close();
  }, 60_000);
});
