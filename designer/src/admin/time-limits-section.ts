import { isMissingApi } from '../modeler/api.js';
import { el, input, select, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type Rule = { step: string; category: string; caseKind: string; level: string; urgent: boolean | '*'; limit: { amount: number; clock: string }; warnAt?: number };
type TimeLimitTable = { id: string; name: string; source: string; processId?: string; rules: Rule[] };

const CLOCK = { naturalHours: '自然小时', workingHours: '工作小时', workingDays: '工作日' } as Record<string, string>;
const KIND = { immediate: '即办件', committed: '承诺件', coordinated: '协调件', '*': '任意' } as Record<string, string>;

/**
 * The time-limit tables (时限表, S7's API): the table of a process that applies at a unit (stored at the nearest
 * enclosing scope), rules shown as the admins read them (most specific rule wins), edited as JSON and saved at a
 * unit's scope; the server validates and names the offending rule.
 */
export const timeLimitsSection: Section = {
  title: '时限表',
  async render(root, deps) {
    const { api, units, status } = deps;
    const processId = input('流程编号，如 urban-case', 24);
    const unit = select(units.map((u) => [u._id, u.name]));
    const load = el('button', { type: 'button', textContent: '查看' });
    const body = el('div', { dataset: { role: 'time-limit-table' } });
    const show = async () => {
      const id = processId.value.trim();
      if (!id) return;
      let stored: { table: TimeLimitTable; scopeUnitId: string; updatedBy: string };
      try {
        stored = await api.get(`/api/time-limits/${encodeURIComponent(id)}?unitId=${encodeURIComponent(unit.value)}`);
      } catch (e) {
        return void body.replaceChildren(isMissingApi(e) ? unavailable('时限表接口', e) : el('p', {}, `没有适用于该单位的时限表（${(e as Error).message}）`));
      }
      const t = stored.table;
      const editor = el('textarea', { rows: 10, cols: 100, value: JSON.stringify(t, null, 2), spellcheck: false });
      const save = el('button', { type: 'button', textContent: '保存到所选单位' });
      save.addEventListener('click', async () => {
        try {
          await api.put(`/api/time-limits/${encodeURIComponent(id)}`, { unitId: unit.value, table: JSON.parse(editor.value) });
          status(`时限表 ${t.name} 已保存到 ${unit.selectedOptions[0]?.text ?? unit.value}`, 'ok');
          await show();
        } catch (e) {
          status(`保存失败：${(e as Error).message}`, 'error');
        }
      });
      body.replaceChildren(
        el('h3', {}, `${t.name}（${t.processId ?? t.id}，存于 ${stored.scopeUnitId}）`),
        el('p', { className: 'gz-hint' }, `依据：${t.source || '未注明'}`),
        table<Rule>([
          { title: '环节', value: (r) => (r.step === '*' ? '任意' : r.step) },
          { title: '类别', value: (r) => (r.category === '*' ? '任意' : r.category) },
          { title: '案件类型', value: (r) => KIND[r.caseKind] ?? r.caseKind },
          { title: '等级', value: (r) => (r.level === '*' ? '任意' : String(r.level)) },
          { title: '紧急', value: (r) => (r.urgent === '*' ? '任意' : r.urgent ? '是' : '否') },
          { title: '时限', value: (r) => `${r.limit.amount} ${CLOCK[r.limit.clock] ?? r.limit.clock}` },
          { title: '黄牌预警', value: (r) => `${Math.round((r.warnAt ?? 0.8) * 100)}%` },
        ], t.rules),
        el('details', {}, el('summary', {}, '编辑（JSON）'), editor, save),
      );
    };
    load.addEventListener('click', () => void show());
    root.replaceChildren(el('div', { className: 'gz-row' }, processId, unit, load), body);
  },
};
