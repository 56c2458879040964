import { Formio } from '../formio-csp.js';
import '@formio/js/dist/formio.full.min.css';
import { get, post } from '../api.js';
import { h } from '../dom.js';
import { locale, t } from '../i18n/index.js';
import type { ViewContext } from '../shell/registry.js';
import { formatTime } from '../time.js';
import { renderCaseDetail } from './case-detail.js';
import { slaBadge } from './inbox.js';
import { OPERATIONS } from './operations.js';
import { FORMIO_ZH_CN } from '../form-builder/zh-CN.js';
import type { Task } from './types.js';

type TaskForm = { title: string; definition: { components: unknown[] }; prefill: Record<string, unknown> };
type FormioForm = { submission: { data: Record<string, unknown> }; submit(): Promise<{ data: Record<string, unknown> }>; destroy(): void };

/** One task: its form (Form.io renderer, prefilled by the server), the operation buttons, and the case beside it. */
export async function renderTask(el: HTMLElement, ctx: ViewContext): Promise<() => void> {
  const id = ctx.params[0]!;
  const task = await get<Task>(`/api/tasks/${encodeURIComponent(id)}`);
  const message = h('p', { class: 'status', role: 'status' });
  const formHost = h('div', { class: 'task-form' });
  let form: FormioForm | undefined;
  const act = async (fn: () => Promise<boolean>) => {
    message.textContent = '';
    message.className = 'status';
    try {
      if (await fn()) {
        message.textContent = t('task.done');
        ctx.navigate('#/tasks');
      }
    } catch (e) {
      message.className = 'status error';
      message.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const claim = task.assignee ? null : h('button', { onclick: () => void act(async () => { await post(`/api/tasks/${id}/claim`); ctx.navigate(`#/tasks/${id}`); return false; }) }, t('task.claim'));
  const complete = h('button', { class: 'primary', 'data-op': 'complete', onclick: () => void act(async () => {
    const data = form ? (await form.submit()).data : {};
    await post(`/api/tasks/${id}/complete`, { variables: data });
    return true;
  }) }, t('task.complete'));
  const ops = h('div', { class: 'ops' }, claim, complete, OPERATIONS.map((o) => h('button', { 'data-op': o.key, onclick: () => void act(() => o.run(task)) }, t(o.key))));
  const caseBox = h('aside', { class: 'case-side' });
  el.append(
    h('p', {}, h('a', { href: '#/tasks' }, `← ${t('task.back')}`)),
    h('h1', {}, task.title, ' ', slaBadge(task.sla)),
    h('p', { class: 'muted' }, `${task.caseTitle ?? task.caseId} · ${t('tasks.col.due')} ${formatTime(task.dueDate)}`),
    h('div', { class: 'split' }, h('section', {}, formHost, ops, message), caseBox),
  );
  void renderCaseDetail(caseBox, task.caseId).catch((e: unknown) => caseBox.append(h('p', { class: 'muted' }, e instanceof Error ? e.message : String(e))));
  if (task.formKey) {
    try {
      const f = await get<TaskForm>(`/api/tasks/${encodeURIComponent(id)}/form`);
      // Form.io needs the language's dictionary alongside its name (a bare 'zh-CN' breaks its label rendering)
      const language = locale() === 'en' ? 'en' : 'zh-CN';
      form = (await Formio.createForm(formHost, f.definition, { language, i18n: { [language]: language === 'zh-CN' ? FORMIO_ZH_CN : {} }, noAlerts: true })) as unknown as FormioForm;
      form.submission = { data: f.prefill };
    } catch (e) {
      formHost.append(h('p', { class: 'error' }, e instanceof Error ? e.message : String(e)));
    }
  } else formHost.append(h('p', { class: 'muted' }, t('task.noForm')));
  return () => form?.destroy();
}
