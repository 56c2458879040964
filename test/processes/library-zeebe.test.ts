/**
 * Every library process deploys on a real Zeebe 8.5 broker as it is (the embedded engine deploys the same
 * documents in library.test.ts), and an urban case starts there with its first job being the routing worker's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createZeebeEngine, type ZeebeEngine } from '../../engine/zeebe/index.js';
import { readLibrary } from '../../server/library/index.js';
import { acquireZeebe, zeebeSkipReason } from '../setup/zeebe.js';

const skipReason = await zeebeSkipReason();
const describeWithZeebe = skipReason ? describe.skip : describe;
const library = readLibrary();

describeWithZeebe('the process library on a real Zeebe 8.5 broker', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let engine: ZeebeEngine;

  beforeAll(async () => {
    broker = await acquireZeebe();
    engine = createZeebeEngine({ gatewayAddress: broker.gatewayAddress, managementAddress: broker.managementAddress, recordsFile: broker.recordsFile });
    await engine.start();
  }, 180_000);
  afterAll(async () => {
    await engine?.stop();
    await broker?.release();
  }, 60_000);

  it.each(library.map((p) => [p.id, p] as const))('%s deploys', async (_id, p) => {
    const result = await engine.deploy([{ name: `${p.id}.bpmn`, content: p.xml }]);
    expect(result.processes.map((d) => d.bpmnProcessId)).toEqual([p.bpmnProcessId]);
  }, 60_000);

  it('an urban case starts and waits for the gongzhi-route worker (a JOB CREATED record of that type)', async () => {
    // The library's own version (identical content re-deploys as the same version), not whatever is newest.
    const urban = library.find((p) => p.bpmnProcessId === 'urban-case')!;
    const deployed = await engine.deploy([{ name: 'urban-case.bpmn', content: urban.xml }]);
    const inst = await engine.createInstance({ bpmnProcessId: 'urban-case', version: deployed.processes[0]!.version, variables: { caseId: 'zeebe-library', unitId: 'yg_dh_sc_my_g1', category: 'component/市容环境/暴露垃圾' } });
    // Read the broker's exported records rather than activating jobs: other suites on the shared broker may leave
    // gongzhi-route jobs of their own instances behind, and activating those first would starve this check.
    const deadline = Date.now() + 30_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      const jobs = await engine.records({ processInstanceKey: inst.processInstanceKey, valueType: 'JOB', intent: 'CREATED' });
      found = jobs.some((j) => j.elementId === 'route' && j.value.type === 'gongzhi-route');
      if (!found) await new Promise((r) => setTimeout(r, 250));
    }
    expect(found).toBe(true);
    await engine.cancelInstance(inst.processInstanceKey);
  }, 60_000);
});
