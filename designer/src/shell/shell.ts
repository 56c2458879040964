import { ApiProblem, get, post, whenUnauthenticated } from '../api.js';
import { clear, h } from '../dom.js';
import { locale, setLocale, t } from '../i18n/index.js';
import { setTimeZone } from '../time.js';
import { renderLogin } from './login.js';
import { allViews, match, type Me } from './registry.js';

type MeAnswer = { id: string; username: string; displayName: string; unitId: string; assignments?: { role: string; unitId: string }[] };

async function whoAmI(): Promise<Me | undefined> {
  try {
    const me = await get<MeAnswer>('/api/session/me');
    return { id: me.id, username: me.username, displayName: me.displayName, unitId: me.unitId, roles: [...new Set((me.assignments ?? []).map((a) => a.role))] };
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) return undefined;
    throw e;
  }
}

async function loadTimeZone(unitId: string): Promise<void> {
  try {
    const cal = await get<{ timeZone?: string; calendar?: { timeZone?: string } }>(`/api/calendars/${encodeURIComponent(unitId)}`);
    const zone = cal.timeZone ?? cal.calendar?.timeZone;
    if (zone) setTimeZone(zone);
  } catch {
    // no calendar readable for this user: keep the national default (Asia/Shanghai)
  }
}

/** Starts the app: public views without a session, everything else after sign-in; hash routing. */
export async function startShell(root: HTMLElement): Promise<void> {
  document.documentElement.lang = locale();
  document.title = t('app.title');
  let me: Me | undefined;
  let leave: (() => void) | void;
  const main = h('main', { class: 'view' });

  const render = async () => {
    if (typeof leave === 'function') leave();
    leave = undefined;
    const found = match(location.hash);
    if (found?.view.public) {
      clear(root);
      root.append(main);
      clear(main);
      main.className = 'view public';
      leave = await found.view.render(main, { me: me ?? { id: '', username: '', displayName: '', unitId: '', roles: [] }, params: found.params, navigate });
      return;
    }
    me ??= await whoAmI();
    if (!me) {
      await renderLogin(root);
      me = await whoAmI();
      if (!me) return;
    }
    if (me) await loadTimeZone(me.unitId);
    const visible = allViews().filter((v) => !v.public && (!v.roles || v.roles.some((r) => me!.roles.includes(r))));
    const target = found && !found.view.public ? found : { view: visible[0]!, params: [] };
    clear(root);
    root.append(header(me, visible.map((v) => ({ path: v.path, title: t(v.title), active: v === target.view }))), main);
    clear(main);
    main.className = `view view-${target.view.path.replace(/\W/g, '')}`;
    try {
      leave = await target.view.render(main, { me, params: target.params, navigate });
    } catch (e) {
      main.append(h('p', { class: 'error', role: 'alert' }, e instanceof Error ? e.message : String(e)));
    }
  };
  const navigate = (hash: string) => {
    if (location.hash === hash) void render();
    else location.hash = hash;
  };
  const header = (who: Me, nav: { path: string; title: string; active: boolean }[]) =>
    h('header', { class: 'topbar' },
      h('strong', { class: 'brand' }, '共治'),
      h('nav', {}, nav.map((n) => h('a', { href: `#${n.path}`, class: n.active ? 'active' : null }, n.title))),
      h('span', { class: 'who' }, who.displayName || who.username),
      h('button', { class: 'link', onclick: () => { setLocale(locale() === 'en' ? 'zh-CN' : 'en'); void render(); } }, t('app.lang')),
      h('button', { class: 'link', onclick: () => void post('/api/session/logout').finally(() => { me = undefined; void render(); }) }, t('logout')),
    );
  whenUnauthenticated(() => {
    me = undefined;
  });
  window.addEventListener('hashchange', () => void render());
  await render();
}
