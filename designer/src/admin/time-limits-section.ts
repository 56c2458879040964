import { el, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type Rule = { step: string; category: string; caseKind: string; level: string; urgent: boolean | '*'; limit: { amount: number; clock: string }; warnAt: number };
type TimeLimitTable = { id: string; name: string; source: string; processId?: string; rules: Rule[] };

const CLOCK = { naturalHours: '自然小时', workingHours: '工作小时', workingDays: '工作日' } as Record<string, string>;
const KIND = { immediate: '即办件', committed: '承诺件', coordinated: '协调件', '*': '任意' } as Record<string, string>;

/**
 * The time-limit tables (时限表, S7's API): one table per process, rules shown as the admins read them
 * (most specific rule wins), edited as JSON and saved whole; the server validates and names the offending rule.
 */
export const timeLimitsSection: Section = {
  title: '时限表',
  async render(root, deps) {
    const { api, status } = deps;
    let tables: TimeLimitTable[];
    try {
      tables = (await api.get<{ items: TimeLimitTable[] }>('/api/time-limits')).items;
    } catch (e) {
      return void root.replaceChildren(unavailable('时限表接口', e));
    }
    root.replaceChildren(...tables.flatMap((t) => {
      const editor = el('textarea', { rows: 8, cols: 100, value: JSON.stringify(t, null, 2), spellcheck: false });
      const save = el('button', { type: 'button', textContent: '保存时限表' });
      save.addEventListener('click', async () => {
        try {
          await api.put(`/api/time-limits/${encodeURIComponent(t.id)}`, JSON.parse(editor.value));
          status(`时限表 ${t.name} 已保存`, 'ok');
          await timeLimitsSection.render(root, deps);
        } catch (e) {
          status(`保存失败：${(e as Error).message}`, 'error');
        }
      });
      return [
        el('h3', {}, `${t.name}（${t.processId ?? t.id}）`),
        el('p', { className: 'gz-hint' }, `依据：${t.source || '未注明'}`),
        table<Rule>([
          { title: '环节', value: (r) => (r.step === '*' ? '任意' : r.step) },
          { title: '类别', value: (r) => (r.category === '*' ? '任意' : r.category) },
          { title: '案件类型', value: (r) => KIND[r.caseKind] ?? r.caseKind },
          { title: '等级', value: (r) => (r.level === '*' ? '任意' : String(r.level)) },
          { title: '紧急', value: (r) => (r.urgent === '*' ? '任意' : r.urgent ? '是' : '否') },
          { title: '时限', value: (r) => `${r.limit.amount} ${CLOCK[r.limit.clock] ?? r.limit.clock}` },
          { title: '黄牌预警', value: (r) => `${Math.round(r.warnAt * 100)}%` },
        ], t.rules),
        el('details', {}, el('summary', {}, '编辑（JSON）'), editor, save),
      ];
    }));
    if (tables.length === 0) root.replaceChildren(el('p', {}, '还没有时限表'));
  },
};
