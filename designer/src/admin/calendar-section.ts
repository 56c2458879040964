import { el, input, select, table, unavailable } from './dom.js';
import type { Section } from './types.js';

type Entry = { date: string; name: string };
type TenantCalendar = {
  tenantId: string; version: number;
  calendar: { timeZone: string; windows: { start: string; end: string }[]; years: number[]; holidays: Entry[]; makeUpDays: Entry[] };
};

/** The working-day calendar of a tenant (a root unit): national holidays and 调休 with the tenant's edits. */
export const calendarSection: Section = {
  title: '工作日历',
  async render(root, deps) {
    const { api, units, status } = deps;
    const tenants = units.filter((u) => u.kind === 'city' || u.kind === 'county' || u.parentId === null);
    const tenant = select(tenants.map((u) => [u._id, u.name]));
    const body = el('div');
    const show = async () => {
      let cal: TenantCalendar;
      try {
        cal = await api.get<TenantCalendar>(`/api/calendars/${encodeURIComponent(tenant.value)}`);
      } catch (e) {
        return void body.replaceChildren(unavailable('工作日历', e));
      }
      const date = input('日期 YYYY-MM-DD');
      const name = input('名称，如 本地节日');
      const kind = select([['holiday', '放假'], ['makeUp', '调休上班']]);
      const add = el('button', { type: 'button', textContent: '添加' });
      add.addEventListener('click', async () => {
        const entry = [{ date: date.value.trim(), name: name.value.trim() }];
        try {
          await api.patch(`/api/calendars/${encodeURIComponent(tenant.value)}`, { ...(kind.value === 'holiday' ? { addHolidays: entry } : { addMakeUpDays: entry }), expectedVersion: cal.version });
          status('日历已更新', 'ok');
          await show();
        } catch (e) {
          status(`更新失败：${(e as Error).message}`, 'error');
        }
      });
      const c = cal.calendar;
      body.replaceChildren(
        el('p', {}, `时区 ${c.timeZone}；工作时段 ${c.windows.map((w) => `${w.start}–${w.end}`).join('、')}；已覆盖年份 ${c.years.join('、')}`),
        el('div', { className: 'gz-row' }, date, name, kind, add),
        el('h3', {}, '放假'),
        table<Entry>([{ title: '日期', value: (e) => e.date }, { title: '名称', value: (e) => e.name }], c.holidays),
        el('h3', {}, '调休上班'),
        table<Entry>([{ title: '日期', value: (e) => e.date }, { title: '名称', value: (e) => e.name }], c.makeUpDays),
      );
    };
    tenant.addEventListener('change', () => void show());
    root.replaceChildren(el('label', {}, '租户（单位） ', tenant), body);
    await show();
  },
};
