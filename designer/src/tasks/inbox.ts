import { get, qs } from '../api.js';
import { clear, h } from '../dom.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { ViewContext } from '../shell/registry.js';
import { formatTime } from '../time.js';
import type { Page, Task } from './types.js';

const TABS = ['mine', 'groups', 'scope', 'cc'] as const;
type Tab = (typeof TABS)[number];

/** A badge with the SLA colour (green/amber/red) of a task. */
export function slaBadge(sla: string | null | undefined): HTMLElement {
  const s = sla ?? 'ok';
  return h('span', { class: `sla sla-${s}` }, t(`tasks.sla.${s === 'warning' || s === 'breached' ? s : 'ok'}` as MessageKey));
}

async function count(view: Tab): Promise<string> {
  // counting by paging at the API's maximum page: exact up to 200, "200+" beyond (no count endpoint yet)
  const page = await get<Page<Task>>(`/api/tasks${qs({ view, limit: 200 })}`);
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
}

/** The inbox: four tabs with counts, filters, SLA colours, cursor paging. */
export async function renderInbox(el: HTMLElement, ctx: ViewContext): Promise<void> {
  let tab: Tab = (ctx.params[0] as Tab | undefined) && TABS.includes(ctx.params[0] as Tab) ? (ctx.params[0] as Tab) : 'mine';
  const tabBar = h('div', { class: 'tabs', role: 'tablist' });
  const field = (name: string, label: MessageKey, attrs: Record<string, string> = {}) => h('label', {}, t(label), h('input', { name, ...attrs }));
  const sla = h('select', { name: 'sla' }, h('option', { value: '' }, '—'), ['ok', 'warning', 'breached'].map((s) => h('option', { value: s }, t(`tasks.sla.${s}` as MessageKey))));
  const filters = h('form', { class: 'filters' },
    field('text', 'tasks.text', { type: 'search' }), field('bpmnProcessId', 'tasks.process'), field('elementId', 'tasks.step'),
    field('category', 'tasks.category'), h('label', {}, t('tasks.sla'), sla),
    field('createdFrom', 'tasks.from', { type: 'date' }), field('createdTo', 'tasks.to', { type: 'date' }),
    h('button', { type: 'submit' }, t('search')));
  const body = h('tbody');
  const more = h('button', { class: 'more', hidden: true }, t('more'));
  const status = h('p', { class: 'status' });
  let cursor: string | null = null;

  const query = () => {
    const f = new FormData(filters);
    const val = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    const day = (k: string, end: boolean) => { const v = val(k); return v ? `${v}T${end ? '23:59:59' : '00:00:00'}+08:00` : undefined; };
    return { view: tab, text: val('text'), bpmnProcessId: val('bpmnProcessId'), elementId: val('elementId'), category: val('category'), sla: val('sla'), createdFrom: day('createdFrom', false), createdTo: day('createdTo', true), limit: 25 };
  };
  const load = async (append: boolean) => {
    status.textContent = t('loading');
    if (!append) { clear(body); cursor = null; }
    try {
      const page = await get<Page<Task>>(`/api/tasks${qs({ ...query(), cursor })}`);
      for (const task of page.items) {
        body.append(h('tr', { class: `task-row sla-row-${task.sla ?? 'ok'}`, 'data-task-id': task._id, onclick: () => ctx.navigate(`#/tasks/${task._id}`) },
          h('td', {}, h('a', { href: `#/tasks/${task._id}` }, task.caseTitle ?? task.caseId), h('div', { class: 'muted' }, task.trackingNumber ?? task.caseId)),
          h('td', {}, task.title, h('div', { class: 'muted' }, task.bpmnProcessId)),
          h('td', {}, slaBadge(task.sla), ' ', formatTime(task.dueDate)),
          h('td', {}, formatTime(task.createdAt))));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = body.children.length ? '' : t('empty');
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const drawTabs = () => {
    clear(tabBar);
    for (const name of TABS) {
      const badge = h('span', { class: 'count' });
      void count(name).then((c) => (badge.textContent = c), () => (badge.textContent = '?'));
      tabBar.append(h('button', { role: 'tab', 'data-tab': name, class: name === tab ? 'active' : null, onclick: () => { tab = name; drawTabs(); void load(false); } }, t(`tasks.${name}` as MessageKey), ' ', badge));
    }
  };
  filters.addEventListener('submit', (e) => { e.preventDefault(); void load(false); });
  more.addEventListener('click', () => void load(true));
  el.append(h('h1', {}, t('nav.tasks')), tabBar, filters,
    h('table', { class: 'grid tasks' }, h('thead', {}, h('tr', {}, h('th', {}, t('tasks.col.case')), h('th', {}, t('tasks.col.step')), h('th', {}, t('tasks.col.due')), h('th', {}, t('tasks.col.created')))), body),
    status, more);
  drawTabs();
  await load(false);
}
