/**
 * Cases and multi-channel intake through the HTTP API on the embedded engine, on every available store:
 * grid routing by point-in-polygon, idempotent system delivery, token authentication and scopes, milestones
 * from the `gongzhi-case` worker, attachments, citizen tracking and satisfaction with reopening.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { availableStores } from '../../support/stores.js';
import { systemContext } from '../../../server/identity/context.js';
import { startHarness, type Harness } from '../security/harness.js';
import { caseProcessXml } from './case-bpmn.js';

const stores = await availableStores();
const ctx = systemContext('test');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const square = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF fake photo body')]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const category = { kind: 'component', major: '市容环境', minor: '垃圾' };
type CaseView = { id: string; relatedCaseIds: string[]; trackingNumber: string; unitId: string; gridId?: string; areaUnitId?: string; status: string; warnings: string[]; reporter: { phone?: string }; attachments: string[]; reworkCount: number; reopenCount: number; filedAt?: string; closedAt?: string; processInstanceKey: string | null; channel: string };

describe.each(stores.map((s) => [s.name, s] as const))('cases and intake on %s', (_name, storeDef) => {
  let h: Harness;
  const cookies: Record<string, string> = {};
  let videoToken = '';

  const json = async <T>(res: Response) => (await res.json()) as T;
  const getCase = async (id: string, cookie = cookies.dispatcher) => json<CaseView & { audit: { action: string }[]; engineHistory: unknown[] }>(await h.call('get', `/api/cases/${id}`, { cookie }));
  const waitFor = async (id: string, ok: (c: CaseView) => boolean): Promise<CaseView> => {
    for (let i = 0; i < 100; i++) {
      const c = await getCase(id);
      if (ok(c)) return c;
      await sleep(100);
    }
    throw new Error(`case ${id} never reached the expected state: ${JSON.stringify(await getCase(id))}`);
  };
  /** The department finishes its step, as its system would, through the engine port. */
  const finishWork = async (caseId: string) => {
    const engine = h.server.engine.engine;
    for (let i = 0; i < 50; i++) {
      const jobs = await engine.activateJobs({ type: 'test-work', worker: 'dept', maxJobsToActivate: 10, timeout: 10_000 });
      const mine = jobs.filter((j) => j.variables.caseId === caseId);
      for (const j of jobs) await (mine.includes(j) ? engine.completeJob(j.key, {}) : engine.failJob({ jobKey: j.key, retries: j.retries, retryBackOff: 0 }));
      if (mine.length) return;
      await sleep(100);
    }
    throw new Error('no work job');
  };

  beforeAll(async () => {
    // a small attachment limit keeps the oversized-upload probe cheap
    h = await startHarness(await storeDef.open(), {}, { attachmentMaxBytes: 64 * 1024 });
    const org = h.server.security.org;
    // grid g1: a square with a hole; grid g2: two squares, one of them filling g1's hole
    await org.create({ id: 'g1', name: '一网格', kind: 'grid', parentId: 'A1', boundary: { type: 'Polygon', coordinates: [square(116.0, 39.0, 116.1, 39.1), square(116.04, 39.04, 116.06, 39.06)] } }, ctx);
    await org.create({ id: 'g2', name: '二网格', kind: 'grid', parentId: 'A1', boundary: { type: 'MultiPolygon', coordinates: [[square(116.2, 39.2, 116.3, 39.3)], [square(116.045, 39.045, 116.055, 39.055)]] } }, ctx);
    for (const [name, unit, role] of [['admin', 'A', 'admin'], ['dispatcher', 'A', 'dispatcher'], ['grid', 'A1', 'grid_worker'], ['clerk', 'A', 'intake_clerk'], ['other', 'B', 'dispatcher']] as const) {
      await h.user(`u_${name}`, unit, role);
      cookies[name] = await h.login(`u_${name}`);
    }
    const deploy = await h.call('post', '/api/definitions', { cookie: cookies.admin, body: { name: 'case-test.bpmn', xml: caseProcessXml(), scopeUnitId: 'A' } });
    expect(deploy.status).toBe(201);
    for (const channel of ['grid', 'hotline', 'video', 'police110', 'citizen']) {
      const bound = await h.call('put', '/api/intake/bindings', { cookie: cookies.admin, body: { unitId: 'A', channel, bpmnProcessId: 'case-test', defaultUnitId: 'A1' } });
      expect(bound.status).toBe(200);
    }
    const issued = await h.server.security.tokens.issue({ name: 'video', unitId: 'A', scopes: [{ object: 'intake', action: 'video', unitId: 'A' }], expiresAt: new Date(Date.now() + 3600_000).toISOString() }, ctx);
    videoToken = issued.token;
  }, 120_000);
  afterAll(async () => h?.close());

  it('given a grid worker on patrol, when reporting inside grid g1, then the case belongs to g1 (township A1) and the process files and dispatches it', async () => {
    const res = await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title: '垃圾满溢', location: { address: '甲街道1号', lng: 116.01, lat: 39.01 }, reporter: { name: '王', phone: '13812345678' } } });
    expect(res.status).toBe(201);
    const c = await json<CaseView>(res);
    expect(c).toMatchObject({ unitId: 'g1', gridId: 'g1', areaUnitId: 'A1', channel: 'grid', warnings: [] });
    expect(c.trackingNumber).toMatch(/^GZ-\d{8}-\d{6}$/);
    expect(c.processInstanceKey).toEqual(expect.any(String));
    const dispatched = await waitFor(c.id, (x) => x.status === 'dispatched');
    expect(dispatched.filedAt).toEqual(expect.any(String));
    const detail = await getCase(c.id);
    expect(detail.audit.map((a) => a.action)).toContain('case.create');
    expect(detail.engineHistory.length).toBeGreaterThan(0);
  });

  it('routes a point in g1’s hole to g2 (MultiPolygon), and a point in no grid to the dispatcher queue with a warning', async () => {
    const inHole = await json<CaseView>(await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title: '井盖缺失', location: { lng: 116.05, lat: 39.05 } } }));
    expect(inHole).toMatchObject({ unitId: 'g2', gridId: 'g2' });
    const secondRing = await json<CaseView>(await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title: '路灯不亮', location: { lng: 116.25, lat: 39.25 } } }));
    expect(secondRing.unitId).toBe('g2');
    const nowhere = await h.call('post', '/api/intake/hotline', { cookie: cookies.clerk, body: { unitId: 'A', category, title: '噪音扰民', location: { lng: 117.5, lat: 40.5 }, reporter: { phone: '13900001111' } } });
    expect(nowhere.status).toBe(201);
    const n = await json<CaseView>(nowhere);
    expect(n.unitId).toBe('A1');
    expect(n.gridId).toBeUndefined();
    expect(n.warnings[0]).toContain('no grid');
  });

  it('when the bound process cannot start, the case is kept with startError and starts on retry once the process exists', async () => {
    expect((await h.call('put', '/api/intake/bindings', { cookie: cookies.admin, body: { unitId: 'A1_d', channel: 'hotline', bpmnProcessId: 'late-process' } })).status).toBe(200);
    const res = await h.call('post', '/api/intake/hotline', { cookie: cookies.clerk, body: { unitId: 'A1_d', category, title: '广告乱贴', reporter: { phone: '13911112222' } } });
    expect(res.status).toBe(201);
    const c = await json<CaseView & { startError?: string }>(res);
    expect(c).toMatchObject({ unitId: 'A1_d', status: 'received', processInstanceKey: null, startError: expect.stringContaining('late-process') });
    expect((await h.call('post', `/api/cases/${c.id}/start`, { cookie: cookies.grid })).status).toBe(403);
    const deploy = await h.call('post', '/api/definitions', { cookie: cookies.admin, body: { name: 'late.bpmn', xml: caseProcessXml('late-process'), scopeUnitId: 'A' } });
    expect(deploy.status).toBe(201);
    const retried = await h.call('post', `/api/cases/${c.id}/start`, { cookie: cookies.dispatcher });
    expect(retried.status).toBe(200);
    const started = await json<CaseView & { startError?: string }>(retried);
    expect(started.processInstanceKey).toEqual(expect.any(String));
    expect(started.startError).toBeUndefined();
    await waitFor(c.id, (x) => x.status === 'dispatched');
    expect((await h.call('post', `/api/cases/${c.id}/start`, { cookie: cookies.dispatcher })).status).toBe(409);
  });

  it('a hotline entry without the caller’s phone is refused with 400, one by a grid worker with 403, creating nothing', async () => {
    const before = await json<{ items: unknown[] }>(await h.call('get', '/api/cases?channel=hotline', { cookie: cookies.dispatcher }));
    const res = await h.call('post', '/api/intake/hotline', { cookie: cookies.clerk, body: { category, title: '噪音' } });
    expect(res.status).toBe(400);
    // taking calls is the clerk's job, not the grid worker's
    expect((await h.call('post', '/api/intake/hotline', { cookie: cookies.grid, body: { category, title: '噪音', reporter: { phone: '13900001111' } } })).status).toBe(403);
    const after = await json<{ items: unknown[] }>(await h.call('get', '/api/cases?channel=hotline', { cookie: cookies.dispatcher }));
    expect(after.items.length).toBe(before.items.length);
  });

  it('the same video detection delivered twice, and five times at once, creates one case each (201, then 200 with the same case)', async () => {
    const body = (id: string) => ({ channelMessageId: id, cameraId: 'cam-7', category, title: '占道经营', detection: { label: '占道经营', confidence: 0.93 }, location: { lng: 116.02, lat: 39.02 }, snapshot: { base64: JPEG.toString('base64') } });
    const first = await h.call('post', '/api/intake/video', { token: videoToken, body: body('evt-1') });
    expect(first.status).toBe(201);
    const again = await h.call('post', '/api/intake/video', { token: videoToken, body: body('evt-1') });
    expect(again.status).toBe(200);
    const a = await json<CaseView>(first);
    expect((await json<CaseView>(again)).id).toBe(a.id);
    expect(a.attachments).toHaveLength(1);
    const burst = await Promise.all(Array.from({ length: 5 }, () => h.call('post', '/api/intake/video', { token: videoToken, body: body('evt-2') })));
    const ids = new Set(await Promise.all(burst.map(async (r) => (await json<CaseView>(r)).id)));
    expect(burst.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(ids.size).toBe(1);
    const list = await json<{ items: CaseView[] }>(await h.call('get', '/api/cases?channel=video', { cookie: cookies.dispatcher }));
    expect(list.items).toHaveLength(2);
    // the snapshot is downloadable by case scope, byte for byte
    const file = await h.call('get', `/api/attachments/${a.attachments[0]}`, { cookie: cookies.dispatcher });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(JPEG)).toBe(true);
    expect((await h.call('get', `/api/attachments/${a.attachments[0]}`, { cookie: cookies.other })).status).toBe(404);
  });

  it('a forged or expired token answers 401, a token without the channel’s scope 403', async () => {
    const body = { channelMessageId: 'evt-x', cameraId: 'c', category, title: 't', detection: { label: 'x', confidence: 0.5 } };
    const forged = videoToken.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A'));
    expect((await h.call('post', '/api/intake/video', { token: forged, body })).status).toBe(401);
    const tokens = h.server.security.tokens;
    const short = await tokens.issue({ name: 'short', unitId: 'A', scopes: [{ object: 'intake', action: 'video', unitId: 'A' }], expiresAt: new Date(Date.now() + 1200).toISOString() }, ctx);
    await sleep(1500);
    expect((await h.call('post', '/api/intake/video', { token: short.token, body })).status).toBe(401);
    const police = await tokens.issue({ name: '110', unitId: 'A', scopes: [{ object: 'intake', action: 'police110', unitId: 'A' }], expiresAt: new Date(Date.now() + 3600_000).toISOString() }, ctx);
    expect((await h.call('post', '/api/intake/video', { token: police.token, body })).status).toBe(403);
    const atB = await tokens.issue({ name: 'b', unitId: 'B', scopes: [{ object: 'intake', action: 'police110', unitId: 'B' }], expiresAt: new Date(Date.now() + 3600_000).toISOString() }, ctx);
    expect((await h.call('post', '/api/intake/police110', { token: atB.token, body: { channelMessageId: 'p-1', incidentNumber: 'JJ1', unitId: 'A', category, title: '纠纷' } })).status).toBe(403);
    const ok = await h.call('post', '/api/intake/police110', { token: police.token, body: { channelMessageId: 'p-1', incidentNumber: 'JJ1', category, title: '纠纷' } });
    expect(ok.status).toBe(201);
  });

  it('uploads: an oversized file is refused with 413 and a renamed executable with 415, storing nothing', async () => {
    const c = await json<CaseView>(await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title: '附件测试', location: { lng: 116.01, lat: 39.02 } } }));
    const upload = (bytes: Buffer, filename: string) => fetch(`${h.url}/api/cases/${c.id}/attachments?filename=${encodeURIComponent(filename)}`, { method: 'POST', headers: { cookie: cookies.grid!, 'content-type': 'image/jpeg' }, body: bytes });
    const big = await upload(Buffer.alloc(h.server.cases.attachments.maxBytes + 1, 0xff), 'big.jpg');
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'attachment.too_large' });
    const exe = await upload(EXE, 'photo.jpg');
    expect(exe.status).toBe(415);
    expect(await h.server.cases.attachments.countFor(c.id)).toBe(0);
    expect((await getCase(c.id)).attachments).toEqual([]);
    const ok = await upload(JPEG, 'photo.jpg');
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ mime: 'image/jpeg', size: JPEG.length });
    const listed = await json<{ items: { filename: string; sha256: string }[] }>(await h.call('get', `/api/cases/${c.id}/attachments`, { cookie: cookies.dispatcher }));
    expect(listed.items).toEqual([expect.objectContaining({ filename: 'photo.jpg', sha256: createHash('sha256').update(JPEG).digest('hex') })]);
    expect((await h.call('get', `/api/cases/${c.id}/attachments`, { cookie: cookies.other })).status).toBe(404);
  });

  it('lists only the caller’s subtree, with reporter phones masked', async () => {
    const mine = await json<{ items: CaseView[] }>(await h.call('get', '/api/cases?limit=100', { cookie: cookies.dispatcher }));
    expect(mine.items.length).toBeGreaterThan(3);
    expect(mine.items.find((c) => c.reporter.phone)?.reporter.phone).toMatch(/^\d{3}\*+\d{4}$/);
    const theirs = await json<{ items: CaseView[] }>(await h.call('get', '/api/cases', { cookie: cookies.other }));
    expect(theirs.items).toEqual([]);
    expect((await h.call('get', `/api/cases/${mine.items[0]!.id}`, { cookie: cookies.other })).status).toBe(404);
    const paged = await json<{ items: CaseView[]; nextCursor: string | null }>(await h.call('get', '/api/cases?limit=2', { cookie: cookies.dispatcher }));
    const next = await json<{ items: CaseView[] }>(await h.call('get', `/api/cases?limit=2&cursor=${encodeURIComponent(paged.nextCursor!)}`, { cookie: cookies.dispatcher }));
    expect(next.items.map((c) => c.id)).not.toContain(paged.items[0]!.id);
  });

  it('a citizen reports, tracks with the phone, rates once closed; dissatisfaction reopens handling; a second rating is 409', async () => {
    const res = await h.call('post', '/api/public/reports', { body: { unitId: 'A1', title: '路面坑洼', description: '很深', location: { lng: 116.03, lat: 39.03 }, reporter: { phone: '13700009999' } } });
    expect(res.status).toBe(201);
    const { trackingNumber } = await json<{ trackingNumber: string }>(res);
    const wrong = await h.call('get', `/api/public/cases/${trackingNumber}?phone=0000`);
    const unknown = await h.call('get', `/api/public/cases/GZ-20000101-000001?phone=9999`);
    expect([wrong.status, unknown.status]).toEqual([404, 404]);
    const [w, u] = [await json<{ detail: string; code: string }>(wrong), await json<{ detail: string; code: string }>(unknown)];
    expect([w.code, w.detail]).toEqual([u.code, u.detail]);
    const view = await json<Record<string, unknown>>(await h.call('get', `/api/public/cases/${trackingNumber}?phone=9999`));
    expect(view).toMatchObject({ trackingNumber, canRate: false });
    expect(Object.keys(view)).not.toEqual(expect.arrayContaining(['unitId']));
    const early = await h.call('post', `/api/public/cases/${trackingNumber}/satisfaction`, { body: { phone: '13700009999', score: 5 } });
    expect(early.status).toBe(409);

    const found = await json<{ items: CaseView[] }>(await h.call('get', `/api/cases?trackingNumber=${trackingNumber}`, { cookie: cookies.dispatcher }));
    expect(found.items).toHaveLength(1);
    const id = found.items[0]!.id;
    await waitFor(id, (c) => c.status === 'dispatched');
    await finishWork(id);
    const closed = await waitFor(id, (c) => c.status === 'closed');
    expect(closed.closedAt).toEqual(expect.any(String));
    const unhappy = await h.call('post', `/api/public/cases/${trackingNumber}/satisfaction`, { body: { phone: '9999', score: 1, comment: '没修好' } });
    expect(unhappy.status).toBe(200);
    expect(await unhappy.json()).toMatchObject({ reopened: true, status: 'handling' });
    // the process took the message: reopened → rework → the department works it again
    const reworked = await waitFor(id, (c) => c.reworkCount === 1);
    expect(reworked.reopenCount).toBe(1);
    await finishWork(id);
    await waitFor(id, (c) => c.status === 'closed' && c.reworkCount === 1);
    const happy = await h.call('post', `/api/public/cases/${trackingNumber}/satisfaction`, { body: { phone: '13700009999', score: 5 } });
    expect(happy.status).toBe(200);
    expect(await happy.json()).toMatchObject({ reopened: false, satisfaction: { score: 5, satisfied: true } });
    const twice = await h.call('post', `/api/public/cases/${trackingNumber}/satisfaction`, { body: { phone: '13700009999', score: 4 } });
    expect(twice.status).toBe(409);
    const timeline = (await json<{ timeline: { status: string }[] }>(await h.call('get', `/api/public/cases/${trackingNumber}?phone=9999`))).timeline.map((t) => t.status);
    expect(timeline).toEqual(['received', 'filed', 'dispatched', 'closed', 'reopened', 'handling', 'handling', 'closed']);
  }, 30_000);

  it('citizen photos: images only, at most three per report', async () => {
    const { trackingNumber } = await json<{ trackingNumber: string }>(await h.call('post', '/api/public/reports', { body: { unitId: 'A1', title: '树木倒伏', reporter: { phone: '13600001234' } } }));
    const photo = (bytes: Buffer) => fetch(`${h.url}/api/public/reports/${trackingNumber}/photos?phone=1234&filename=p.jpg`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect((await photo(Buffer.from('%PDF-1.7 not a photo'))).status).toBe(415);
    for (let i = 0; i < 3; i++) expect((await photo(JPEG)).status).toBe(201);
    expect((await photo(JPEG)).status).toBe(409);
  });

  it('citizen reports are rate-limited per phone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await h.call('post', '/api/public/reports', { body: { unitId: 'A1', title: `重复 ${i}`, reporter: { phone: '13500000000' } } })).status);
    }
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('a bound intake_to_variables mapping adds variables from the payload; the case’s own variables cannot be overridden', async () => {
    const source = '{ "incident": payload.incidentNumber, "caseId": "hijacked", "reportedTitle": case.title }';
    expect((await h.call('put', '/api/mappings/police-intake', { cookie: cookies.admin, body: { kind: 'intake_to_variables', title: '110 映射', source, unitId: 'A' } })).status).toBeLessThan(300);
    const wrongKind = await h.call('put', '/api/intake/bindings', { cookie: cookies.admin, body: { unitId: 'A', channel: 'police110', bpmnProcessId: 'case-test', mappingId: 'no-such-mapping' } });
    expect(wrongKind.status).toBe(422);
    expect((await h.call('put', '/api/intake/bindings', { cookie: cookies.admin, body: { unitId: 'A', channel: 'police110', bpmnProcessId: 'case-test', mappingId: 'police-intake' } })).status).toBe(200);
    const police = await h.server.security.tokens.issue({ name: '110b', unitId: 'A', scopes: [{ object: 'intake', action: 'police110', unitId: 'A' }], expiresAt: new Date(Date.now() + 3600_000).toISOString() }, ctx);
    const c = await json<CaseView>(await h.call('post', '/api/intake/police110', { token: police.token, body: { channelMessageId: 'p-map', incidentNumber: 'JJ2026', category, title: '邻里纠纷' } }));
    await waitFor(c.id, (x) => x.status === 'dispatched');
    const engine = h.server.engine.engine;
    let vars: Record<string, unknown> | undefined;
    for (let i = 0; i < 50 && !vars; i++) {
      const jobs = await engine.activateJobs({ type: 'test-work', worker: 'dept', maxJobsToActivate: 20, timeout: 10_000 });
      for (const j of jobs) {
        if (j.variables.trackingNumber === c.trackingNumber) vars = j.variables;
        await engine.failJob({ jobKey: j.key, retries: j.retries, retryBackOff: 0 });
      }
      if (!vars) await sleep(100);
    }
    expect(vars).toMatchObject({ incident: 'JJ2026', reportedTitle: '邻里纠纷', caseId: c.id, category: 'component/市容环境/垃圾', unitId: c.unitId });
  });

  it('relates two cases both ways (case:update in the scope of both)', async () => {
    const [a, b] = await Promise.all(['关联一', '关联二'].map(async (title) => json<CaseView>(await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title } }))));
    expect((await h.call('post', `/api/cases/${a!.id}/related`, { cookie: cookies.grid, body: { relatedCaseId: b!.id } })).status).toBe(403);
    const linked = await h.call('post', `/api/cases/${a!.id}/related`, { cookie: cookies.dispatcher, body: { relatedCaseId: b!.id } });
    expect(linked.status).toBe(200);
    expect(await linked.json()).toMatchObject({ relatedCaseIds: [b!.id] });
    expect((await getCase(b!.id)).relatedCaseIds).toEqual([a!.id]);
  });

  it('cancelling the process instance cancels the open case', async () => {
    const c = await json<CaseView>(await h.call('post', '/api/intake/grid', { cookie: cookies.grid, body: { category, title: '撤销测试' } }));
    await waitFor(c.id, (x) => x.status === 'dispatched');
    const cancel = await h.call('post', `/api/instances/${c.processInstanceKey}/cancel`, { cookie: cookies.admin });
    expect(cancel.status).toBeLessThan(300);
    await waitFor(c.id, (x) => x.status === 'cancelled');
  });
});
