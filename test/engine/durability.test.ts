/**
 * Durability: the state of a durable engine is rebuilt from its record log on a real SQLite file — instances,
 * variables, jobs (with their deadlines), timers (a timer due while the engine was down fires once), messages.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, type WorkflowEngine } from '../../engine/index.js';
import { openSqliteStore, type SqliteDocumentStore } from '../../server/store/sqlite/index.js';
import { serviceChain, timerProcess } from './bpmn.js';

let dir: string;
let stores: SqliteDocumentStore[] = [];
const T0 = Date.parse('2026-03-02T00:00:00Z');
const HOUR = 3_600_000;

function open(startAt: number): WorkflowEngine {
  const store = openSqliteStore({ file: join(dir, 'engine.db') });
  stores.push(store);
  return createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt } });
}

async function reopen(engine: WorkflowEngine, startAt: number): Promise<WorkflowEngine> {
  await engine.stop();
  await stores.pop()!.close();
  const next = open(startAt);
  await next.start();
  return next;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gongzhi-engine-'));
});
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

describe('recovery from the record log', () => {
  test('given instances waiting at jobs, when the engine restarts, then their jobs and variables are there and complete to the end', async () => {
    let engine = open(T0);
    await engine.start();
    await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['one', 'two']) }]);
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) keys.push((await engine.createInstance({ bpmnProcessId: 'p', variables: { i } })).processInstanceKey);
    const firstBatch = await engine.activateJobs({ type: 'one', worker: 'w', maxJobsToActivate: 10, timeout: 60_000 });
    for (const j of firstBatch.slice(0, 5)) await engine.completeJob(j.key, { stage: 'one-done' });

    engine = await reopen(engine, T0 + 1000);
    // the 5 still activated before the restart keep their deadline; the other 10 are activatable right away
    expect(await engine.activateJobs({ type: 'one', worker: 'w', maxJobsToActivate: 100, timeout: 60_000 })).toHaveLength(10);
    await engine.clock!.advance(60_000);
    const rest = await engine.activateJobs({ type: 'one', worker: 'w', maxJobsToActivate: 100, timeout: 60_000 });
    expect(rest).toHaveLength(15);
    for (const j of rest) await engine.completeJob(j.key);
    const second = await engine.activateJobs({ type: 'two', worker: 'w', maxJobsToActivate: 100, timeout: 60_000 });
    expect(second).toHaveLength(20);
    expect(second.map((j) => j.variables.i).sort((a, b) => Number(a) - Number(b))).toEqual([...Array(20).keys()]);
    expect(second.filter((j) => j.variables.stage === 'one-done')).toHaveLength(5);
    for (const j of second) await engine.completeJob(j.key);
    for (const key of keys) {
      expect(await engine.records({ processInstanceKey: key, intent: 'ELEMENT_COMPLETED', elementId: 'p' })).toHaveLength(1);
    }
    // the per-instance history (read through its index) is exactly that instance's slice of the whole log
    const everything = await engine.records({});
    const history = await engine.records({ processInstanceKey: keys[3]! });
    expect(history).toEqual(everything.filter((r) => r.processInstanceKey === keys[3]));
    expect(history.length).toBeGreaterThan(20);
    // keys keep growing after recovery: no key is handed out twice
    const again = await engine.createInstance({ bpmnProcessId: 'p' });
    expect(BigInt(again.processInstanceKey)).toBeGreaterThan(BigInt(second.map((j) => j.key).sort().at(-1)!));
  });

  test('given a timer that fell due while the engine was down, when it starts again, then the timer fires exactly once', async () => {
    let engine = open(T0);
    await engine.start();
    await engine.deploy([{ name: 't.bpmn', content: timerProcess('t', 'timeDuration', 'PT1H', 'after') }]);
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 't' });
    engine = await reopen(engine, T0 + 5 * HOUR);
    engine = await reopen(engine, T0 + 6 * HOUR);
    const fired = await engine.records({ processInstanceKey, valueType: 'TIMER', intent: 'TRIGGERED' });
    expect(fired).toHaveLength(1);
    expect(await engine.activateJobs({ type: 'after', worker: 'w', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
  });

  test('given a buffered message, when the engine restarts, then its id still deduplicates until its TTL ends', async () => {
    let engine = open(T0);
    await engine.start();
    const xml = serviceChain('m', ['x']).replace('<bpmn:startEvent id="start"/>', '<bpmn:startEvent id="start"/>');
    await engine.deploy([{ name: 'm.bpmn', content: xml }]);
    await engine.publishMessage({ name: 'ping', correlationKey: 'k', timeToLive: HOUR, messageId: 'id-1' });
    engine = await reopen(engine, T0 + 1000);
    await expect(engine.publishMessage({ name: 'ping', correlationKey: 'k', timeToLive: HOUR, messageId: 'id-1' })).rejects.toMatchObject({
      code: 'engine.duplicate_message',
    });
    await engine.clock!.advance(HOUR);
    await engine.publishMessage({ name: 'ping', correlationKey: 'k', timeToLive: HOUR, messageId: 'id-1' });
  });
});

describe('snapshots', () => {
  test('given a snapshot written on stop and a tail written after it, when reopened, then snapshot + tail replay give the full state', async () => {
    let engine = open(T0);
    await engine.start();
    await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['one', 'two']) }]);
    for (let i = 0; i < 10; i++) await engine.createInstance({ bpmnProcessId: 'p', variables: { i } });
    engine = await reopen(engine, T0 + 1000);
    const afterSnapshot = (await engine.topology()).detail!;
    expect(afterSnapshot.snapshotPosition).toBeGreaterThan(0);
    expect(afterSnapshot.replayedRecords).toBe(0);

    // the tail: work after the snapshot by an engine that then vanishes without stopping (no new snapshot)
    const firsts = await engine.activateJobs({ type: 'one', worker: 'w', maxJobsToActivate: 100, timeout: 1000 });
    expect(firsts).toHaveLength(10);
    for (const j of firsts.slice(0, 4)) await engine.completeJob(j.key, { tail: true });
    const second = openSqliteStore({ file: join(dir, 'engine.db') });
    stores.push(second);
    const recovered = createEmbeddedEngine({ persistence: second, clock: { manual: true, startAt: T0 + 10_000 } });
    await recovered.start();
    const detail = (await recovered.topology()).detail!;
    expect(detail.snapshotPosition).toBe(afterSnapshot.snapshotPosition);
    expect(detail.replayedRecords).toBeGreaterThan(0);
    const two = await recovered.activateJobs({ type: 'two', worker: 'w', maxJobsToActivate: 100, timeout: 1000 });
    expect(two).toHaveLength(4);
    expect(two.every((j) => j.variables.tail === true)).toBe(true);
    expect(await recovered.activateJobs({ type: 'one', worker: 'w', maxJobsToActivate: 100, timeout: 1000 })).toHaveLength(6);
    await recovered.stop();
    // `engine` is left as a crashed process would be: never stopped, no snapshot of its own
  });
});
