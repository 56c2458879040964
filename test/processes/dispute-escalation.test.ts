/**
 * Dispute escalation (矛盾纠纷分级化解) and the leader package case (领导包案) through the HTTP API on the embedded
 * engine with its controlled clock: a dispute left unresolved climbs village → township → county → city by
 * timeout; one mediated at the township ends in an agreement and a follow-up visit; a high-risk dispute goes
 * straight to a package case whose periodic reports end stabilised (稳控) or resolved (化解) and are accepted (销号).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';
import { startScenario, type Scenario } from './scenario-harness.js';

const DAY = 24 * 3_600_000;
type CaseView = { id: string; status: string; processInstanceKey: string; bpmnProcessId: string };

describe('dispute-escalation and leader-package-case on the embedded engine through HTTP', () => {
  let s: Scenario;
  let n = 0;

  beforeAll(async () => {
    s = await startScenario(openSqliteMemoryStore());
    await s.ok('yg.admin', 'put', '/api/intake/bindings', { unitId: 'yg', channel: 'grid', bpmnProcessId: 'dispute-escalation' });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const dispute = async (title: string) => {
    const c = await s.ok<CaseView>('grid.mingyue', 'post', '/api/intake/grid', {
      gridId: 'yg_dh_sc_my_g1', channelMessageId: `dispute-${++n}`, title, category: { kind: 'event', major: '矛盾纠纷', minor: '邻里纠纷' },
    });
    expect(c.bpmnProcessId).toBe('dispute-escalation');
    return c;
  };

  it('unresolved in time, a simple dispute climbs all four levels by timeout and leaves the city level as unresolved', async () => {
    const pik = (await dispute('相邻通行纠纷')).processInstanceKey;
    await s.complete('dh.mediator', pik, 'assess', { parties: '张某与李某', risk: 'low', complexity: 'simple' });
    const levels: [string, string][] = [['mediator@yg_dh_sc_my', 'my.mediator'], ['mediator@yg_dh_sc', 'dh.mediator'], ['mediator@yg_dh', 'dh.county.mediator'], ['mediator@yg', 'yg.mediator']];
    for (const [group] of levels) {
      const t = await s.task(pik, 'mediate');
      expect(t.candidateGroups).toEqual([group]);
      // simple: 1 working day (2 at the city level); ten calendar days pass it whatever the holidays
      await s.advance(10 * DAY);
    }
    expect(await s.ended(pik)).toBe('COMPLETED');
    const history = await s.ok<{ items: { elementId?: string; intent: string }[] }>('yg.admin', 'get', `/api/instances/${pik}/history?limit=500`);
    expect(history.items.filter((r) => r.elementId === 'mediate_timeout' && r.intent === 'ELEMENT_COMPLETED')).toHaveLength(4);
    expect(history.items.some((r) => r.elementId === 'unresolved' && r.intent === 'ELEMENT_COMPLETED')).toBe(true);
  }, 90_000);

  it('the village fails, the township mediates jointly and reaches an agreement; the visit a week later closes it', async () => {
    const pik = (await dispute('劳务费纠纷')).processInstanceKey;
    await s.complete('dh.mediator', pik, 'assess', { parties: '王某与某装修队', risk: 'medium', complexity: 'ordinary' });
    await s.complete('my.mediator', pik, 'mediate', { mediationType: 'people', mediationResult: 'failed', mediationNote: '双方分歧大' });
    const township = await s.task(pik, 'mediate');
    expect(township.candidateGroups).toEqual(['mediator@yg_dh_sc']);
    const noAgreement = await s.call('dh.mediator', 'post', `/api/tasks/${township._id}/claim`, {});
    expect(noAgreement.status).toBe(200);
    expect((await s.call('dh.mediator', 'post', `/api/tasks/${township._id}/complete`, { variables: { mediationType: 'joint', mediationResult: 'resolved', mediationNote: '三调联动' } })).status).toBe(422);
    await s.ok('dh.mediator', 'post', `/api/tasks/${township._id}/complete`, { variables: { mediationType: 'joint', mediationResult: 'resolved', agreement: '分两期支付劳务费', mediationNote: '三调联动' } });
    await s.advance(7 * DAY + 1000);
    await s.complete('dh.mediator', pik, 'visit', { satisfied: 'yes', satisfaction: '5', visitNote: '已履行协议' });
    expect(await s.ended(pik)).toBe('COMPLETED');
  }, 60_000);

  /** The package case the dispute's call activity started: its first task carries the dispute's case id. */
  const packageChild = async (caseId: string) => {
    for (let i = 0; i < 150; i++) {
      await s.server.tasks.projector.sync();
      const [t] = await s.server.tasks.repo.tasks.find({ elementId: 'propose', caseId, state: 'open' });
      if (t) return String(t.processInstanceKey);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('no package case was started');
  };

  it('high risk goes straight to a package case: approved, planned, weekly reports (one overdue → 督办), stabilised then resolved, accepted', async () => {
    const c = await dispute('征地补偿群体性矛盾');
    const pik = c.processInstanceKey;
    await s.complete('dh.mediator', pik, 'assess', { parties: '某村 30 户村民', risk: 'high', complexity: 'complex' });
    const child = await packageChild(c.id);
    await s.complete('dh.supervision', child, 'propose', { packageReason: '群体性、高风险', responsibleUnitId: 'yg_dh', proposedLeader: '分管副市长' });
    await s.complete('yg.leader', child, 'approve', { approveDecision: 'approve', approveNote: '同意，由分管副市长包案' });
    await s.complete('yg.leader', child, 'plan', { plan: '一户一策，逐户化解', reportInterval: 'P7D' });
    // first report period: the unit reports late, supervision urges
    await s.advance(7 * DAY + 1000);
    await s.task(child, 'report');
    await s.advance(3 * DAY + 1000);
    await s.complete('dh.supervision', child, 'supervise', { superviseNote: '请立即报送进展' });
    await s.complete('dh.xfj.head', child, 'report', { progress: '已化解 20 户', progressStatus: 'stabilised' });
    // stabilised is not yet resolved: acceptance refuses, reporting goes on
    await s.complete('dh.supervision', child, 'acceptance', { acceptanceResult: 'fail', acceptanceNote: '仍有 10 户未化解' });
    await s.advance(7 * DAY + 1000);
    await s.complete('dh.xfj.head', child, 'report', { progress: '30 户全部签约', progressStatus: 'resolved' });
    await s.complete('dh.supervision', child, 'acceptance', { acceptanceResult: 'pass', acceptanceNote: '同意销号' });
    // a called instance is not one the server started (not in /api/instances): its end is read from the engine
    const closed = await s.engine.records({ processInstanceKey: child, valueType: 'PROCESS_INSTANCE', elementId: 'closed', intent: 'ELEMENT_COMPLETED' });
    expect(closed).toHaveLength(1);
    // back in the dispute: the follow-up visit a week later
    await s.advance(7 * DAY + 1000);
    await s.complete('dh.mediator', pik, 'visit', { satisfied: 'yes', satisfaction: '4', visitNote: '群众情绪稳定' });
    expect(await s.ended(pik)).toBe('COMPLETED');
  }, 90_000);
});
