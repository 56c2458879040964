import { describe, expect, it } from '@jest/globals';
import { formatRules, parseRules, ruleProblem } from '../../../designer/src/modeler/assignment-rule.js';

describe('assignment-rule builder model', () => {
  it('given every rule form of server/tasks/assignment.ts, when parsed and formatted, then the text round-trips', () => {
    const text = 'role:clerk@case.unit, role:dept_head@u-county-1, head:dispatched-dept, leader:up, starter-unit-head, alice';
    const rules = parseRules(text);
    expect(rules.map((r) => r.kind)).toEqual(['role-at-case-unit', 'role-at-unit', 'head-dispatched-dept', 'leader-up', 'starter-unit-head', 'plain']);
    expect(formatRules(rules)).toBe(text);
  });

  it('given Zeebe’s JSON list form, when parsed, then it reads the same rules', () => {
    expect(parseRules('["role:clerk@case.unit","leader:up"]')).toEqual([{ kind: 'role-at-case-unit', role: 'clerk' }, { kind: 'leader-up' }]);
  });

  it('given incomplete choices, when checked, then the builder says what is missing', () => {
    expect(ruleProblem({ kind: 'role-at-unit', role: 'clerk', unitId: ' ' })).toBe('请选择单位');
    expect(ruleProblem({ kind: 'role-at-case-unit', role: '' })).toBe('请选择角色');
    expect(ruleProblem({ kind: 'leader-up' })).toBeUndefined();
  });
});
