/**
 * The built-in roles (DOMAIN.md) and their default permissions, seeded on first start and editable by admins
 * afterwards. Objects and actions are the vocabulary of route `access` declarations.
 */
export const BUILT_IN_ROLES = {
  grid_worker: '网格员',
  intake_clerk: '受理员',
  field_supervisor: '监督员',
  dispatcher: '指挥员/值班长',
  dept_handler: '部门处置人员',
  dept_head: '部门负责人',
  mediator: '调解员',
  case_leader: '包案领导',
  supervision: '督查',
  auditor: '审计员',
  form_designer: '表单设计员',
  admin: '管理员',
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

const worker = [
  ['case', 'read'], ['org', 'read'], ['notification', 'read'], ['attachment', 'create'],
  ...['read', 'claim', 'complete', 'return', 'transfer', 'delegate', 'countersign', 'cc', 'withdraw', 'urge', 'extend'].map((a) => ['task', a]),
];
/** Dispatchers and department heads steer the case: assign, suspend, approve extensions. */
const steering = [['task', 'assign'], ['task', 'suspend'], ['task.extension', 'approve']];

/** Reading the workflow side: who watches cases rather than steering them. */
const engineRead = [['definition', 'read'], ['instance', 'read'], ['incident', 'read']];

/** [role, object, action] */
export const DEFAULT_PERMISSIONS: [string, string, string][] = [
  ...rows('grid_worker', [...worker, ['intake', 'create']]),
  ...rows('intake_clerk', [...worker, ['intake', 'create'], ['case', 'create']]),
  ...rows('field_supervisor', worker),
  ...rows('dispatcher', [...worker, ['case', 'update'], ...steering, ['definition', 'read'], ['instance', 'create'], ['instance', 'read'], ['calendar', 'read'], ['time_limit', 'read'], ['sla', 'supervise'], ['metrics', 'read']]),
  ...rows('dept_handler', worker),
  ...rows('dept_head', [...worker, ...steering, ['time_limit', 'read'], ['sla', 'supervise'], ['metrics', 'read']]),
  ...rows('mediator', worker),
  ...rows('case_leader', [...worker, ['case', 'update']]),
  ...rows('supervision', [...worker, ['task', 'supervise'], ...engineRead, ['sla', 'supervise'], ['metrics', 'read']]),
  ...rows('auditor', [['audit', 'read'], ['audit', 'export'], ['audit', 'verify'], ['case', 'read'], ['task', 'read'], ['org', 'read'], ...engineRead]),
  // designs forms and JSONata mappings for the units where the role is held (a county's own forms)
  ...rows('form_designer', [['form', '*'], ['mapping', '*'], ['definition', 'read'], ['org', 'read']]),
  ...rows('admin', [
    ['org', 'read'], ['org', 'manage'],
    ['user', 'read'], ['user', 'manage'],
    ['token', 'read'], ['token', 'manage'],
    ['authz', 'read'], ['authz', 'manage'],
    ['definition', '*'], ['instance', '*'], ['incident', '*'], ['form', '*'], ['mapping', '*'],
    ['calendar', 'read'], ['calendar', 'write'],
    ['case', 'read'], ['task', 'read'],
    ['time_limit', 'read'], ['time_limit', 'write'], ['metrics', 'read'],
    // which process each intake channel starts, and the fallback unit of reports no grid contains
    ['intake', 'configure'],
  ]),
];

function rows(role: string, perms: string[][]): [string, string, string][] {
  return perms.map(([o, a]) => [role, o!, a!]);
}

/** Casbin subjects that are principals, not roles. */
export function isPrincipalSubject(sub: string): boolean {
  return sub.startsWith('user:') || sub.startsWith('token:');
}

export const ROLE_NAME_PATTERN = /^[a-z][a-z0-9_]{1,40}$/;
export const OBJECT_PATTERN = /^(\*|[a-z][a-z0-9_.]{0,40})$/;
