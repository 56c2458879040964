/**
 * The web app in Debian's Chromium against a real server (embedded engine, demo organisation and process library):
 * a clerk works an urban case in the task list and uses 退回 once; an auditor sees the path taken on the diagram and
 * a verified audit chain; a citizen reports through the QR page, gets a tracking number, and rates the closed case.
 * Screenshots go to test-artifacts/ (gitignored).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { availableStores } from '../support/stores.js';
import { startScenario, type Scenario } from '../processes/scenario-harness.js';
import { browserAvailable, launchChromium } from './designer-support/browser.js';

const run = browserAvailable('web app browser tests') ? describe : describe.skip;
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
type CaseView = { id: string; trackingNumber: string; processInstanceKey: string };

run('the web app in Chromium', () => {
  let s: Scenario;
  let browser: Browser;
  let n = 0;

  beforeAll(async () => {
    // the server serves designer/dist (what `npm run build` produces): build it from the current sources
    // (in a child process: Vite's native bundler does not load inside jest's VM modules)
    const root = fileURLToPath(new URL('../../', import.meta.url));
    execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', `${root}designer/vite.config.ts`, '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    const [sqlite] = await availableStores();
    s = await startScenario(await sqlite!.open());
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  }, 60_000);

  /** Browser-side errors and failed API calls go to the test output: a failing step says why. */
  const watch = (page: Page) => {
    page.on('pageerror', (e) => console.log(`[browser] ${e.message}`));
    page.on('response', (r) => { if (r.status() >= 400) console.log(`[browser] ${r.status()} ${r.request().method()} ${r.url()}`); });
  };

  /** Signs in through the app's own login form (the session cookie is set by the server, as for a real user). */
  const signIn = async (username: string, hash: string): Promise<Page> => {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${s.server.url}/${hash}`);
    const login = page.locator('form.login');
    await login.locator('input[name="username"]').fill(username);
    await login.locator('input[name="password"]').fill(s.seed.users.find((u) => u.username === username)!.password);
    await login.locator('button[type="submit"]').click();
    await page.waitForSelector('header.topbar');
    return page;
  };
  const report = async (title: string): Promise<CaseView> =>
    s.ok<CaseView>('grid.mingyue', 'post', '/api/intake/grid', {
      gridId: 'yg_dh_sc_my_g1', channelMessageId: `app-e2e-${++n}`, title, description: '网格员巡查发现',
      category: { kind: 'event', major: '市容环境', minor: '暴露垃圾' }, location: { address: '明月社区一网格' },
    });

  /** Opens a step's task in the task list as a user (from the inbox tab that holds it) and claims it when offered. */
  const openTask = async (page: Page, pik: string, elementId: string): Promise<string> => {
    const task = await s.task(pik, elementId);
    await page.goto(`${s.server.url}/#/tasks`);
    for (const tab of ['mine', 'groups', 'scope']) {
      await page.click(`button[data-tab="${tab}"]`);
      const row = page.locator(`tr[data-task-id="${task._id}"] a`);
      if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) {
        await row.click();
        break;
      }
    }
    await page.waitForSelector('button[data-op="complete"]');
    const claim = page.getByRole('button', { name: '认领', exact: true });
    if (await claim.count()) {
      await claim.click();
      await claim.waitFor({ state: 'detached' });
    }
    return task._id;
  };
  /** Fills the step's Form.io form (radio values by their value, text fields by typing) and completes the task. */
  const completeInUi = async (page: Page, pik: string, elementId: string, fields: Record<string, string>) => {
    await openTask(page, pik, elementId);
    for (const [key, value] of Object.entries(fields)) {
      const component = page.locator(`.task-form .formio-component-${key}`);
      await component.waitFor();
      const radio = component.locator(`input[type="radio"][value="${value}"]`);
      if (await radio.count()) await radio.check();
      else await component.locator('textarea, input').first().fill(value);
    }
    await page.click('button[data-op="complete"]');
    await page.waitForURL(/#\/tasks$/, { timeout: 15_000 }).catch(async (e: Error) => {
      throw new Error(`${elementId}: ${e.message}\n${await page.locator('main').innerText()}`);
    });
  };

  it('a county derives the city template; its clerks work a case through it in the task list, using 退回 once', async () => {
    // the county (东湖区) derives its own variant of the city's urban-case with a shorter handling limit
    const derived = await s.ok<{ bpmnProcessId: string; definition?: { scopeUnitId: string } }>('dh.admin', 'post', '/api/library/processes/urban-case/derive', {
      unitId: 'yg_dh', deploy: true,
      timeLimitRules: [{ step: 'handle', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 2, clock: 'workingDays' }, warnAt: 0.8 }],
    });
    expect(derived.definition?.scopeUnitId).toBe('yg_dh');
    const c = await report('路口暴露垃圾（界面测试）');
    const pik = c.processInstanceKey;
    expect((await s.ok<{ bpmnProcessId: string }>('yg.admin', 'get', `/api/instances/${pik}`)).bpmnProcessId).toBe(derived.bpmnProcessId);

    const supervisor = await signIn('dh.supervisor', '#/tasks');
    const intake = await signIn('dh.intake', '#/tasks');
    const dispatcher = await signIn('dh.dispatcher', '#/tasks');
    const department = await signIn('dh.cgj.head', '#/tasks');

    await completeInUi(supervisor, pik, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    // 退回: the intake clerk sends the case back to 核实 with a reason
    const fileTaskId = await openTask(intake, pik, 'file');
    await intake.click('button[data-op="task.return"]');
    const dialog = intake.locator('dialog.ask');
    await dialog.locator('select[name="elementId"]').selectOption('verify');
    await dialog.locator('textarea[name="reason"]').fill('核实照片不清晰，请补拍');
    await dialog.locator('button[type="submit"]').click();
    await intake.waitForURL(/#\/tasks$/);
    expect((await s.server.tasks.repo.tasks.findOne({ _id: fileTaskId }))?.state).toBe('returned');

    await completeInUi(supervisor, pik, 'verify', { verifyResult: 'true_report', verifyOpinion: '已补拍，属实' });
    await openTask(intake, pik, 'file');
    await intake.screenshot({ path: `${ARTIFACTS}tasklist.png`, fullPage: true });
    await completeInUi(intake, pik, 'file', { fileDecision: 'file', fileOpinion: '符合立案条件' });
    await completeInUi(dispatcher, pik, 'dispatch', { dispatchedDeptId: 'yg_dh_cgj', dispatchNote: '请区城管局处置' });
    await completeInUi(department, pik, 'handle', { handleResult: 'done', handleNote: '已清运' });
    await completeInUi(supervisor, pik, 'check', { checkResult: 'pass', checkNote: '现场已整洁' });
    expect(await s.ended(pik)).toBe('COMPLETED');

    const audit = await s.ok<{ items: { action: string }[] }>('yg.auditor', 'get', `/api/audit/entries?caseId=${encodeURIComponent(c.id)}&limit=500`);
    expect(audit.items.map((e) => e.action)).toEqual(expect.arrayContaining(['task.return', 'task.complete.job']));
    for (const page of [supervisor, intake, dispatcher, department]) await page.context().close();
  }, 240_000);

  it('an auditor sees the path taken and the current step on the diagram, and a verified audit chain', async () => {
    const c = await report('井盖松动（监控测试）');
    await s.complete('dh.supervisor', c.processInstanceKey, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.task(c.processInstanceKey, 'file');
    const page = await signIn('yg.auditor', `#/cases/${encodeURIComponent(c.id)}`);
    await page.waitForSelector('[data-testid="diagram"] .djs-element');
    await page.waitForSelector('.element-count[data-element="verify"]');
    expect(await page.locator('.element-count[data-element="verify"]').textContent()).toBe('1');
    expect(await page.locator('[data-element-id="verify"].taken').count()).toBe(1);
    expect(await page.locator('[data-element-id="file"].current').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}monitor.png`, fullPage: true });
    await page.goto(`${s.server.url}/#/audit/${encodeURIComponent(c.id)}`);
    await page.waitForSelector('.verdict-ok');
    expect(await page.locator('ol.audit li').count()).toBeGreaterThan(0);
    await page.context().close();
  }, 120_000);

  it('a citizen reports through the QR page, follows the case, and rates it once it is closed', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    watch(page);
    await page.goto(`${s.server.url}/#/citizen?unit=yg_dh_sc_my`);
    const form = page.locator('form[name="report"]');
    await form.locator('input[name="title"]').fill('小区门口路灯不亮');
    await form.locator('textarea[name="description"]').fill('晚上很黑，存在安全隐患');
    await form.locator('input[name="address"]').fill('明月社区东门');
    await form.locator('input[name="phone"]').fill('13800138000');
    await form.locator('button[type="submit"]').click();
    const tracking = (await page.locator('[data-tracking]').first().textContent())!.trim();
    expect(tracking).toMatch(/^GZ-\d{8}-\d{6}$/);
    await page.screenshot({ path: `${ARTIFACTS}citizen.png`, fullPage: true });

    // the case runs through the urban process to closure (the staff's side is covered above)
    const [c] = (await s.ok<{ items: CaseView[] }>('yg.admin', 'get', `/api/cases?trackingNumber=${tracking}`)).items;
    const pik = c!.processInstanceKey;
    await s.complete('dh.supervisor', pik, 'verify', { verifyResult: 'true_report', verifyOpinion: '属实' });
    await s.complete('dh.intake', pik, 'file', { fileDecision: 'file', fileOpinion: '立案' });
    await s.complete('dh.dispatcher', pik, 'dispatch', { dispatchedDeptId: 'yg_dh_cgj', dispatchNote: '请处置' });
    await s.complete('dh.cgj.head', pik, 'handle', { handleResult: 'done', handleNote: '已修复' });
    await s.complete('dh.supervisor', pik, 'check', { checkResult: 'pass', checkNote: '路灯已亮' });
    await s.ended(pik);

    const track = page.locator('form[name="track"]');
    await track.locator('input[name="trackingNumber"]').fill(tracking);
    await track.locator('input[name="phone"]').fill('13800138000');
    await track.locator('button[type="submit"]').click();
    const rate = page.locator('form[name="rate"]');
    await rate.waitFor();
    await rate.locator('select[name="score"]').selectOption('5');
    await rate.locator('input[name="comment"]').fill('处理及时');
    await rate.locator('button[type="submit"]').click();
    await page.getByText('感谢您的评价').waitFor();
    const closed = await s.ok<{ satisfaction?: { score: number } }>('yg.admin', 'get', `/api/cases/${encodeURIComponent(c!.id)}`);
    expect(closed.satisfaction?.score).toBe(5);
    await context.close();
  }, 180_000);
});
