/**
 * The load of the crash test, run as a child process that gets SIGKILLed: creates instances of a two-task
 * process and completes first-task jobs, printing a line for every acknowledged command.
 *   node --import tsx test/engine/crash-child.ts <sqlite file>
 */
import { createEmbeddedEngine } from '../../engine/index.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { serviceChain } from './bpmn.js';

const file = process.argv[2]!;
const store = openSqliteStore({ file });
const engine = createEmbeddedEngine({ persistence: store });
await engine.start();
await engine.deploy([{ name: 'crash.bpmn', content: serviceChain('crash', ['one', 'two']) }]);
process.stdout.write('READY\n');
for (let round = 0; ; round++) {
  await Promise.all(Array.from({ length: 20 }, async (_, i) => {
    const { processInstanceKey } = await engine.createInstance({ bpmnProcessId: 'crash', variables: { round, i } });
    process.stdout.write(`ACK ${processInstanceKey}\n`);
  }));
  const jobs = await engine.activateJobs({ type: 'one', worker: 'child', maxJobsToActivate: 15, timeout: 5_000 });
  await Promise.all(jobs.slice(0, 10).map(async (j) => {
    await engine.completeJob(j.key, { by: 'child' });
    process.stdout.write(`DONE ${j.processInstanceKey}\n`);
  }));
}
