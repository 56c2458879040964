import { isMissingApi } from '../modeler/api.js';
import { el, input, select, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type RoutingRule = { category: string; area: string; departments: string[]; note?: string };
type RoutingTable = { id: string; name: string; source: string; processId?: string; rules: RoutingRule[] };

/**
 * The dispatch routing table (派遣路由表, server/routing/table.ts) of a process that applies at a unit: category and
 * area → departments, the first one leading (主办), the others assisting (协办). Read over
 * `GET /api/routing/:id?unitId=` (the time-limit API's shape); until that route is served the page says so.
 */
export const routingSection: Section = {
  title: '派遣路由表',
  async render(root, { api, units }) {
    const processId = input('流程编号，如 urban-case', 24);
    const unit = select(units.map((u) => [u._id, u.name]));
    const load = el('button', { type: 'button', textContent: '查看' });
    const body = el('div', { dataset: { role: 'routing-table' } });
    const unitName = (id: string) => (id === '*' ? '任意' : (units.find((u) => u._id === id)?.name ?? id));
    const show = async () => {
      const id = processId.value.trim();
      if (!id) return;
      let stored: { table: RoutingTable; scopeUnitId: string };
      try {
        stored = await api.get(`/api/routing/${encodeURIComponent(id)}?unitId=${encodeURIComponent(unit.value)}`);
      } catch (e) {
        return void body.replaceChildren(isMissingApi(e) ? unavailable('派遣路由表接口', e) : el('p', {}, `没有适用于该单位的派遣路由表（${(e as Error).message}）`));
      }
      const t = stored.table;
      body.replaceChildren(
        el('h3', {}, `${t.name}（${t.processId ?? t.id}，存于 ${stored.scopeUnitId}）`),
        el('p', { className: 'gz-hint' }, `依据：${t.source || '未注明'}`),
        table<RoutingRule>([
          { title: '类别', value: (r) => (r.category === '*' ? '任意' : r.category) },
          { title: '区域', value: (r) => unitName(r.area) },
          { title: '主办部门', value: (r) => unitName(r.departments[0] ?? '') },
          { title: '协办部门', value: (r) => r.departments.slice(1).map(unitName).join('，') },
          { title: '说明', value: (r) => r.note ?? '' },
        ], t.rules),
      );
    };
    load.addEventListener('click', () => void show());
    root.replaceChildren(el('div', { className: 'gz-row' }, processId, unit, load), body);
  },
};
