/**
 * County customisation without developers, through the HTTP API: 西山县's admin derives its own version of the
 * city's urban-case template (an extra verification step and a shorter handling limit) and deploys it for the
 * county; 西山县's cases run the variant, 东湖区's the city's, and the case and instance record which ran.
 * Another county's admin cannot derive for 西山县.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openSqliteMemoryStore } from '../../server/store/sqlite/index.js';
import { startScenario, type Scenario } from './scenario-harness.js';

type CaseView = { id: string; processInstanceKey: string; bpmnProcessId: string; definitionVersion: number | null };

/** The designer's edit, as text: 受理核实 → 二次核实 → 立案审核. */
function withSecondVerification(xml: string): string {
  const task = `<bpmn:userTask id="second_verify" name="二次核实">
      <bpmn:extensionElements>
        <zeebe:formDefinition formKey="urban-verify" />
        <zeebe:assignmentDefinition candidateGroups="=[&quot;role:field_supervisor@&quot; + commandUnitId]" />
      </bpmn:extensionElements>
      <bpmn:incoming>to_file</bpmn:incoming>
      <bpmn:outgoing>to_file_after_second</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="to_file_after_second" sourceRef="second_verify" targetRef="file" />
    `;
  const edited = xml
    .replace('<bpmn:sequenceFlow id="to_file" sourceRef="verify" targetRef="file" />', '<bpmn:sequenceFlow id="to_file" sourceRef="verify" targetRef="second_verify" />')
    .replace('<bpmn:incoming>to_file</bpmn:incoming>\n      <bpmn:outgoing>to_file_gate</bpmn:outgoing>', '<bpmn:incoming>to_file_after_second</bpmn:incoming>\n      <bpmn:outgoing>to_file_gate</bpmn:outgoing>')
    .replace('<bpmn:userTask id="file"', `${task}<bpmn:userTask id="file"`);
  if (edited.split('second_verify').length < 4) throw new Error('the template changed: the test edit did not apply');
  return edited;
}

describe('county customisation of a library template', () => {
  let s: Scenario;
  let n = 0;

  beforeAll(async () => {
    s = await startScenario(openSqliteMemoryStore());
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  const report = async (who: string, gridId: string) =>
    s.ok<CaseView>(who, 'post', '/api/intake/grid', {
      gridId, channelMessageId: `county-${++n}`, title: '垃圾满溢', category: { kind: 'component', major: '市容环境', minor: '暴露垃圾' },
    });

  it('only an admin of the county derives for it', async () => {
    const denied = await s.call('dh.admin', 'post', '/api/library/processes/urban-case/derive', { unitId: 'yg_xs' });
    expect(denied.status).toBe(403);
    const unknown = await s.call('xs.admin', 'post', '/api/library/processes/no-such-process/derive', { unitId: 'yg_xs' });
    expect(unknown.status).toBe(404);
  });

  it('西山县 runs its derived variant (extra step, shorter limit); 东湖区 keeps the city version', async () => {
    const template = await fetch(`${s.server.url}/api/library/processes/urban-case/bpmn`, { headers: { cookie: await s.as('xs.admin') } }).then((r) => r.text());
    const derived = await s.ok<{ bpmnProcessId: string; definition: { key: string; version: number; scopeUnitId: string } }>('xs.admin', 'post', '/api/library/processes/urban-case/derive', {
      unitId: 'yg_xs',
      xml: withSecondVerification(template),
      deploy: true,
      timeLimitRules: [{ step: 'handle', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 2, clock: 'workingHours' }, warnAt: 0.5 }],
    });
    expect(derived).toMatchObject({ bpmnProcessId: 'urban-case_yg_xs', definition: { version: 1, scopeUnitId: 'yg_xs' } });
    const table = await s.ok<{ table: { rules: { step: string; limit: { amount: number } }[] } }>('xs.admin', 'get', '/api/time-limits/urban-case_yg_xs?unitId=yg_xs_qs');
    expect(table.table.rules[0]).toMatchObject({ step: 'handle', limit: { amount: 2 } });

    const xs = await report('xs.intake', 'yg_xs_qs_ty_g1');
    // the case records the definition that ran (key + version); the instance the variant and its template
    expect(xs.definitionVersion).toBe(1);
    expect(await s.server.store.collection('cases').findOne({ _id: xs.id })).toMatchObject({ definitionKey: derived.definition.key });
    const instance = await s.server.store.collection('engine_instances').findOne({ _id: xs.processInstanceKey });
    expect(instance).toMatchObject({ bpmnProcessId: 'urban-case_yg_xs', templateProcessId: 'urban-case' });
    await s.complete('xs.supervisor', xs.processInstanceKey, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.complete('xs.supervisor', xs.processInstanceKey, 'second_verify', { verifyResult: 'true_report', verifyOpinion: '复核属实' });
    await s.complete('xs.intake', xs.processInstanceKey, 'file', { fileDecision: 'file' });
    // the county's copy of the routing table sends it to the county's bureau
    const dispatch = await s.task(xs.processInstanceKey, 'dispatch');
    const form = await s.ok<{ prefill: Record<string, unknown> }>('xs.dispatcher', 'get', `/api/tasks/${dispatch._id}/form`);
    expect(form.prefill.dispatchedDeptId).toBe('yg_xs_cgj');

    const dh = await report('grid.mingyue', 'yg_dh_sc_my_g1');
    const cityDefinition = await s.server.engine.definitions.resolve('urban-case');
    expect(await s.server.store.collection('cases').findOne({ _id: dh.id })).toMatchObject({ bpmnProcessId: 'urban-case', definitionKey: cityDefinition.key });
    await s.complete('dh.supervisor', dh.processInstanceKey, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.task(dh.processInstanceKey, 'file');
  }, 60_000);
});
