/**
 * The BPMN conformance scenarios on a real Zeebe 8.5 broker through the Zeebe adapter — the reference the embedded
 * engine is measured against. Runs in every jest run that has a broker (the global setup starts one; skipped with
 * a loud line without JDK 21+/Maven, a failure under CI=true); one broker serves all scenarios in this file, which
 * the runner keeps apart (see README, "shared broker").
 */
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { createZeebeEngine } from '../../engine/zeebe/index.js';
import { acquireZeebe, zeebeFromEnv, zeebeSkipReason } from '../setup/zeebe.js';
import { describeConformance } from './runner.js';

// runs whenever a broker can: the jest global setup's shared one, or (file run alone) one of its own
const skipReason = zeebeFromEnv() ? undefined : await zeebeSkipReason();

if (skipReason !== undefined) {
  describe('BPMN conformance on zeebe', () => {
    test.skip(`skipped: ${skipReason}`, () => undefined);
  });
} else {
  let broker: Awaited<ReturnType<typeof acquireZeebe>> | undefined;
  beforeAll(async () => {
    broker = await acquireZeebe();
  }, 300_000); // may wait up to 150 s for the shared broker (see acquireZeebe), then start its own
  afterAll(async () => {
    await broker?.release();
  }, 60_000);

  describeConformance(
    'zeebe',
    async () => {
      if (!broker) throw new Error('the Zeebe broker did not start');
      return createZeebeEngine({
        gatewayAddress: broker.gatewayAddress,
        managementAddress: broker.managementAddress,
        recordsFile: broker.recordsFile,
      });
    },
    { waitMs: 20_000, settleMs: 1_000, testTimeoutMs: 120_000 },
  );
}
