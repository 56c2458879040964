import { el, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type RoutingRule = { category?: string; area?: string; areaUnitId?: string; deptIds?: string[]; deptId?: string; departments?: string[] };
type RoutingTable = { id?: string; processId?: string; name?: string; rules: RoutingRule[] };

/** The dispatch routing tables (派遣路由表, P8's API): category (+ area) → departments. */
export const routingSection: Section = {
  title: '派遣路由表',
  async render(root, { api, units }) {
    let tables: RoutingTable[];
    try {
      tables = (await api.get<{ items: RoutingTable[] }>('/api/routing')).items;
    } catch (e) {
      return void root.replaceChildren(unavailable('派遣路由表接口', e));
    }
    const unitName = (id: string) => units.find((u) => u._id === id)?.name ?? id;
    const depts = (r: RoutingRule) => (r.deptIds ?? r.departments ?? (r.deptId ? [r.deptId] : [])).map(unitName).join('，');
    root.replaceChildren(...tables.flatMap((t) => [
      el('h3', {}, t.name ?? t.processId ?? t.id ?? ''),
      table<RoutingRule>([
        { title: '类别', value: (r) => r.category ?? '任意' },
        { title: '区域', value: (r) => (r.areaUnitId ?? r.area ? unitName(r.areaUnitId ?? r.area!) : '任意') },
        { title: '派遣部门', value: depts },
      ], t.rules),
    ]));
    if (tables.length === 0) root.replaceChildren(el('p', {}, '还没有派遣路由表'));
  },
};
