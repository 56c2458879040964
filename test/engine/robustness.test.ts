/**
 * Robustness: a seeded random walk of client commands over a process using many element types. Whatever
 * happens, only EngineErrors come back, and once every instance is cancelled nothing is left behind: every job,
 * timer and message subscription that was opened is closed again (checked on the records).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbeddedEngine, EngineError, type EngineRecord, type WorkflowEngine } from '../../engine/index.js';
import { SNAPSHOT_COLLECTION } from '../../engine/embedded/persistence/snapshots.js';
import { takeSnapshot } from '../../engine/embedded/state/snapshot.js';
import type { EngineState } from '../../engine/embedded/state/state.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { definitions } from './bpmn.js';

const job = (id: string, type: string, extra = ''): string =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="${type}"/></bpmn:extensionElements>${extra}</bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string, condition?: string): string =>
  `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}">${condition ? `<bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>` : ''}</bpmn:sequenceFlow>`;

const RICH = definitions(`<bpmn:process id="rich" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:parallelGateway id="fork"/>
${job('review', 'r.review')}
<bpmn:boundaryEvent id="reviewLate" attachedToRef="review" cancelActivity="false"><bpmn:outgoing>f7</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>
${job('remind', 'r.remind')}
<bpmn:endEvent id="remindEnd"/>
<bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
<bpmn:subProcess id="handle">
  <bpmn:startEvent id="hs"/>
  ${job('each', 'r.each', `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`)}
  <bpmn:endEvent id="he"/>
  ${flow('h1', 'hs', 'each')}${flow('h2', 'each', 'he')}
</bpmn:subProcess>
<bpmn:boundaryEvent id="handleFailed" attachedToRef="handle"><bpmn:outgoing>f9</bpmn:outgoing><bpmn:errorEventDefinition errorRef="e"/></bpmn:boundaryEvent>
<bpmn:boundaryEvent id="handleTimeout" attachedToRef="handle"><bpmn:outgoing>f11</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeDuration>PT3H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
${job('fallback', 'r.fallback')}
<bpmn:parallelGateway id="join"/>
<bpmn:exclusiveGateway id="decide" default="toEnd"/>
<bpmn:endEvent id="end"/>
<bpmn:endEvent id="failedEnd"/>
${flow('f1', 'start', 'fork')}${flow('f2', 'fork', 'review')}${flow('f3', 'fork', 'reply')}
${flow('f4', 'review', 'join')}${flow('f5', 'reply', 'handle')}${flow('f6', 'handle', 'join')}
${flow('f7', 'reviewLate', 'remind')}${flow('f8', 'remind', 'remindEnd')}
${flow('f9', 'handleFailed', 'fallback')}${flow('f10', 'fallback', 'failedEnd')}${flow('f11', 'handleTimeout', 'failedEnd')}
${flow('f12', 'join', 'decide')}${flow('again', 'decide', 'review', '=again = true')}${flow('toEnd', 'decide', 'end')}
</bpmn:process>`, `<bpmn:message id="m" name="r.reply"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId"/></bpmn:extensionElements></bpmn:message>
<bpmn:error id="e" errorCode="broken"/>`);

const TYPES = ['r.review', 'r.remind', 'r.each', 'r.fallback'];

/** mulberry32: a tiny seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function randomWalk(engine: WorkflowEngine, seed: number, steps: number): Promise<string[]> {
  const rnd = prng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const instances: string[] = [];
  for (let i = 0; i < 12; i++) {
    instances.push((await engine.createInstance({ bpmnProcessId: 'rich', variables: { caseId: `C${i}`, again: rnd() < 0.3 } })).processInstanceKey);
  }
  for (let step = 0; step < steps; step++) {
    const action = rnd();
    try {
      if (action < 0.45) {
        const jobs = await engine.activateJobs({ type: pick(TYPES), worker: 'w', maxJobsToActivate: 3, timeout: 30 * 60_000 });
        for (const j of jobs) {
          const r = rnd();
          if (r < 0.6) await engine.completeJob(j.key, { again: rnd() < 0.2 });
          else if (r < 0.75) await engine.failJob({ jobKey: j.key, retries: Math.floor(rnd() * 2), errorMessage: 'x' });
          else if (r < 0.9) await engine.throwError({ jobKey: j.key, errorCode: pick(['broken', 'unknown']) });
          else await engine.completeJob(String(Number(j.key) + 1)); // somebody else's, or nobody's
        }
      } else if (action < 0.6) {
        await engine.publishMessage({ name: 'r.reply', correlationKey: `C${Math.floor(rnd() * 14)}`, timeToLive: rnd() < 0.5 ? 0 : 3_600_000 });
      } else if (action < 0.72) {
        await engine.clock!.advance(Math.floor(rnd() * 2 * 3_600_000));
      } else if (action < 0.8) {
        const [incident] = await engine.incidents(pick(instances));
        if (incident?.jobKey) await engine.updateJobRetries(incident.jobKey, 1);
        if (incident) await engine.resolveIncident(incident.incidentKey);
      } else if (action < 0.88) {
        await engine.setVariables({ elementInstanceKey: pick(instances), variables: { again: false } });
      } else if (action < 0.93) {
        await engine.cancelInstance(pick(instances));
      } else {
        await engine.modifyInstance({ processInstanceKey: pick(instances), activateInstructions: [{ elementId: pick(['review', 'remind', 'fallback']) }] });
      }
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
    }
  }
  return instances;
}

function unbalanced(records: EngineRecord[], valueType: string, open: string, closed: string[]): string[] {
  const live = new Set<string>();
  for (const r of records) {
    if (r.valueType !== valueType) continue;
    if (r.intent === open) live.add(r.key);
    else if (closed.includes(r.intent)) live.delete(r.key);
  }
  return [...live];
}

describe('random walk of commands', () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: only EngineErrors, and nothing is left open once every instance is cancelled`, async () => {
      const internal: unknown[] = [];
      const engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-03-02T00:00:00Z') }, onInternalError: (e) => internal.push(e) });
      await engine.start();
      await engine.deploy([{ name: 'rich.bpmn', content: RICH }]);
      const instances = await randomWalk(engine, seed, 250);
      for (const key of instances) await engine.cancelInstance(key).catch((e: unknown) => expect(e).toBeInstanceOf(EngineError));
      expect(internal).toEqual([]);
      const records = await engine.records({});
      expect(unbalanced(records, 'JOB', 'CREATED', ['COMPLETED', 'CANCELED'])).toEqual([]);
      expect(unbalanced(records, 'TIMER', 'CREATED', ['TRIGGERED', 'CANCELED'])).toEqual([]);
      expect(unbalanced(records, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CREATED', ['DELETED'])).toEqual([]);
      expect(await engine.incidents()).toEqual([]);
      const activating = records.filter((r) => r.intent === 'ELEMENT_ACTIVATING').map((r) => r.key);
      const ended = new Set(records.filter((r) => r.intent === 'ELEMENT_COMPLETED' || r.intent === 'ELEMENT_TERMINATED').map((r) => r.key));
      expect(activating.filter((k) => !ended.has(k))).toEqual([]);
      await engine.stop();
    });
  }
});

describe('replay equals live processing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** White-box: the state every record was applied to, as a comparable JSON snapshot. */
  const stateOf = (engine: WorkflowEngine): string => JSON.stringify(takeSnapshot((engine as unknown as { state: EngineState }).state));
  const T = Date.parse('2026-03-02T00:00:00Z');

  test('given a random walk on a durable engine, then the state rebuilt from the log alone, and from snapshot + tail, equals the live state', async () => {
    const file = join(dir, 'walk.db');
    const store = openSqliteStore({ file });
    const live = createEmbeddedEngine({ persistence: store, clock: { manual: true, startAt: T }, snapshotEveryRecords: 400 });
    await live.start();
    await live.deploy([{ name: 'rich.bpmn', content: RICH }]);
    await randomWalk(live, 7, 200);
    await live.clock!.advance(0);
    const expected = stateOf(live);
    const now = live.clock!.now();

    const fromSnapshot = createEmbeddedEngine({ persistence: openSqliteStore({ file }), clock: { manual: true, startAt: now } });
    await fromSnapshot.start();
    expect((await fromSnapshot.topology()).detail!.snapshotPosition).toBeGreaterThan(0);
    expect(stateOf(fromSnapshot)).toEqual(expected);

    const replayOnly = openSqliteStore({ file });
    await replayOnly.dropCollection(SNAPSHOT_COLLECTION);
    const fromLog = createEmbeddedEngine({ persistence: replayOnly, clock: { manual: true, startAt: now } });
    await fromLog.start();
    expect((await fromLog.topology()).detail!.snapshotPosition).toBe(0);
    expect(stateOf(fromLog)).toEqual(expected);
    await store.close();
    await replayOnly.close();
  });
});
