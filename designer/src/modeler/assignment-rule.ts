/**
 * The assignment-rule builder's model: one Gongzhi rule (server/tasks/assignment.ts) as structured choices,
 * and back. A zeebe:assignmentDefinition value is a comma-separated list of such rules or plain ids.
 */
export type RuleKind = 'role-at-case-unit' | 'role-at-unit' | 'head-dispatched-dept' | 'leader-up' | 'starter-unit-head' | 'plain';

export type AssignmentRule =
  | { kind: 'role-at-case-unit'; role: string }
  | { kind: 'role-at-unit'; role: string; unitId: string }
  | { kind: 'head-dispatched-dept' }
  | { kind: 'leader-up' }
  | { kind: 'starter-unit-head' }
  | { kind: 'plain'; value: string };

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  'role-at-case-unit': '案件所属单位的角色',
  'role-at-unit': '指定单位的角色',
  'head-dispatched-dept': '派遣部门负责人',
  'leader-up': '上级单位负责人',
  'starter-unit-head': '发起人所在单位负责人',
  plain: '指定用户或组（编号）',
};

export function formatRule(rule: AssignmentRule): string {
  switch (rule.kind) {
    case 'role-at-case-unit': return `role:${rule.role}@case.unit`;
    case 'role-at-unit': return `role:${rule.role}@${rule.unitId}`;
    case 'head-dispatched-dept': return 'head:dispatched-dept';
    case 'leader-up': return 'leader:up';
    case 'starter-unit-head': return 'starter-unit-head';
    case 'plain': return rule.value.trim();
  }
}

export function parseRule(item: string): AssignmentRule {
  const s = item.trim();
  if (s === 'head:dispatched-dept') return { kind: 'head-dispatched-dept' };
  if (s === 'leader:up') return { kind: 'leader-up' };
  if (s === 'starter-unit-head') return { kind: 'starter-unit-head' };
  const role = /^role:([^@]+)@(.+)$/.exec(s);
  if (role) return role[2] === 'case.unit' ? { kind: 'role-at-case-unit', role: role[1]! } : { kind: 'role-at-unit', role: role[1]!, unitId: role[2]! };
  return { kind: 'plain', value: s };
}

/** `a, b` or Zeebe's JSON list `["a","b"]` → rules; empty items dropped. */
export function parseRules(value: string | undefined): AssignmentRule[] {
  const raw = value?.trim() ?? '';
  let items: string[];
  if (raw.startsWith('[')) {
    try {
      items = (JSON.parse(raw) as unknown[]).map(String);
    } catch {
      items = raw.split(',');
    }
  } else items = raw.split(',');
  return items.map((i) => i.trim()).filter(Boolean).map(parseRule);
}

export function formatRules(rules: readonly AssignmentRule[]): string {
  return rules.map(formatRule).filter(Boolean).join(', ');
}

/** What is missing for a rule to name anyone, in words for the panel; undefined when complete. */
export function ruleProblem(rule: AssignmentRule): string | undefined {
  if ((rule.kind === 'role-at-case-unit' || rule.kind === 'role-at-unit') && !/^[a-z][a-z0-9_.]*$/.test(rule.role)) return '请选择角色';
  if (rule.kind === 'role-at-unit' && !rule.unitId.trim()) return '请选择单位';
  if (rule.kind === 'plain' && (!rule.value.trim() || rule.value.includes(','))) return '请填写一个编号';
  return undefined;
}
