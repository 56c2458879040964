import { get, qs } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { ViewContext } from '../shell/registry.js';
import { formatTime } from '../time.js';

type Entry = { seq: number; at: string; action: string; actor: { id: string; name?: string }; object?: { type: string; id: string }; outcome?: string; reason?: string };
type Verdict = { ok: boolean; checked: number; headSeq: number; firstBad?: { seq: number; problem: string; detail: string } };

/** The audit timeline (of one case with `#/audit/<caseId>`) and the verification of the whole hash chain. */
export async function renderAudit(el: HTMLElement, ctx: ViewContext): Promise<void> {
  const caseId = ctx.params[0];
  const verdict = await get<Verdict>('/api/audit/verify');
  el.append(
    h('h2', {}, t('audit.timeline'), caseId ? ` · ${caseId}` : ''),
    h('p', { class: verdict.ok ? 'verdict-ok' : 'verdict-bad', 'data-chain': verdict.ok ? 'verified' : 'broken', role: 'status' },
      verdict.ok ? `${t('audit.verified')}（${verdict.checked}）` : `${t('audit.broken')}: #${verdict.firstBad?.seq} ${verdict.firstBad?.problem ?? ''}`),
  );
  const page = await get<{ items: Entry[]; nextCursor: string | null }>(`/api/audit/entries${qs({ caseId, limit: 500 })}`);
  el.append(h('ol', { class: 'timeline audit' }, page.items.map((e) =>
    h('li', { 'data-action': e.action }, h('time', {}, formatTime(e.at)), ' ', h('strong', {}, e.action), ' · ', e.actor.name ?? e.actor.id,
      e.object ? ` · ${e.object.type}:${e.object.id}` : '', e.reason ? ` · ${e.reason}` : '', e.outcome && e.outcome !== 'ok' ? ` · ${e.outcome}` : ''))));
}
