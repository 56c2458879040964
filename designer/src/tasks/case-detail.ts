import { get } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import { formatTime } from '../time.js';

export interface CaseDetail {
  _id: string;
  trackingNumber: string;
  title: string;
  description?: string;
  status: string;
  slaState?: string;
  unitId: string;
  processInstanceKey?: string | null;
  bpmnProcessId?: string;
  definitionKey?: string;
  location?: { address?: string };
  attachments?: string[];
  dueAt?: string | null;
  createdAt: string;
  timeline: { status: string; at: string }[];
  audit: { seq: number; at: string; action: string; actor: { kind: string; id: string; name?: string }; outcome?: string }[];
  engineHistory: { position: number; timestamp: number; intent: string; elementId?: string; bpmnElementType?: string }[];
}

/** Case detail (number, status, attachments, history) into `el`; returns the case for callers that need more. */
export async function renderCaseDetail(el: HTMLElement, caseId: string): Promise<CaseDetail> {
  const c = await get<CaseDetail>(`/api/cases/${encodeURIComponent(caseId)}`);
  el.append(
    h('h2', {}, t('case.detail')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('case.tracking')), h('dd', { 'data-tracking': c.trackingNumber }, c.trackingNumber),
      h('dt', {}, t('case.status')), h('dd', {}, c.status),
      h('dt', {}, t('tasks.col.due')), h('dd', {}, formatTime(c.dueAt))),
    h('p', {}, c.title), c.description ? h('p', { class: 'muted' }, c.description) : '', c.location?.address ? h('p', { class: 'muted' }, c.location.address) : '',
    h('h3', {}, t('case.attachments')),
    (c.attachments ?? []).length
      ? h('ul', {}, (c.attachments ?? []).map((a) => h('li', {}, h('a', { href: `/api/attachments/${encodeURIComponent(a)}` }, a))))
      : h('p', { class: 'muted' }, t('empty')),
    h('h3', {}, t('case.history')),
    h('ol', { class: 'timeline' }, c.timeline.map((s) => h('li', {}, h('time', {}, formatTime(s.at)), ' ', s.status)),
      c.audit.filter((a) => a.action.startsWith('task.')).map((a) => h('li', {}, h('time', {}, formatTime(a.at)), ' ', a.action, ' · ', a.actor.name ?? a.actor.id))),
  );
  return c;
}
