/** Timers of any length: one scheduler re-armed in capped steps, never a setTimeout overflow. */
import { describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine } from '../../engine/index.js';
import { timerProcess } from './bpmn.js';

const DAY = 86_400_000;

describe('long timers', () => {
  test('given a 60-day timer on the system clock, when time passes in the real world for a while, then it has not fired', async () => {
    // setTimeout with more than 2^31-1 ms fires at once; the engine must not
    const engine = createEmbeddedEngine();
    await engine.start();
    await engine.deploy([{ name: 't.bpmn', content: timerProcess('t', 'timeDuration', 'P60D', 'after') }]);
    await engine.createInstance({ bpmnProcessId: 't' });
    await new Promise((r) => setTimeout(r, 200));
    expect(await engine.activateJobs({ type: 'after', worker: 'w', maxJobsToActivate: 1, timeout: 1000 })).toHaveLength(0);
    const [timer] = await engine.records({ valueType: 'TIMER', intent: 'CREATED' });
    expect((timer!.value.dueDate as number) - timer!.timestamp).toBe(60 * DAY);
    await engine.stop();
  });

  test('given a 40-day timer and a clock that jumps, when the scheduler wakes in capped steps, then it fires once at its due date', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const engine = createEmbeddedEngine({ clock: { now: () => now }, maxSchedulerStepMs: 20 });
    await engine.start();
    await engine.deploy([{ name: 't.bpmn', content: timerProcess('t', 'timeDuration', 'P40D', 'after') }]);
    await engine.createInstance({ bpmnProcessId: 't' });
    now += 39 * DAY;
    await new Promise((r) => setTimeout(r, 100));
    expect(await engine.records({ valueType: 'TIMER', intent: 'TRIGGERED' })).toHaveLength(0);
    now += DAY;
    const deadline = Date.now() + 3000;
    while ((await engine.records({ valueType: 'TIMER', intent: 'TRIGGERED' })).length === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(await engine.records({ valueType: 'TIMER', intent: 'TRIGGERED' })).toHaveLength(1);
    expect(await engine.activateJobs({ type: 'after', worker: 'w', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
    await engine.stop();
  });

  test('given a timer date in the past, when the instance reaches it, then it fires immediately (manual clock)', async () => {
    const engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.parse('2026-05-01T00:00:00Z') } });
    await engine.start();
    await engine.deploy([{ name: 't.bpmn', content: timerProcess('t', 'timeDate', '2026-04-01T00:00:00Z', 'after') }]);
    await engine.createInstance({ bpmnProcessId: 't' });
    await engine.clock!.advance(0);
    expect(await engine.activateJobs({ type: 'after', worker: 'w', maxJobsToActivate: 5, timeout: 1000 })).toHaveLength(1);
    await engine.stop();
  });
});
