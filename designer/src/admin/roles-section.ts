import { el, input, select, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type Role = { role: string; label?: string; permissions: { object: string; action: string }[] };
type Assignment = { subject: string; role: string; unitId: string };

/**
 * Roles and permissions as tables over the Casbin policies: one row per (role, object, action) with removal, a
 * grant form, and the role assignments (g policies: user, role, unit) with an assign form.
 */
export const rolesSection: Section = {
  title: '角色与权限',
  async render(root, deps) {
    const { api, units, status } = deps;
    let roles: Role[];
    let assignments: Assignment[];
    try {
      roles = (await api.get<{ items: Role[] }>('/api/authz/roles')).items;
      assignments = (await api.get<{ items: Assignment[] }>('/api/authz/assignments')).items;
    } catch (e) {
      return void root.replaceChildren(unavailable('角色与权限', e));
    }
    const rerender = () => rolesSection.render(root, deps);
    const act = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
        status(`${what}成功`, 'ok');
        await rerender();
      } catch (e) {
        status(`${what}失败：${(e as Error).message}`, 'error');
      }
    };
    const rows = roles.flatMap((r) => (r.permissions.length ? r.permissions : [{ object: '—', action: '—' }]).map((p) => ({ ...p, role: r.role, label: r.label ?? r.role })));
    const removeButton = (row: { role: string; object: string; action: string }) => {
      if (row.object === '—') return '';
      const b = el('button', { type: 'button', textContent: '撤销' });
      b.addEventListener('click', () => act('撤销权限', () => api.del(`/api/authz/roles/${encodeURIComponent(row.role)}/permissions?object=${encodeURIComponent(row.object)}&action=${encodeURIComponent(row.action)}`)));
      return b;
    };
    const role = select(roles.map((r) => [r.role, `${r.label ?? r.role}（${r.role}）`]));
    const object = input('对象，如 form');
    const action = input('操作，如 manage');
    const grant = el('button', { type: 'button', textContent: '授予权限' });
    grant.addEventListener('click', () => act('授予权限', () => api.post(`/api/authz/roles/${encodeURIComponent(role.value)}/permissions`, { object: object.value.trim(), action: action.value.trim() })));

    const userId = input('用户编号');
    const assignRole = select(roles.map((r) => [r.role, r.label ?? r.role]));
    const assignUnit = select(units.map((u) => [u._id, u.name]));
    const assign = el('button', { type: 'button', textContent: '分配角色' });
    assign.addEventListener('click', () => act('分配角色', () => api.post('/api/authz/assignments', { userId: userId.value.trim(), role: assignRole.value, unitId: assignUnit.value })));
    const unitName = (id: string) => units.find((u) => u._id === id)?.name ?? id;

    root.replaceChildren(
      el('h3', {}, '角色权限（Casbin p 策略）'),
      el('div', { className: 'gz-row' }, role, object, action, grant),
      table([
        { title: '角色', value: (r: (typeof rows)[number]) => `${r.label}（${r.role}）` },
        { title: '对象', value: (r) => r.object },
        { title: '操作', value: (r) => r.action },
        { title: '', value: removeButton },
      ], rows),
      el('h3', {}, '角色分配（Casbin g 策略）'),
      el('div', { className: 'gz-row' }, userId, assignRole, assignUnit, assign),
      table<Assignment>([
        { title: '用户', value: (a) => a.subject.replace(/^user:/, '') },
        { title: '角色', value: (a) => a.role },
        { title: '单位', value: (a) => unitName(a.unitId) },
      ], assignments),
    );
  },
};
