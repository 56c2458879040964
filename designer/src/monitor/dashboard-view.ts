import { get, isMissing } from '../api.js';
import { clear, h } from '../dom.js';
import { t } from '../i18n/index.js';
import type { ViewContext } from '../shell/registry.js';

type Indicators = {
  filed: number; due: number; closed: number; closedOnTime: number; deferred: number;
  closureRate: number | null; onTimeClosureRate: number | null; reworkRate: number | null; extensionRate: number | null;
  firstTimeRate: number | null; satisfactionRate: number | null;
};
type Answer = { total: Indicators; groups: (Indicators & { key: string })[] };

const COUNTS: [keyof Indicators, string][] = [['filed', '立案数'], ['due', '应结案数'], ['closed', '结案数'], ['closedOnTime', '按期结案数'], ['deferred', '缓办数']];
const RATES: [keyof Indicators, string][] = [
  ['closureRate', '结案率'], ['onTimeClosureRate', '按期结案率'], ['reworkRate', '返工率'], ['extensionRate', '延期率'], ['firstTimeRate', '一次完成率'], ['satisfactionRate', '满意率'],
];

const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)}%`);

/** A horizontal bar chart of one rate per group, in plain SVG (no chart library in the bundle). */
function bars(groups: Answer['groups'], field: keyof Indicators): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const row = 22;
  svg.setAttribute('viewBox', `0 0 420 ${Math.max(1, groups.length) * row}`);
  svg.setAttribute('class', 'bars');
  groups.forEach((g, i) => {
    const v = (g[field] as number | null) ?? 0;
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', '0'); label.setAttribute('y', String(i * row + 15)); label.textContent = g.key;
    const bar = document.createElementNS(ns, 'rect');
    bar.setAttribute('x', '140'); bar.setAttribute('y', String(i * row + 4)); bar.setAttribute('height', '14');
    bar.setAttribute('width', String(Math.max(0, Math.min(100, v)) * 2.2)); bar.setAttribute('class', 'bar');
    const value = document.createElementNS(ns, 'text');
    value.setAttribute('x', String(146 + Math.min(100, v) * 2.2)); value.setAttribute('y', String(i * row + 15)); value.textContent = pct(g[field] as number | null);
    svg.append(label, bar, value);
  });
  return svg;
}

/** The evaluation indicators (DOMAIN.md formulas, computed by the server) of the caller's unit for a period. */
export async function renderDashboard(el: HTMLElement, ctx?: ViewContext): Promise<void> {
  const today = new Date();
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1);
  const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const from = h('input', { type: 'date', name: 'from', value: iso(monthStart) });
  const to = h('input', { type: 'date', name: 'to', value: iso(new Date(today.getTime() + 86_400_000)) });
  const groupBy = h('select', { name: 'groupBy' }, ['unit', 'area', 'category', 'month'].map((g) => h('option', { value: g }, g)));
  const out = h('div', { class: 'indicators' });
  const load = async () => {
    clear(out);
    try {
      const a = await get<Answer>(`/api/metrics/indicators?unitId=${encodeURIComponent(ctx?.me.unitId ?? '')}&from=${from.value}&to=${to.value}&groupBy=${groupBy.value}`);
      out.append(
        h('div', { class: 'cards' }, [...COUNTS, ...RATES].map(([k, label]) =>
          h('div', { class: 'card', 'data-indicator': k }, h('span', { class: 'muted' }, label), h('strong', {}, typeof a.total[k] === 'number' && COUNTS.some(([c]) => c === k) ? String(a.total[k]) : pct(a.total[k] as number | null))))),
        h('h3', {}, '结案率'), bars(a.groups, 'closureRate'),
        h('h3', {}, '按期结案率'), bars(a.groups, 'onTimeClosureRate'),
      );
    } catch (e) {
      out.append(h('p', { class: 'muted' }, isMissing(e) ? t('unavailable') : e instanceof Error ? e.message : String(e)));
    }
  };
  el.append(h('h2', {}, t('nav.dashboard')), h('form', { class: 'filters', onsubmit: (e: Event) => { e.preventDefault(); void load(); } }, from, to, groupBy, h('button', { type: 'submit' }, t('search'))), out);
  await load();
}
