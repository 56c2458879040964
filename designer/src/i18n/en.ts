import type { MessageKey } from './zh-CN.js';

/** English strings; a missing key falls back to Chinese. */
export const en: Partial<Record<MessageKey, string>> = {
  'app.title': 'Gongzhi · Governance workbench', 'app.lang': '中文', 'login.title': 'Sign in', 'login.username': 'Username',
  'login.password': 'Password', 'login.submit': 'Sign in', logout: 'Sign out', 'nav.tasks': 'Tasks', 'nav.cases': 'Case monitor',
  'nav.dashboard': 'Indicators', 'nav.audit': 'Audit', 'nav.modeler': 'Designer', 'nav.forms': 'Forms', 'nav.admin': 'Admin',
  'nav.citizen': 'Citizen report', unavailable: 'Not available yet', loading: 'Loading…', empty: 'Nothing here', more: 'More',
  search: 'Search', cancel: 'Cancel', ok: 'OK', reason: 'Reason', 'tasks.mine': 'Mine', 'tasks.groups': 'My groups',
  'tasks.scope': 'My area', 'tasks.cc': 'Copied to me', 'tasks.text': 'Case number or words', 'tasks.sla': 'SLA',
  'tasks.sla.ok': 'On time', 'tasks.sla.warning': 'Warning', 'tasks.sla.breached': 'Overdue', 'tasks.process': 'Process',
  'tasks.step': 'Step', 'tasks.category': 'Category', 'tasks.from': 'From', 'tasks.to': 'To', 'tasks.col.case': 'Case',
  'tasks.col.step': 'Step', 'tasks.col.due': 'Due', 'tasks.col.created': 'Arrived', 'task.back': 'Back', 'task.claim': 'Claim',
  'task.complete': 'Complete step', 'task.return': 'Return', 'task.return.target': 'Return to step', 'task.transfer': 'Transfer',
  'task.delegate': 'Delegate', 'task.countersign': 'Add signers', 'task.cc': 'Copy', 'task.withdraw': 'Withdraw',
  'task.urge': 'Urge', 'task.extension': 'Request extension', 'task.suspend': 'Suspend', 'task.resume': 'Resume',
  'task.done': 'Done', 'task.noForm': 'No form for this step', 'case.detail': 'Case', 'case.history': 'History',
  'case.attachments': 'Attachments', 'case.status': 'Status', 'case.tracking': 'Tracking number', 'monitor.diagram': 'Diagram',
  'monitor.incidents': 'Incidents', 'monitor.retry': 'Retry', 'audit.verify': 'Verify chain', 'audit.verified': 'Audit chain verified',
  'audit.broken': 'Audit chain broken', 'audit.timeline': 'Audit timeline', 'citizen.title': 'Report a problem',
  'citizen.what': 'What is wrong', 'citizen.desc': 'Details', 'citizen.photo': 'Photo', 'citizen.locate': 'Use my location',
  'citizen.address': 'Address', 'citizen.name': 'Name (optional)', 'citizen.phone': 'Mobile', 'citizen.submit': 'Submit',
  'citizen.received': 'Received, tracking number', 'citizen.track': 'Track', 'citizen.rate': 'Rate', 'citizen.score': 'Satisfaction (1-5)',
  'citizen.comment': 'Comment (optional)', 'citizen.thanks': 'Thank you', 'error.generic': 'Failed', 'error.401': 'Please sign in',
  'error.403': 'Not allowed', 'error.404': 'Not found', 'error.409': 'Changed meanwhile, reload and retry', 'error.400': 'Invalid input',
  'error.429': 'Too many requests', 'error.5xx': 'Service unavailable',
};
