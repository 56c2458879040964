import { get, isMissing, post, qs } from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { ViewContext } from '../shell/registry.js';
import { renderCaseDetail } from '../tasks/case-detail.js';
import { formatTime } from '../time.js';
import { renderDiagram } from './diagram.js';

type CaseRow = { id: string; trackingNumber: string; title: string; status: string; slaState?: string; channel: string; createdAt: string; unitId: string };
type Incident = { incidentKey: string; processInstanceKey: string; elementId: string; errorType: string; errorMessage: string };

/** Case monitor: filtered, paged list of the caller's subtree's cases (the server scopes and masks phones). */
export async function renderCases(el: HTMLElement, ctx: ViewContext): Promise<void> {
  const status = h('select', { name: 'status' }, h('option', { value: '' }, t('case.status')),
    ['received', 'filed', 'dispatched', 'handling', 'checking', 'closed', 'deferred', 'rejected', 'cancelled'].map((s) => h('option', { value: s }, s)));
  const sla = h('select', { name: 'slaState' }, h('option', { value: '' }, t('tasks.sla')), ['normal', 'warning', 'overdue', 'supervised'].map((s) => h('option', { value: s }, s)));
  const tracking = h('input', { name: 'trackingNumber', placeholder: t('case.tracking') });
  const body = h('tbody');
  const more = h('button', { class: 'link' }, t('more'));
  let cursor: string | null = null;
  const load = async (reset: boolean) => {
    if (reset) { clear(body); cursor = null; }
    const page = await get<{ items: CaseRow[]; nextCursor: string | null }>(
      `/api/cases${qs({ status: status.value, slaState: sla.value, trackingNumber: tracking.value.trim(), cursor, limit: 50 })}`,
    );
    for (const c of page.items) {
      body.append(h('tr', { 'data-case': c.id, class: `sla-${c.slaState ?? 'normal'}` },
        h('td', {}, h('a', { href: `#/cases/${encodeURIComponent(c.id)}` }, c.trackingNumber)),
        h('td', {}, c.title), h('td', {}, c.status), h('td', {}, c.slaState ?? ''), h('td', {}, c.channel), h('td', {}, formatTime(c.createdAt))));
    }
    if (!body.firstChild) body.append(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, t('empty'))));
    cursor = page.nextCursor;
    more.hidden = !cursor;
  };
  more.addEventListener('click', () => void load(false));
  el.append(
    h('h2', {}, t('nav.cases')),
    h('form', { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); void load(true); } }, status, sla, tracking, h('button', { type: 'submit' }, t('search'))),
    h('table', { class: 'list' }, h('thead', {}, h('tr', {}, [t('case.tracking'), t('tasks.col.case'), t('case.status'), t('tasks.sla'), 'channel', t('tasks.col.created')].map((c) => h('th', {}, c)))), body),
    more,
  );
  void ctx;
  await load(true);
}

/** One case: facts and history, the diagram with the path taken, and the instance's incidents with retry. */
export async function renderCase(el: HTMLElement, ctx: ViewContext): Promise<() => void> {
  const caseId = ctx.params[0]!;
  const detail = h('section', { class: 'case-detail' });
  const diagram = h('section', { class: 'diagram-box' }, h('h3', {}, t('monitor.diagram')));
  const incidents = h('section', { class: 'incidents' }, h('h3', {}, t('monitor.incidents')));
  el.append(h('a', { href: '#/cases' }, t('task.back')), detail, diagram, incidents,
    h('p', {}, h('a', { href: `#/audit/${encodeURIComponent(caseId)}` }, t('audit.timeline'))));
  const c = await renderCaseDetail(detail, caseId);
  let destroy = () => {};
  if (c.processInstanceKey) {
    try {
      const instance = await get<{ processDefinitionKey: string }>(`/api/instances/${encodeURIComponent(c.processInstanceKey)}`);
      destroy = await renderDiagram(diagram, instance.processDefinitionKey, c.processInstanceKey);
    } catch (e) {
      diagram.append(h('p', { class: 'muted' }, isMissing(e) ? t('unavailable') : String(e instanceof Error ? e.message : e)));
    }
    await renderIncidents(incidents, c.processInstanceKey);
  }
  return () => destroy();
}

async function renderIncidents(el: HTMLElement, instanceKey: string): Promise<void> {
  const list = h('ul');
  el.append(list);
  const load = async () => {
    clear(list);
    const items = (await get<{ incidents: Incident[] }>(`/api/instances/${encodeURIComponent(instanceKey)}`).catch(() => ({ incidents: [] as Incident[] }))).incidents;
    if (!items.length) list.append(h('li', { class: 'muted' }, t('empty')));
    for (const i of items) {
      list.append(h('li', { class: 'incident' }, `${i.elementId} · ${i.errorType}: ${i.errorMessage} `,
        h('button', { onclick: () => void post(`/api/incidents/${encodeURIComponent(i.incidentKey)}/resolve`, { retries: 1 }).then(load) }, t('monitor.retry'))));
    }
  };
  await load();
}
