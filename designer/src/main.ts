import './style.css';
import { t } from './i18n/index.js';
import { registerView } from './shell/registry.js';
import { startShell } from './shell/shell.js';
import { renderInbox } from './tasks/inbox.js';
import { renderCitizen } from './citizen/citizen-view.js';
import { renderCases, renderCase } from './monitor/cases-view.js';
import { renderDashboard } from './monitor/dashboard-view.js';
import { renderAudit } from './monitor/audit-view.js';
import { locale } from './i18n/index.js';

type Mounted = { destroy?: () => void } | void | undefined;
const destroyOf = (m: Mounted) => () => m?.destroy?.();

// The app's views, in nav order. The designer modules (W9b) are loaded lazily: bpmn-js and the Form.io builder
// are large, a clerk opening the task list should not download them.
registerView({ path: '/tasks', title: 'nav.tasks', render: async (el, ctx) => (ctx.params[0] ? (await import('./tasks/task-view.js')).renderTask(el, ctx) : renderInbox(el, ctx)) });
registerView({ path: '/cases', title: 'nav.cases', render: (el, ctx) => (ctx.params[0] ? renderCase(el, ctx) : renderCases(el, ctx)) });
registerView({ path: '/dashboard', title: 'nav.dashboard', render: (el) => renderDashboard(el) });
registerView({ path: '/audit', title: 'nav.audit', render: (el, ctx) => renderAudit(el, ctx) });
registerView({ path: '/modeler', title: 'nav.modeler', render: async (el) => destroyOf(await (await import('./modeler/modeler-view.js')).mountModeler(el, { locale: locale() }) as Mounted) });
registerView({ path: '/forms', title: 'nav.forms', render: async (el) => destroyOf(await (await import('./form-builder/builder-view.js')).mountFormBuilder(el, { locale: locale() }) as Mounted) });
registerView({ path: '/admin', title: 'nav.admin', render: async (el, ctx) => destroyOf(await (await import('./admin/admin-view.js')).mountAdmin(el, { section: ctx.params[0] }) as Mounted) });
registerView({ path: '/citizen', title: 'nav.citizen', public: true, render: (el) => renderCitizen(el) });

const root = document.getElementById('app')!;
startShell(root).catch((e: unknown) => {
  root.textContent = `${t('error.5xx')}: ${e instanceof Error ? e.message : String(e)}`;
});
