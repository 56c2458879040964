import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { availableStores } from '../../support/stores.js';
import { PASSWORD, problem, startHarness, type Harness } from './harness.js';

const stores = await availableStores();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(stores.map((s) => [s.name, s] as const))('sessions, lockout and API tokens on %s', (_name, storeDef) => {
  let h: Harness;
  let adminCookie: string;

  beforeAll(async () => {
    h = await startHarness(await storeDef.open(), { lockoutMs: 1500, sessionIdleMs: 60_000 });
    await h.user('county_admin', 'A', 'admin');
    await h.user('clerk', 'A1', 'intake_clerk');
    adminCookie = await h.login('county_admin');
  });
  afterAll(async () => h?.close());

  it('given valid credentials, when logging in, then an http-only SameSite=Lax cookie with a fresh random id is set', async () => {
    const res = await h.call('post', '/api/session/login', { body: { username: 'clerk', password: PASSWORD } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^gz_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).not.toContain('Secure'); // plain HTTP here; Secure is added behind TLS
    const me = await h.call('get', '/api/session/me', { cookie: setCookie.split(';')[0] });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: 'user', username: 'clerk', assignments: [{ role: 'intake_clerk', unitId: 'A1' }] });
  });

  it('session fixation: a session id planted before login is never adopted', async () => {
    const planted = 'gz_session=attacker-chosen-value-0123456789abcdefghijklmnopq';
    const res = await h.call('post', '/api/session/login', { body: { username: 'clerk', password: PASSWORD }, cookie: planted });
    expect(res.status).toBe(200);
    const issued = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(issued).not.toBe(planted);
    expect((await h.call('get', '/api/session/me', { cookie: planted })).status).toBe(401);
    expect((await h.call('get', '/api/session/me', { cookie: issued })).status).toBe(200);
  });

  it('logout revokes the session server-side: the old cookie no longer works', async () => {
    const cookie = await h.login('clerk');
    const out = await h.call('post', '/api/session/logout', { cookie });
    expect(out.status).toBe(204);
    const after = await h.call('get', '/api/session/me', { cookie });
    expect(after.status).toBe(401);
    expect(await problem(after)).toMatchObject({ code: 'http.unauthenticated', contentType: expect.stringContaining('application/problem+json') });
  });

  it('lockout: after 5 failed logins even the right password is refused until the lock expires', async () => {
    await h.user('victim', 'A1', 'grid_worker');
    for (let i = 1; i <= 4; i++) {
      const res = await h.call('post', '/api/session/login', { body: { username: 'victim', password: 'wrong password ' + i } });
      expect(await problem(res)).toMatchObject({ status: 401, code: 'identity.invalid_credentials' });
    }
    const fifth = await h.call('post', '/api/session/login', { body: { username: 'victim', password: 'wrong again' } });
    expect(await problem(fifth)).toMatchObject({ status: 423, code: 'identity.account_locked' });
    const right = await h.call('post', '/api/session/login', { body: { username: 'victim', password: PASSWORD } });
    expect(right.status).toBe(423);
    await sleep(1600); // lockoutMs is 1500 in this suite
    expect((await h.call('post', '/api/session/login', { body: { username: 'victim', password: PASSWORD } })).status).toBe(200);
  });

  it('unknown users get the same answer as wrong passwords', async () => {
    const res = await h.call('post', '/api/session/login', { body: { username: 'nobody', password: 'whatever-password' } });
    expect(await problem(res)).toMatchObject({ status: 401, code: 'identity.invalid_credentials' });
  });

  describe('API tokens', () => {
    const future = () => new Date(Date.now() + 3600_000).toISOString();

    async function issue(expiresAt = future(), unitId = 'A1'): Promise<{ token: string; id: string }> {
      const res = await h.call('post', '/api/tokens', {
        cookie: adminCookie,
        body: { name: '12345 热线', unitId, scopes: [{ object: 'intake', action: 'create', unitId }], expiresAt },
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { token: string; record: { _id: string } };
      return { token: body.token, id: body.record._id };
    }

    it('a token authenticates with its scopes, and its secret is never listed', async () => {
      const { token, id } = await issue();
      expect(token).toMatch(/^gz_/);
      const me = await h.call('get', '/api/session/me', { token });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ kind: 'token', id, scopes: [{ object: 'intake', action: 'create', unitId: 'A1' }] });
      const list = await h.call('get', '/api/tokens', { cookie: adminCookie });
      const text = await list.text();
      expect(text).toContain(id);
      expect(text).not.toContain(token.split('.')[1]!);
      expect(text).not.toContain('secretHash');
    });

    it('a token reaches nothing outside its scope (403), and routes need the scope’s object and action', async () => {
      const { token } = await issue();
      const res = await h.call('get', '/api/org/units', { token });
      expect(await problem(res)).toMatchObject({ status: 403, code: 'http.forbidden' });
    });

    it('forged tokens are refused: a changed secret, an unknown id, garbage', async () => {
      const { token } = await issue();
      const [idPart, secret] = token.split('.') as [string, string];
      const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
      for (const forged of [`${idPart}.${flipped}`, `gz_unknownid123.${secret}`, 'gz_', 'not-a-token', `${token}x`]) {
        const res = await h.call('get', '/api/session/me', { token: forged });
        expect(await problem(res)).toMatchObject({ status: 401, code: 'http.unauthenticated' });
      }
    });

    it('a revoked token stops working at once', async () => {
      const { token, id } = await issue();
      expect((await h.call('get', '/api/session/me', { token })).status).toBe(200);
      expect((await h.call('delete', `/api/tokens/${id}`, { cookie: adminCookie })).status).toBe(200);
      expect((await h.call('get', '/api/session/me', { token })).status).toBe(401);
    });

    it('an expired token is refused', async () => {
      const { token } = await issue(new Date(Date.now() + 1200).toISOString());
      expect((await h.call('get', '/api/session/me', { token })).status).toBe(200);
      await sleep(1300);
      expect((await h.call('get', '/api/session/me', { token })).status).toBe(401);
    });

    it('a county admin cannot issue tokens for a sibling county', async () => {
      const res = await h.call('post', '/api/tokens', {
        cookie: adminCookie,
        body: { name: 'x', unitId: 'B', scopes: [{ object: 'intake', action: 'create', unitId: 'B' }], expiresAt: future() },
      });
      expect(await problem(res)).toMatchObject({ status: 403, code: 'http.forbidden' });
    });
  });
});

