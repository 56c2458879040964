/**
 * A task's form through HTTP, on every available store: the bound form version (pinned `key@N`, or the newest at
 * the process's deployment), the prefill through the step's variables → prefill mapping, per-step field permissions enforced
 * on the server, the submission → variables mapping applied before the job completes, and failures that change
 * nothing. Also the text search of the task list (case number prefix, words of the case title).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { systemContext } from '../../server/identity/context.js';
import { availableStores } from '../support/stores.js';
import { startHarness, type Harness } from './security/harness.js';

const ctx = systemContext('test-seed');
const stores = await availableStores();

/** A two-step process: `reply` (the form, its mappings and permissions from headers), then `check`. */
function process(id: string, headers: Record<string, string>, formKey: string): string {
  const header = Object.entries(headers)
    .map(([k, v]) => `<zeebe:header key="${k}" value="${v.replace(/"/g, '&quot;')}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_${id}" targetNamespace="https://gongzhi.example/tasks">
  <bpmn:process id="${id}" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="reply" name="答复">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="role:intake_clerk@case.unit"/>
        <zeebe:formDefinition formKey="${formKey}"/>
        <zeebe:taskHeaders>${header}</zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="check" name="核查">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition assignee="role:intake_clerk@case.unit"/>
        <zeebe:formDefinition formKey="reply-form"/>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="reply"/>
    <bpmn:sequenceFlow id="f2" sourceRef="reply" targetRef="check"/>
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;
}

const textfield = (key: string, label: string, extra: Record<string, unknown> = {}) => ({ type: 'textfield', key, label, input: true, ...extra });
const FORM_V1 = { components: [textfield('caseTitle', '案件标题'), textfield('opinion', '答复意见', { validate: { required: true } }), textfield('internalNote', '内部备注')] };
const FORM_V2 = { components: [...FORM_V1.components, textfield('visitDate', '回访日期')] };
const PERMISSIONS = JSON.stringify({ caseTitle: 'readonly', internalNote: 'hidden' });

type Task = { _id: string; state: string; elementId: string; formKey: string | null; formVersion: number | null; warnings: string[] };
type Problem = { status: number; code: string; detail: string; errors?: { path: string; rule: string }[] };

describe.each(stores.map((s) => [s.name, s] as const))('task forms through HTTP on %s', (_name, storeDef) => {
  let h: Harness;
  const cookies: Record<string, string> = {};

  const ok = async <T>(who: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await h.call(method, path, { cookie: cookies[who], body });
    const json = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${path} as ${who}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const fails = async (who: string, method: string, path: string, body?: unknown): Promise<Problem> => {
    const res = await h.call(method, path, { cookie: cookies[who], body });
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    return { ...((await res.json()) as Problem), status: res.status };
  };
  const openTask = async (pik: string): Promise<Task> => {
    await h.server.tasks.projector.sync();
    const [t] = await h.server.tasks.repo.tasks.find({ processInstanceKey: pik, state: 'open' });
    return t as unknown as Task;
  };
  const start = async (bpmnProcessId: string, variables: Record<string, unknown> = {}) =>
    (await h.server.engine.engine.createInstance({ bpmnProcessId, variables: { unitId: 'A1', caseId: `C-${bpmnProcessId}-${Date.now()}`, ...variables } })).processInstanceKey;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('clerk', 'A1', 'intake_clerk');
    await h.user('outsider', 'B1', 'intake_clerk');
    await h.user('designerA', 'A', 'form_designer');
    await h.user('adminB', 'B', 'admin');
    for (const who of ['clerk', 'outsider', 'designerA', 'adminB']) cookies[who] = await h.login(who);

    const { forms, mappings } = h.server.forms;
    await forms.create({ formKey: 'reply-form', title: '答复单', unitId: 'c', definition: FORM_V1 }, ctx);
    await forms.publish('reply-form', ctx);
    await forms.saveDraft('reply-form', { definition: FORM_V2 }, ctx);
    await forms.publish('reply-form', ctx);
    await mappings.save('reply-prefill', { kind: 'variables_to_prefill', title: '答复预填', source: '{ "caseTitle": title, "internalNote": note, "opinion": "" }', unitId: 'c' }, ctx);
    await mappings.save('reply-out', { kind: 'submission_to_variables', title: '答复回写', source: '{ "replyOpinion": opinion, "replied": true }', unitId: 'c' }, ctx);
    await mappings.save('broken-out', { kind: 'submission_to_variables', title: '出错', source: '$error("回写失败")', unitId: 'c' }, ctx);

    await h.server.engine.engine.deploy([
      { name: 'mapped.bpmn', content: process('forms-mapped', { mappingPrefill: 'reply-prefill', mappingOut: 'reply-out', fieldPermissions: PERMISSIONS }, 'reply-form@1') },
      { name: 'broken.bpmn', content: process('forms-broken-mapping', { mappingPrefill: 'reply-prefill', mappingOut: 'broken-out' }, 'reply-form@1') },
      { name: 'bad-perms.bpmn', content: process('forms-bad-permissions', { fieldPermissions: '{caseTitle: readonly' }, 'reply-form') },
      { name: 'wrong-kind.bpmn', content: process('forms-wrong-kind', { mappingPrefill: 'reply-out' }, 'reply-form') },
    ]);
  }, 120_000);
  afterAll(async () => h?.close());

  it('GET /api/tasks/:id/form gives the pinned version, the prefill through the step mapping, without hidden fields', async () => {
    const task = await openTask(await start('forms-mapped', { title: '人民路井盖缺失', note: '内部: 已电话联系', reporterPhone: '13800000000' }));
    expect(task).toMatchObject({ formKey: 'reply-form', formVersion: 1 });
    const form = await ok<{ version: number; prefill: Record<string, unknown>; fieldPermissions: Record<string, string>; definition: { components: unknown[] } }>('clerk', 'get', `/api/tasks/${task._id}/form`);
    expect(form.version).toBe(1); // pinned by reply-form@1 although version 2 is newer
    expect(form.definition.components).toHaveLength(3);
    expect(form.prefill).toEqual({ caseTitle: '人民路井盖缺失', opinion: '' }); // internalNote hidden, reporterPhone not a field
    expect(form.fieldPermissions).toEqual({ caseTitle: 'readonly', internalNote: 'hidden' });
    expect((await fails('outsider', 'get', `/api/tasks/${task._id}/form`)).status).toBe(403);
    // the instance variables stay on the server: neither the task nor the list carries the reporter's phone
    expect(JSON.stringify(await ok('clerk', 'get', `/api/tasks/${task._id}`))).not.toContain('13800000000');
    expect(JSON.stringify(await ok('clerk', 'get', '/api/tasks?view=mine'))).not.toContain('13800000000');
  });

  it('a changed read-only field, a hidden field or a missing required field answers 422 and completes nothing', async () => {
    const pik = await start('forms-mapped', { title: '人民路井盖缺失', note: '内部' });
    const task = await openTask(pik);
    const path = `/api/tasks/${task._id}/complete`;
    const readonly = await fails('clerk', 'post', path, { variables: { caseTitle: '改过的标题', opinion: '已处理' } });
    expect(readonly).toMatchObject({ status: 422, code: 'form.submission_invalid' });
    expect(readonly.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'caseTitle', rule: 'readonly' })]));
    const hidden = await fails('clerk', 'post', path, { variables: { opinion: '已处理', internalNote: '我改了备注' } });
    expect(hidden.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'internalNote', rule: 'hidden' })]));
    const required = await fails('clerk', 'post', path, { variables: { caseTitle: '人民路井盖缺失' } });
    expect(required.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'opinion', rule: 'required' })]));
    expect(await openTask(pik)).toMatchObject({ _id: task._id, state: 'open', elementId: 'reply' });
  });

  it('a valid submission goes through the submission → variables mapping into the instance; the next step pins the newest version', async () => {
    const pik = await start('forms-mapped', { title: '人民路井盖缺失', note: '内部' });
    const task = await openTask(pik);
    await ok('clerk', 'post', `/api/tasks/${task._id}/complete`, { variables: { caseTitle: '人民路井盖缺失', opinion: '井盖已补装' } });
    const next = await openTask(pik);
    expect(next.elementId).toBe('check');
    const variables = await h.server.tasks.service.variablesOf(next as never);
    expect(variables).toMatchObject({ replyOpinion: '井盖已补装', replied: true, formVersion: 1, title: '人民路井盖缺失' });
    expect(variables).not.toHaveProperty('opinion'); // the mapping decides what reaches the instance
    expect(variables).not.toHaveProperty('caseTitle');

    // `reply-form` without a version: the newest at task creation (2), kept when a newer one is published
    expect(next.formVersion).toBe(2);
    await h.server.forms.forms.publish('reply-form', ctx);
    expect((await ok<{ version: number }>('clerk', 'get', `/api/tasks/${next._id}/form`)).version).toBe(2);
  });

  it('a failing output mapping answers 422 mapping.failed and the job is not completed', async () => {
    const pik = await start('forms-broken-mapping', { title: '解放街噪音扰民' });
    const task = await openTask(pik);
    const problem = await fails('clerk', 'post', `/api/tasks/${task._id}/complete`, { variables: { caseTitle: '解放街噪音扰民', opinion: '已劝导' } });
    expect(problem).toMatchObject({ status: 422, code: 'mapping.failed' });
    expect(problem.detail).toMatch(/回写失败/);
    expect(await openTask(pik)).toMatchObject({ _id: task._id, state: 'open', elementId: 'reply' });
  });

  it('an unreadable fieldPermissions header or a mapping of the wrong kind refuses the form (409), never guesses', async () => {
    const bad = await openTask(await start('forms-bad-permissions'));
    expect(bad.warnings.join(' ')).toMatch(/fieldPermissions is not JSON/);
    expect(await fails('clerk', 'get', `/api/tasks/${bad._id}/form`)).toMatchObject({ status: 409, code: 'task.form_unavailable' });
    expect(await fails('clerk', 'post', `/api/tasks/${bad._id}/complete`, { variables: { opinion: 'x' } })).toMatchObject({ status: 409, code: 'task.form_unavailable' });
    const wrongKind = await openTask(await start('forms-wrong-kind'));
    expect((await fails('clerk', 'get', `/api/tasks/${wrongKind._id}/form`)).detail).toMatch(/submission_to_variables mapping; this step needs variables_to_prefill/);
  });

  it('text search finds tasks by tracking-number prefix and by words of the case title, within the caller\'s scope', async () => {
    const pik = await start('forms-mapped', { title: '幸福巷17号路灯损坏', trackingNumber: 'GZ-20261123-000777', description: '夜间无照明' });
    const task = await openTask(pik);
    const search = async (who: string, text: string) =>
      (await ok<{ items: { _id: string }[] }>(who, 'get', `/api/tasks?view=mine&text=${encodeURIComponent(text)}`)).items.map((t) => t._id);
    expect(await search('clerk', '路灯')).toEqual([task._id]);
    expect(await search('clerk', '幸福巷 损坏')).toEqual([task._id]);
    expect(await search('clerk', '照明')).toEqual([task._id]);
    expect(await search('clerk', 'gz-20261123-0007')).toEqual([task._id]);
    expect(await search('clerk', '路灯 井盖')).toEqual([]); // every term must match
    expect(await search('outsider', '路灯')).toEqual([]);
  });

  it('a formKey without a version binds to the newest version published when the process was deployed', async () => {
    const { forms } = h.server.forms;
    const atDeploy = (await forms.latestVersionOf('reply-form'))!;
    await h.server.engine.definitions.deploy({ name: 'at-deploy.bpmn', xml: process('forms-at-deploy', {}, 'reply-form'), scopeUnitId: 'A1' }, ctx);
    // published after the deployment: the deployed process keeps the form it was designed with (instants are
    // compared to the millisecond; step past the deployment's)
    await new Promise((r) => setTimeout(r, 3));
    await forms.saveDraft('reply-form', { definition: FORM_V2 }, ctx);
    await forms.publish('reply-form', ctx);
    expect(await forms.latestVersionOf('reply-form')).toBe(atDeploy + 1);
    const task = await openTask(await start('forms-at-deploy'));
    expect(task.formVersion).toBe(atDeploy);
    expect((await ok<{ version: number }>('clerk', 'get', `/api/tasks/${task._id}/form`)).version).toBe(atDeploy);

    // a form first published after the deployment had nothing to bind to then: its newest version at task creation
    await forms.create({ formKey: 'late-form', title: '后发布', unitId: 'c', definition: FORM_V1 }, ctx);
    await h.server.engine.definitions.deploy({ name: 'late.bpmn', xml: process('forms-late', {}, 'late-form'), scopeUnitId: 'A1' }, ctx);
    await new Promise((r) => setTimeout(r, 3));
    await forms.publish('late-form', ctx);
    expect((await openTask(await start('forms-late'))).formVersion).toBe(1);
  });

  it('forms and mappings are managed within the designer\'s subtree only', async () => {
    const created = await h.call('post', '/api/forms', { cookie: cookies.designerA, body: { formKey: 'county-a-form', title: '甲区表单', unitId: 'A1', definition: FORM_V1 } });
    expect(created.status).toBe(201);
    expect((await h.call('post', '/api/forms', { cookie: cookies.designerA, body: { formKey: 'county-b-form', title: '乙县表单', unitId: 'B' } })).status).toBe(403);
    expect((await h.call('post', '/api/forms/county-a-form/publish', { cookie: cookies.adminB })).status).toBe(403);
    expect((await h.call('post', '/api/forms/county-a-form/publish', { cookie: cookies.designerA })).status).toBe(201);
    const listed = await ok<{ items: { formKey: string }[] }>('adminB', 'get', '/api/forms');
    expect(listed.items.map((f) => f.formKey)).not.toContain('county-a-form');
    expect((await h.call('put', '/api/mappings/county-a-prefill', { cookie: cookies.designerA, body: { kind: 'variables_to_prefill', title: '甲区预填', source: '{ "a": title }', unitId: 'A' } })).status).toBe(200);
    expect((await h.call('put', '/api/mappings/county-a-prefill', { cookie: cookies.adminB, body: { kind: 'variables_to_prefill', title: '乙县改写', source: '{ "a": 1 }', unitId: 'B' } })).status).toBe(403);
  });
});
