/**
 * The admin pages: org tree and grids with their boundary map, users, roles and permissions over the Casbin
 * policies, time-limit and routing tables, working-day calendars. One tab per section; a section whose API is
 * not served says so (暂不可用) rather than showing made-up rows.
 */
import './admin.css';
import { type Api, fetchApi } from '../modeler/api.js';
import { calendarSection } from './calendar-section.js';
import { el } from './dom.js';
import { orgSection } from './org-section.js';
import { rolesSection } from './roles-section.js';
import { routingSection } from './routing-section.js';
import { timeLimitsSection } from './time-limits-section.js';
import type { Section, Unit } from './types.js';
import { usersSection } from './users-section.js';

export const ADMIN_SECTIONS: Record<string, Section> = {
  org: orgSection, users: usersSection, roles: rolesSection, 'time-limits': timeLimitsSection, routing: routingSection, calendars: calendarSection,
};

export async function mountAdmin(root: HTMLElement, deps: { api?: Api; section?: string } = {}) {
  const api = deps.api ?? fetchApi();
  const statusLine = el('div', { className: 'gz-status', dataset: { role: 'status' } });
  const status = (text: string, kind: 'info' | 'ok' | 'error' = 'info') => {
    statusLine.textContent = text;
    statusLine.dataset.kind = kind;
  };
  let units: Unit[] = [];
  try {
    units = (await api.get<{ items: Unit[] }>('/api/org/units')).items;
  } catch (e) {
    status(`单位列表暂不可用：${(e as Error).message}`, 'error');
  }
  const content = el('section', { className: 'gz-admin-content', dataset: { role: 'section' } });
  const tabs = el('nav', { className: 'gz-tabs' });
  const show = async (key: string) => {
    const section = ADMIN_SECTIONS[key] ?? orgSection;
    for (const b of tabs.querySelectorAll('button')) b.classList.toggle('active', b.dataset.section === key);
    content.replaceChildren(el('p', {}, '加载中…'));
    status('');
    await section.render(content, { api, units, status });
  };
  for (const [key, s] of Object.entries(ADMIN_SECTIONS)) {
    const b = el('button', { type: 'button', textContent: s.title, dataset: { section: key } });
    b.addEventListener('click', () => void show(key));
    tabs.append(b);
  }
  root.classList.add('gz-admin');
  root.replaceChildren(tabs, statusLine, content);
  await show(deps.section ?? 'org');
  return { show, destroy: () => root.replaceChildren() };
}
