import { el, input, select, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type User = { _id: string; username: string; displayName: string; unitId: string; disabled: boolean };
type Assignment = { subject: string; role: string; unitId: string };

export const usersSection: Section = {
  title: '用户',
  async render(root, { api, units, status }) {
    let users: User[];
    let assignments: Assignment[] = [];
    try {
      users = (await api.get<{ items: User[] }>('/api/users')).items;
      assignments = (await api.get<{ items: Assignment[] }>('/api/authz/assignments').catch(() => ({ items: [] }))).items;
    } catch (e) {
      return void root.replaceChildren(unavailable('用户列表', e));
    }
    const unitName = (id: string) => units.find((u) => u._id === id)?.name ?? id;
    const rolesOf = (u: User) => assignments.filter((a) => a.subject === `user:${u._id}`).map((a) => `${a.role}@${unitName(a.unitId)}`).join('，');
    const username = input('用户名');
    const displayName = input('姓名');
    const unit = select(units.map((u) => [u._id, u.name]));
    const create = el('button', { type: 'button', textContent: '新建用户' });
    create.addEventListener('click', async () => {
      try {
        const { generatedPassword } = await api.post<{ generatedPassword?: string }>('/api/users', { username: username.value.trim(), displayName: displayName.value.trim(), unitId: unit.value });
        status(`已新建用户 ${username.value}${generatedPassword ? `，初始密码：${generatedPassword}（只显示一次）` : ''}`, 'ok');
        await usersSection.render(root, { api, units, status });
      } catch (e) {
        status(`新建用户失败：${(e as Error).message}`, 'error');
      }
    });
    root.replaceChildren(
      el('div', { className: 'gz-row' }, username, displayName, unit, create),
      table<User>([
        { title: '用户名', value: (u) => u.username },
        { title: '姓名', value: (u) => u.displayName },
        { title: '所属单位', value: (u) => unitName(u.unitId) },
        { title: '角色', value: rolesOf },
        { title: '状态', value: (u) => (u.disabled ? '已停用' : '正常') },
      ], users),
    );
  },
};
