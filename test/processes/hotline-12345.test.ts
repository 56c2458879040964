/**
 * The 12345 hotline work order through the HTTP API on the embedded engine: a hotline clerk enters a call for
 * 东湖区, the district dispatcher assigns it (派单) to the unit the routing table names, the unit signs (签收) or
 * returns it (退单) within its window, handles and has its leader sign off the reply, and the citizen is visited
 * the next day (回访): satisfied closes, dissatisfied sends it back to be handled again. An urban-management
 * problem is passed to the urban-case process (call activity) and visited when that closes.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';
import { startScenario, type Scenario } from './scenario-harness.js';

const DAY = 24 * 3_600_000;
type CaseView = { id: string; status: string; processInstanceKey: string; bpmnProcessId: string; reopenCount?: number };

describe('hotline-12345 on the embedded engine through HTTP', () => {
  let s: Scenario;
  let n = 0;

  beforeAll(async () => {
    s = await startScenario(openSqliteMemoryStore());
    await s.ok('yg.admin', 'put', '/api/intake/bindings', { unitId: 'yg', channel: 'hotline', bpmnProcessId: 'hotline-12345' });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const call = async (title: string) => {
    const c = await s.ok<CaseView>('yg.hotline', 'post', '/api/intake/hotline', {
      unitId: 'yg_dh', gridId: 'yg_dh_sc_my_g1', channelMessageId: `call-${++n}`, title,
      category: { kind: 'event', major: '投诉', minor: '噪音扰民' }, reporter: { name: '王先生', phone: '13800000000' },
    });
    expect(c.bpmnProcessId).toBe('hotline-12345');
    return c;
  };
  const assignAndSign = async (pik: string) => {
    await s.complete('dh.dispatcher', pik, 'assign', { assignTo: 'unit', dispatchedDeptId: 'yg_dh_cgj', assignNote: '请区城管局办理' });
    await s.complete('dh.cgj.head', pik, 'sign', { signDecision: 'accept' });
  };
  const handleAndSignOff = async (pik: string, reply: string) => {
    await s.complete('dh.cgj.head', pik, 'handle', { reply, handleNote: '已现场处理' });
    await s.complete('dh.cgj.head', pik, 'signoff', { signoffDecision: 'approve' });
  };

  it('happy path: assigned, signed, handled, reply signed off, visited the next day and satisfied', async () => {
    const c = await call('夜间施工噪音');
    const pik = c.processInstanceKey;
    await assignAndSign(pik);
    await handleAndSignOff(pik, '已责令施工单位停止夜间施工');
    // the visit waits for the next day (reached after the case worker's milestone)
    await s.reached(pik, 'visit_wait');
    await s.advance(DAY + 1000);
    await s.complete('dh.intake', pik, 'visit', { satisfied: 'yes', satisfaction: '5', visitNote: '诉求人表示满意' });
    expect(await s.ended(pik)).toBe('COMPLETED');
    expect((await s.ok<CaseView>('yg.admin', 'get', `/api/cases/${c.id}`)).status).toBe('closed');
  }, 60_000);

  it('延期: the handling unit may ask for at most 10 working days; a longer request is refused and changes nothing', async () => {
    const c = await call('小区泵房噪音');
    const pik = c.processInstanceKey;
    await assignAndSign(pik);
    const handle = await s.task(pik, 'handle');
    if (!handle.assignee) await s.ok('dh.cgj.head', 'post', `/api/tasks/${handle._id}/claim`, {});
    const tooLong = await s.call<{ code: string }>('dh.cgj.head', 'post', `/api/tasks/${handle._id}/extension`, { days: 11, reason: '需协调物业更换设备' });
    expect([tooLong.status, tooLong.body.code]).toEqual([422, 'task.extension_too_long']);
    expect((await s.server.tasks.repo.tasks.findOne({ _id: handle._id }))?.extension).toBeNull();
    const asked = await s.ok<{ extension: { state: string; days: number } }>('dh.cgj.head', 'post', `/api/tasks/${handle._id}/extension`, { days: 10, reason: '需协调物业更换设备' });
    expect(asked.extension).toMatchObject({ state: 'pending', days: 10 });
  }, 60_000);

  it('退单: the unit returns an order that is not its own with a reason, the dispatcher assigns it again', async () => {
    const c = await call('小区内广场舞噪音');
    const pik = c.processInstanceKey;
    await s.complete('dh.dispatcher', pik, 'assign', { assignTo: 'unit', dispatchedDeptId: 'yg_dh_cgj' });
    await s.complete('dh.cgj.head', pik, 'sign', { signDecision: 'return', returnReason: '属街道社区协调事项' });
    await s.complete('dh.dispatcher', pik, 'assign', { assignTo: 'unit', dispatchedDeptId: 'yg_dh_sc', assignNote: '改派三川街道' });
    const sign = await s.task(pik, 'sign');
    expect(sign.candidateGroups).toEqual(['dept_head@yg_dh_sc']);
    await s.complete('dh.sc.head', pik, 'sign', { signDecision: 'accept' });
    await s.task(pik, 'handle');
  }, 60_000);

  it('dissatisfied at the visit: the order is handled again, then closes when the citizen is satisfied', async () => {
    const c = await call('商铺外放音响');
    const pik = c.processInstanceKey;
    await assignAndSign(pik);
    await handleAndSignOff(pik, '已劝导');
    await s.reached(pik, 'visit_wait');
    await s.advance(DAY + 1000);
    await s.complete('dh.intake', pik, 'visit', { satisfied: 'no', satisfaction: '2', visitNote: '仍有噪音' });
    await handleAndSignOff(pik, '已依法暂扣音响设备');
    // the second visit wait: wait until the timer is active again (two activations)
    for (let i = 0; i < 150 && (await s.engine.records({ processInstanceKey: pik, valueType: 'PROCESS_INSTANCE', elementId: 'visit_wait', intent: 'ELEMENT_ACTIVATED' })).length < 2; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await s.advance(DAY + 1000);
    await s.complete('dh.intake', pik, 'visit', { satisfied: 'yes', satisfaction: '4', visitNote: '问题已解决' });
    expect(await s.ended(pik)).toBe('COMPLETED');
  }, 60_000);

  it('an urban-management problem goes to the urban-case process; the citizen is visited when it is closed', async () => {
    const c = await s.ok<CaseView>('yg.hotline', 'post', '/api/intake/hotline', {
      unitId: 'yg_dh', gridId: 'yg_dh_sc_my_g1', channelMessageId: `call-${++n}`, title: '小区门口垃圾堆积',
      category: { kind: 'component', major: '市容环境', minor: '暴露垃圾' }, reporter: { phone: '13900000000' },
    });
    const pik = c.processInstanceKey;
    await s.complete('dh.dispatcher', pik, 'assign', { assignTo: 'urban', assignNote: '转数字城管' });
    // the called urban case works on the same case id, with its own instance
    let child: string | undefined;
    for (let i = 0; i < 150 && !child; i++) {
      await s.server.tasks.projector.sync();
      const [t] = await s.server.tasks.repo.tasks.find({ elementId: 'verify', caseId: c.id, state: 'open' });
      child = t ? String(t.processInstanceKey) : undefined;
      if (!child) await new Promise((r) => setTimeout(r, 100));
    }
    expect(child).toBeDefined();
    await s.complete('dh.supervisor', child!, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.complete('dh.intake', child!, 'file', { fileDecision: 'file' });
    await s.complete('dh.dispatcher', child!, 'dispatch', { dispatchedDeptId: 'yg_dh_cgj' });
    await s.complete('dh.cgj.head', child!, 'handle', { handleResult: 'done', handleNote: '已清运' });
    await s.complete('dh.supervisor', child!, 'check', { checkResult: 'pass', checkNote: '已整洁' });
    // the child's closing milestone and the parent's next steps run on the workers: wait for the visit timer first
    await s.reached(pik, 'visit_wait');
    await s.advance(DAY + 1000);
    await s.complete('dh.intake', pik, 'visit', { satisfied: 'yes', satisfaction: '5', visitNote: '满意' });
    expect(await s.ended(pik)).toBe('COMPLETED');
    expect((await s.ok<CaseView>('yg.admin', 'get', `/api/cases/${c.id}`)).status).toBe('closed');
  }, 60_000);

  it('a unit that neither signs nor returns within two working days has signed by default (the window closes)', async () => {
    const c = await call('楼下烧烤油烟');
    const pik = c.processInstanceKey;
    await s.complete('dh.dispatcher', pik, 'assign', { assignTo: 'unit', dispatchedDeptId: 'yg_dh_cgj' });
    await s.task(pik, 'sign');
    await s.advance(5 * DAY);
    await s.task(pik, 'handle');
  }, 60_000);
});
