/**
 * The designer in a real browser (issue #9): an admin derives a county variant of a deployed template, adds a
 * user-task step bound to a form with an assignment rule, sees the diff against the template, and deploys it for
 * the county; the API then serves the county's definition with the new step. Lint blocks a step without a form.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { availableStores } from '../support/stores.js';
import { startHarness, PASSWORD, type Harness } from '../api/security/harness.js';
import { browserAvailable, launchChromium } from './designer-support/browser.js';
import { serveApp } from './designer-support/serve.js';
import { loadLibrary, readLibrary } from '../../server/library/index.js';
import { systemContext } from '../../server/identity/context.js';

// Page functions run in the browser; the root tsconfig has no DOM library, so the little they touch is declared here.
interface PageNode { textContent: string | null; getAttribute(name: string): string | null; querySelector(s: string): PageNode | null }
declare const document: { querySelector(s: string): PageNode | null; querySelectorAll(s: string): Iterable<PageNode> };
declare const window: { gz?: unknown; gzError?: string };

const ROOT = join(import.meta.dirname, '..', '..');
const TEMPLATE_XML = readFileSync(join(ROOT, 'test/fixtures/bpmn/designer-template.bpmn'), 'utf8');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const run = browserAvailable('designer browser test') ? describe : describe.skip;

run('designer in Chromium: derive, add a form-bound step, diff, deploy for a county', () => {
  let h: Harness;
  let app: { url: string; close(): Promise<void> };
  let browser: Browser;
  let outDir: string;
  let admin: string;
  let templateKey: string;
  let urbanCaseKey: string;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'gongzhi-designer-'));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'test/e2e/designer-app/vite.config.mjs'), '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
    const [sqlite] = await availableStores();
    h = await startHarness(await sqlite!.open());
    await h.user('designer-admin', 'c', 'admin');
    admin = await h.login('designer-admin');
    await h.user('county-admin', 'B', 'admin');
    // given: a published form and the city's template process
    expect((await h.call('post', '/api/forms', { cookie: admin, body: { formKey: 'check', title: '核查表', unitId: 'c', definition: { components: [{ type: 'textfield', key: 'result', label: '核查结果', input: true }] } } })).status).toBe(201);
    expect((await h.call('post', '/api/forms/check/publish', { cookie: admin })).status).toBe(201);
    const deployed = await h.call('post', '/api/definitions', { cookie: admin, body: { name: '简易案件', xml: TEMPLATE_XML, scopeUnitId: 'c' } });
    expect(deployed.status).toBe(201);
    templateKey = ((await deployed.json()) as { items: { key: string }[] }).items[0]!.key;
    const grid = await h.call('post', '/api/org/units', { cookie: admin, body: { id: 'A1_g1', name: '甲一网格', kind: 'grid', parentId: 'A1' } });
    expect(grid.status).toBe(201);
    const boundary = { type: 'Polygon', coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91], [116.3, 39.91], [116.3, 39.9]]] };
    expect((await h.call('patch', '/api/org/units/A1_g1', { cookie: admin, body: { boundary } })).status).toBe(200);
    // and the process library loaded for the city, as on first start
    const s = h.server;
    const [urban] = await loadLibrary(readLibrary().filter((p) => p.bpmnProcessId === 'urban-case'), 'c', {
      definitions: s.engine.definitions, forms: s.forms.forms, mappings: s.forms.mappings, timeLimits: s.timeLimits, routing: s.routing,
    }, systemContext('designer-test'));
    urbanCaseKey = urban!.definitionKey;
    app = await serveApp(outDir, h.url);
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await h?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  async function openDesigner(view = '', query = '', username = 'designer-admin'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const login = await page.request.post(`${app.url}/api/session/login`, { data: { username, password: PASSWORD } });
    expect(login.status()).toBe(200);
    await page.goto(`${app.url}/${query}${view ? `#${view}` : ''}`);
    await page.waitForFunction(() => window.gz ?? window.gzError, null, { timeout: 30_000 });
    expect(await page.evaluate(() => window.gzError)).toBeUndefined();
    return page;
  }

  const statusText = (page: Page) => page.textContent('[data-role="status"]');

  /** Derives the county A variant of a template (default: the simple fixture) through the toolbar. */
  async function deriveForCountyA(page: Page, key = templateKey): Promise<void> {
    await page.selectOption('[data-role="template"]', `deployed:${key}`);
    await page.selectOption('[data-role="scope"]', 'A');
    await page.click('[data-action="derive"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.startsWith('已从'), null, { timeout: 10_000 });
  }

  /** Drops a new task from the palette onto the flow `flowId` (bpmn-js splits the flow) and names it. */
  async function insertTaskOnFlow(page: Page, flowId: string, name: string): Promise<string> {
    const flow = (await page.locator(`[data-element-id="${flowId}"]`).boundingBox())!;
    const at = { x: flow.x + flow.width / 2, y: flow.y + flow.height / 2 };
    await page.click('.djs-palette [data-action="create.task"]');
    await page.mouse.move(at.x - 5, at.y);
    await page.mouse.move(at.x, at.y);
    await page.mouse.click(at.x, at.y);
    await page.keyboard.type(name);
    const canvas = (await page.locator('[data-role="canvas"]').boundingBox())!;
    await page.mouse.click(canvas.x + canvas.width - 60, canvas.y + canvas.height - 120);
    const id = await page.evaluate((label) => [...document.querySelectorAll('g.djs-shape[data-element-id]')]
      .find((g) => g.querySelector(':scope > .djs-visual')?.textContent === label)?.getAttribute('data-element-id'), name);
    if (!id) throw new Error(`no shape labelled ${name} on the canvas`);
    // a click right after ending label editing can be swallowed: click until the task is selected
    for (let i = 0; i < 3 && !(await page.locator('.djs-context-pad.open').isVisible()); i++) {
      await page.click(`[data-element-id="${id}"]`);
      await page.waitForTimeout(300);
    }
    return id;
  }

  async function makeUserTask(page: Page): Promise<void> {
    await page.click('.djs-context-pad.open [data-action="replace"]');
    await page.click('.djs-popup [data-id="replace-with-user-task"]');
    await page.locator('[data-group-id="group-gongzhi"] .bio-properties-panel-group-header').click();
  }

  async function versionsOf(processId: string): Promise<{ key: string; version: number; scopeUnitId: string }[]> {
    const res = await h.call('get', `/api/definitions/${processId}/versions`, { cookie: admin });
    return res.status === 200 ? ((await res.json()) as { items: { key: string; version: number; scopeUnitId: string }[] }).items : [];
  }

  it('given a step without a form, when the admin deploys, then lint blocks it on the diagram and nothing is deployed', async () => {
    const page = await openDesigner();
    await deriveForCountyA(page);
    const id = await insertTaskOnFlow(page, 'f2', '无表单步骤');
    await makeUserTask(page);
    await page.click('[data-action="deploy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.includes('不能部署'), null, { timeout: 10_000 });
    const problems = await page.locator(`[data-role="problems"] li[data-element="${id}"]`).allTextContents();
    expect(problems.join('\n')).toContain('用户任务未绑定表单');
    expect(problems.join('\n')).toContain('用户任务未设置办理人或候选组');
    expect(await page.locator('.bjsl-overlay').count()).toBeGreaterThan(0);
    expect(await versionsOf('simple-case_A')).toEqual([]);
    await page.close();
  }, 60_000);

  it('given the derived variant with a new form-bound step, when the admin deploys for the county, then the county definition has the step', async () => {
    const page = await openDesigner();
    await deriveForCountyA(page);
    const id = await insertTaskOnFlow(page, 'f2', '县级复核');
    await makeUserTask(page);
    await page.selectOption('#bio-properties-panel-gongzhi-form', 'check');
    await page.selectOption('#bio-properties-panel-gongzhi-form-version', '1');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-kind', 'role-at-case-unit');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-role', 'dept_handler');
    await page.fill('#bio-properties-panel-gongzhi-limit-amount', '3');
    await page.selectOption('#bio-properties-panel-gongzhi-limit-clock', 'workingDays');

    // then the diff against the template names the new step and colours it on the diagram
    await page.waitForFunction((taskId) => document.querySelector('[data-role="diff"]')?.textContent?.includes(`新增 县级复核（${taskId}）`), id, { timeout: 10_000 });
    expect(await page.locator(`[data-element-id="${id}"].gz-diff-added`).count()).toBe(1);
    expect(await page.textContent('[data-role="diff"]')).toContain('已修改 （f2）：targetRef');

    await page.click('[data-action="deploy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.startsWith('已部署'), null, { timeout: 15_000 });
    expect(await statusText(page)).toContain('simple-case_A v1');
    await page.waitForFunction(() => /时限表/.test(document.querySelector('[data-role="status"]')?.textContent ?? ''), null, { timeout: 10_000 });
    expect(await statusText(page)).toContain('时限表已更新');
    await page.screenshot({ path: join(ARTIFACTS, 'designer-simple-case.png') });

    // then through the API: the county's own definition, with the new step bound to the pinned form and a rule
    const [county] = await versionsOf('simple-case_A');
    expect(county).toMatchObject({ version: 1, scopeUnitId: 'A' });
    const xml = await (await h.call('get', `/api/definitions/${county!.key}/xml`, { cookie: admin })).text();
    const step = new RegExp(`<bpmn:userTask id="${id}" name="县级复核">([\\s\\S]*?)</bpmn:userTask>`).exec(xml)?.[1] ?? '';
    expect(step).toContain('<zeebe:formDefinition formKey="check@1" />');
    expect(step).toContain('candidateGroups="role:dept_handler@case.unit"');
    expect(xml).toContain(`<bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="${id}" />`);
    // and the step's time limit is in the county's time-limit table, which gives the tasks their due dates
    const limits = (await (await h.call('get', '/api/time-limits/simple-case_A?unitId=A', { cookie: admin })).json()) as { scopeUnitId: string; table: { rules: unknown[] } };
    expect(limits.scopeUnitId).toBe('A');
    expect(limits.table.rules).toEqual([expect.objectContaining({ step: id, category: '*', limit: { amount: 3, clock: 'workingDays' }, warnAt: 0.8 })]);
    // and the template itself is untouched
    expect((await versionsOf('simple-case')).map((d) => d.version)).toEqual([1]);
    await page.close();
  }, 90_000);

  it('given a user task with a prefill mapping id, when the admin writes JSONata on sample data, then the live tester shows the result and saving versions it', async () => {
    const page = await openDesigner();
    await deriveForCountyA(page);
    await page.click('[data-element-id="accept"]');
    await page.locator('[data-group-id="group-gongzhi"] .bio-properties-panel-group-header').click();
    await page.fill('#bio-properties-panel-gongzhi-prefill-mapping', 'acceptPrefill');
    await page.locator('[data-role="mapping"] [data-role="editor"]').waitFor({ state: 'visible', timeout: 5_000 });
    await page.fill('[data-role="mapping"] [data-role="sample"]', '{"reporter": {"name": "张三"}}');
    await page.fill('[data-role="mapping"] [data-role="source"]', '{"result": reporter.name & "已核实"}');
    await page.waitForFunction(() => document.querySelector('[data-role="result"]')?.textContent?.includes('张三已核实'), null, { timeout: 5_000 });
    await page.fill('[data-role="mapping"] [data-role="source"]', '{"result": reporter.name &');
    await page.waitForFunction(() => document.querySelector('[data-role="result"]')?.textContent?.startsWith('错误'), null, { timeout: 5_000 });
    await page.fill('[data-role="mapping"] [data-role="source"]', '{"result": reporter.name & "已核实"}');
    await page.click('[data-role="mapping"] [data-role="save"]');
    await page.waitForFunction(() => document.querySelector('[data-role="saved"]')?.textContent?.includes('第 1 版'), null, { timeout: 5_000 });
    const saved = (await (await h.call('get', '/api/mappings/acceptPrefill', { cookie: admin })).json()) as { kind: string; source: string };
    expect(saved).toMatchObject({ kind: 'variables_to_prefill', source: '{"result": reporter.name & "已核实"}' });
    await page.close();
  }, 60_000);

  it('given the form builder in Chinese, when the admin publishes the draft, then a new version is listed by the page and the API', async () => {
    const page = await openDesigner('forms');
    await page.selectOption('[data-role="forms"]', 'check');
    await page.locator('.builder-sidebar').waitFor({ timeout: 15_000 });
    expect(await page.textContent('.builder-sidebar')).toContain('单行文本');
    await page.locator('[data-role="preview"] label', { hasText: '核查结果' }).waitFor({ timeout: 5_000 });
    await page.click('[data-action="publish"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.startsWith('已发布第'), null, { timeout: 10_000 });
    const versions = (await (await h.call('get', '/api/forms/check/versions', { cookie: admin })).json()) as { items: { version: number }[] };
    const newest = versions.items[0]!.version;
    expect(newest).toBeGreaterThanOrEqual(2);
    expect(await page.textContent('[data-role="versions"]')).toContain(`第 ${newest} 版`);
    await page.screenshot({ path: join(ARTIFACTS, 'form-builder.png') });
    await page.close();
  }, 60_000);

  it('given a grid with a boundary, when the admin opens its county in the org page, then the map draws it', async () => {
    const page = await openDesigner('admin');
    await page.click('[data-unit="A"]');
    await page.locator('[data-role="grid-map"] path[data-unit="A1_g1"]').waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-role="grid-map"] path').count()).toBe(1);
    await page.click('[data-section="roles"]');
    await page.locator('[data-role="section"] table').first().waitFor({ timeout: 5_000 });
    expect(await page.textContent('[data-role="section"]')).toContain('dept_handler');
    await page.screenshot({ path: join(ARTIFACTS, 'admin-roles.png') });
    await page.close();
  }, 60_000);

  it('given the library\'s urban-case, when the county adds a 复核 step before 核查 and deploys, then the county runs its own variant with the template\'s time limits plus the step\'s', async () => {
    const page = await openDesigner();
    await deriveForCountyA(page, urbanCaseKey);
    await page.click('[data-action="lint"]');
    expect(await statusText(page)).toBe('检查通过');
    const id = await insertTaskOnFlow(page, 'to_check_task', '县级复核');
    await makeUserTask(page);
    await page.selectOption('#bio-properties-panel-gongzhi-form', 'urban-check');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-kind', 'role-at-case-unit');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-role', 'dept_head');
    await page.selectOption('#bio-properties-panel-gongzhi-limit-clock', 'workingDays');
    await page.fill('#bio-properties-panel-gongzhi-limit-amount', '2');
    await page.waitForFunction((taskId) => document.querySelector('[data-role="diff"]')?.textContent?.includes(`新增 县级复核（${taskId}）`), id, { timeout: 10_000 });

    await page.click('[data-action="deploy"]');
    await page.waitForFunction(() => /时限表/.test(document.querySelector('[data-role="status"]')?.textContent ?? ''), null, { timeout: 15_000 });
    expect(await statusText(page)).toMatch(/^已部署：urban-case_A v1；时限表已更新（沿用模板时限表，1 个环节时限）/);

    const [county] = await versionsOf('urban-case_A');
    expect(county).toMatchObject({ version: 1, scopeUnitId: 'A' });
    const xml = await (await h.call('get', `/api/definitions/${county!.key}/xml`, { cookie: admin })).text();
    expect(xml).toContain(`<bpmn:sequenceFlow id="to_check_task" sourceRef="ms_checking" targetRef="${id}" />`);
    const template = (await (await h.call('get', '/api/time-limits/urban-case?unitId=A', { cookie: admin })).json()) as { table: { rules: { step: string }[] } };
    const variant = (await (await h.call('get', '/api/time-limits/urban-case_A?unitId=A', { cookie: admin })).json()) as { scopeUnitId: string; table: { rules: { step: string; limit: unknown }[] } };
    expect(variant.scopeUnitId).toBe('A');
    expect(variant.table.rules).toHaveLength(template.table.rules.length + 1);
    expect(variant.table.rules).toContainEqual(expect.objectContaining({ step: id, limit: { amount: 2, clock: 'workingDays' } }));
    await page.screenshot({ path: join(ARTIFACTS, 'designer.png') });
    if (process.env.GONGZHI_UPDATE_SCREENSHOTS === '1') {
      // the README's picture: refreshed on request only, so that a test run leaves the work tree clean
      mkdirSync(join(ROOT, 'docs/screenshots'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'docs/screenshots/designer.png') });
    }
    await page.close();

    // when the deployed variant is opened again later, then it is diffed against its template again
    const again = await openDesigner();
    await again.selectOption('[data-role="open"]', `deployed:${county!.key}`);
    await again.waitForFunction((taskId) => document.querySelector('[data-role="diff"]')?.textContent?.includes(`新增 县级复核（${taskId}）`), id, { timeout: 10_000 });
    expect(await statusText(again)).toContain('派生自 urban-case v1');
    await again.close();
  }, 90_000);

  it('given the English switch, when the designer opens, then the page, bpmn-js and the 共治设置 group speak English', async () => {
    const page = await openDesigner('', '?lang=en');
    expect(await page.textContent('[data-action="deploy"]')).toBe('Deploy');
    await deriveForCountyAInEnglish(page);
    await page.click('[data-element-id="accept"]');
    expect(await page.textContent('[data-group-id="group-gongzhi"] .bio-properties-panel-group-header')).toContain('Gongzhi');
    expect(await page.textContent('[data-group-id="group-general"] .bio-properties-panel-group-header')).toContain('General');
    await page.close();
  }, 60_000);

  async function deriveForCountyAInEnglish(page: Page): Promise<void> {
    await page.selectOption('[data-role="template"]', `deployed:${templateKey}`);
    await page.selectOption('[data-role="scope"]', 'A');
    await page.click('[data-action="derive"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.startsWith('Derived from'), null, { timeout: 10_000 });
  }

  it('given a county admin and the library, when they derive urban-case, add a step with their own form and deploy, then the library keeps the variant\'s tables and deploys it for the county', async () => {
    // given: the county's own form for its new step (city forms are outside a county admin's part of the tree)
    const county = await h.login('county-admin');
    expect((await h.call('post', '/api/forms', { cookie: county, body: { formKey: 'county-review', title: '县级复核表', unitId: 'B', definition: { components: [{ type: 'textfield', key: 'opinion', label: '复核意见', input: true }] } } })).status).toBe(201);
    expect((await h.call('post', '/api/forms/county-review/publish', { cookie: county })).status).toBe(201);

    const page = await openDesigner('', '', 'county-admin');
    await page.selectOption('[data-role="template"]', 'library:urban-case');
    await page.selectOption('[data-role="scope"]', 'B');
    await page.click('[data-action="derive"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.includes('流程库派生'), null, { timeout: 10_000 });
    const id = await insertTaskOnFlow(page, 'to_check_task', '县级复核');
    await makeUserTask(page);
    await page.selectOption('#bio-properties-panel-gongzhi-form', 'county-review');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-kind', 'role-at-case-unit');
    await page.selectOption('#bio-properties-panel-gongzhi-rule-role', 'dept_head');
    await page.fill('#bio-properties-panel-gongzhi-limit-amount', '1');
    await page.waitForFunction((taskId) => document.querySelector('[data-role="diff"]')?.textContent?.includes(`新增 县级复核（${taskId}）`), id, { timeout: 10_000 });

    await page.click('[data-action="deploy"]');
    await page.waitForFunction(() => document.querySelector('[data-role="status"]')?.textContent?.startsWith('已部署'), null, { timeout: 15_000 });
    expect(await statusText(page)).toBe('已部署：urban-case_B v1；时限表与派遣路由表已随流程库派生保存（1 个环节时限）');

    // then the county's variant, with the step, its limit first in the county's table, and the routing table kept
    const [variant] = await versionsOf('urban-case_B');
    expect(variant).toMatchObject({ version: 1, scopeUnitId: 'B' });
    const xml = await (await h.call('get', `/api/definitions/${variant!.key}/xml`, { cookie: county })).text();
    expect(new RegExp(`<bpmn:userTask id="${id}" name="县级复核">[\\s\\S]*?formKey="county-review"`).test(xml)).toBe(true);
    const limits = (await (await h.call('get', '/api/time-limits/urban-case_B?unitId=B', { cookie: county })).json()) as { scopeUnitId: string; table: { rules: { step: string; limit: unknown }[] } };
    expect(limits.scopeUnitId).toBe('B');
    expect(limits.table.rules[0]).toMatchObject({ step: id, category: '*', limit: { amount: 1, clock: 'workingDays' } });
    expect(await h.server.store.collection('routing_tables').findOne({ _id: 'urban-case_B@B' })).not.toBeNull();
    await page.close();
  }, 90_000);
});
