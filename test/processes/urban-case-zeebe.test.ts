/**
 * The urban-case happy path of urban-case.test.ts on a REAL Zeebe 8.5 broker (ENGINE=zeebe), through the same HTTP
 * API and the same library: the gongzhi-route, gongzhi-due and gongzhi-case workers and the task projector all
 * work over the port, so the very same BPMN runs unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';
import { acquireZeebe, zeebeSkipReason } from '../setup/zeebe.js';
import { startScenario, type Scenario } from './scenario-harness.js';

const skipReason = await zeebeSkipReason();
const describeWithZeebe = skipReason ? describe.skip : describe;
type CaseView = { id: string; status: string; processInstanceKey: string };

describeWithZeebe('urban-case on Zeebe through HTTP', () => {
  let broker: Awaited<ReturnType<typeof acquireZeebe>>;
  let s: Scenario;

  beforeAll(async () => {
    broker = await acquireZeebe();
    s = await startScenario(openSqliteMemoryStore(), broker);
  }, 320_000);
  afterAll(async () => {
    await s?.close();
    await broker?.release();
  }, 60_000);

  it('a grid report is verified, filed, dispatched to the routed department, handled, checked and closed', async () => {
    const c = await s.ok<CaseView>('grid.mingyue', 'post', '/api/intake/grid', {
      gridId: 'yg_dh_sc_my_g1', channelMessageId: `zeebe-${Date.now().toString(36)}`, title: '路边暴露垃圾',
      category: { kind: 'component', major: '市容环境', minor: '暴露垃圾' },
    });
    const pik = c.processInstanceKey;
    await s.complete('dh.supervisor', pik, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.complete('dh.intake', pik, 'file', { fileDecision: 'file' });
    const dispatch = await s.task(pik, 'dispatch');
    const form = await s.ok<{ prefill: Record<string, unknown> }>('dh.dispatcher', 'get', `/api/tasks/${dispatch._id}/form`);
    expect(form.prefill.dispatchedDeptId).toBe('yg_dh_cgj');
    await s.complete('dh.dispatcher', pik, 'dispatch', { dispatchedDeptId: 'yg_dh_cgj' });
    await s.complete('dh.cgj.head', pik, 'handle', { handleResult: 'done', handleNote: '已清运' });
    await s.complete('dh.supervisor', pik, 'check', { checkResult: 'pass', checkNote: '已整洁' });
    expect(await s.ended(pik)).toBe('COMPLETED');
    expect((await s.ok<CaseView>('yg.admin', 'get', `/api/cases/${c.id}`)).status).toBe('closed');
  }, 240_000);
});