describe.each(stores.map((s) => [s.name, s] as const))('session expiry on %s', (_name, storeDef) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(await storeDef.open(), { sessionIdleMs: 1500, sessionTouchMs: 0, sessionAbsoluteMs: 4000 });
    await h.user('short', 'A1', 'grid_worker');
  });
  afterAll(async () => h?.close());

  it('a session ends after the idle time without requests', async () => {
    const cookie = await h.login('short');
    expect((await h.call('get', '/api/session/me', { cookie })).status).toBe(200);
    await sleep(1700);
    expect((await h.call('get', '/api/session/me', { cookie })).status).toBe(401);
  });

  it('activity keeps a session alive until its absolute end', async () => {
    const cookie = await h.login('short');
    for (let i = 0; i < 4; i++) {
      await sleep(700);
      expect((await h.call('get', '/api/session/me', { cookie })).status).toBe(200);
    }
    await sleep(1300); // at least 4.1 s after login: past the absolute end (4 s), though never idle for 1.5 s
    expect((await h.call('get', '/api/session/me', { cookie })).status).toBe(401);
  });
});

describe('session cookie behind a TLS-terminating proxy', () => {
  it('is marked Secure when the proxy says the request came over https', async () => {
    const h = await startHarness(await stores[0]!.open(), {}, { trustProxy: true });
    try {
      await h.user('tls_user', 'A1', 'grid_worker');
      const res = await h.call('post', '/api/session/login', { body: { username: 'tls_user', password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      await h.close();
    }
  });
});
