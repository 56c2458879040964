/**
 * Assignment rules. The BPMN's zeebe:assignmentDefinition values (assignee, candidateUsers, candidateGroups;
 * FEEL already evaluated by the engine) are comma-separated items, each a plain id or a Gongzhi rule:
 *
 *   role:R@case.unit        holders of role R at the case's unit (R@unit as a group)
 *   role:R@<unitId>         holders of role R at a named unit
 *   head:dispatched-dept    dept_head of the unit in the variable `dispatchedDeptId`
 *   leader:up               dept_head of the case unit's parent
 *   starter-unit-head       dept_head of the home unit of the user in the variable `starterId`
 *
 * For assignee/candidateUsers a rule yields users; for candidateGroups it yields the group `R@unit`.
 * Nobody found → the case unit's dispatcher queue (`dispatcher@unit`) with a warning; a task is never lost.
 */
import type { Unit } from '../org/unit.js';

export interface OrgDirectory {
  unit(id: string): Unit | undefined;
  /** Users holding `role` exactly at `unitId`. */
  usersWithRole(role: string, unitId: string): Promise<string[]>;
  homeUnitOf(userId: string): Promise<string | undefined>;
}

export interface AssignmentInput {
  assignee?: string;
  candidateUsers?: string;
  candidateGroups?: string;
  caseUnitId: string;
  variables: Record<string, unknown>;
}

export interface Assignment {
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  warnings: string[];
}

/** A rule resolved to the unit and role whose holders it names, or a reason why it names nobody. */
type Target = { role: string; unitId: string } | { error: string };

type RuleFn = (arg: string, input: AssignmentInput, dir: OrgDirectory) => Promise<Target>;

const HEAD_ROLE = 'dept_head';

/** The registry of rule functions; add a rule here and document it above. */
export const RULES: Record<string, RuleFn> = {
  role: async (arg, input) => {
    const [role, where] = arg.split('@');
    if (!role || !where) return { error: `rule role:${arg} needs the form role:R@case.unit or role:R@<unitId>` };
    return { role, unitId: where === 'case.unit' ? input.caseUnitId : where };
  },
  head: async (arg, input) => {
    if (arg !== 'dispatched-dept') return { error: `unknown head rule head:${arg}` };
    const dept = input.variables.dispatchedDeptId;
    if (typeof dept !== 'string') return { error: 'head:dispatched-dept but the case has no dispatchedDeptId' };
    return { role: HEAD_ROLE, unitId: dept };
  },
  leader: async (arg, input, dir) => {
    if (arg !== 'up') return { error: `unknown leader rule leader:${arg}` };
    const parent = dir.unit(input.caseUnitId)?.parentId;
    if (!parent) return { error: `leader:up but unit ${input.caseUnitId} has no parent` };
    return { role: HEAD_ROLE, unitId: parent };
  },
  'starter-unit-head': async (_arg, input, dir) => {
    const starter = input.variables.starterId;
    const home = typeof starter === 'string' ? await dir.homeUnitOf(starter) : undefined;
    if (!home) return { error: 'starter-unit-head but the starter (variable starterId) is unknown' };
    return { role: HEAD_ROLE, unitId: home };
  },
};

/** Zeebe puts candidate lists in headers as JSON arrays (`["a","b"]`); BPMN authors also write `a, b`. */
function items(value: string | undefined): string[] {
  const raw = value?.trim() ?? '';
  if (raw.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (Array.isArray(parsed)) return parsed.map((x) => String(x).trim()).filter(Boolean);
    } catch {
      // not JSON after all: fall through to the comma list
    }
  }
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseRule(item: string): { name: string; arg: string } | undefined {
  if (item === 'starter-unit-head') return { name: item, arg: '' };
  const m = /^([a-z-]+):(.+)$/.exec(item);
  return m && RULES[m[1]!] ? { name: m[1]!, arg: m[2]! } : undefined;
}

async function resolveTarget(item: string, input: AssignmentInput, dir: OrgDirectory): Promise<Target | undefined> {
  const rule = parseRule(item);
  if (!rule) return undefined;
  const target = await RULES[rule.name]!(rule.arg, input, dir);
  if ('unitId' in target && !dir.unit(target.unitId)) return { error: `${item}: no unit ${target.unitId}` };
  return target;
}

async function resolveUsers(value: string | undefined, input: AssignmentInput, dir: OrgDirectory, warnings: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const item of items(value)) {
    const target = await resolveTarget(item, input, dir);
    if (!target) out.add(item);
    else if ('error' in target) warnings.push(target.error);
    else {
      const users = await dir.usersWithRole(target.role, target.unitId);
      if (users.length === 0) warnings.push(`${item}: nobody holds ${target.role} at ${target.unitId}`);
      users.forEach((u) => out.add(u));
    }
  }
  return [...out];
}

async function resolveGroups(value: string | undefined, input: AssignmentInput, dir: OrgDirectory, warnings: string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const item of items(value)) {
    const target = await resolveTarget(item, input, dir);
    if (!target) out.add(item);
    else if ('error' in target) warnings.push(target.error);
    else if ((await dir.usersWithRole(target.role, target.unitId)).length === 0) warnings.push(`${item}: nobody holds ${target.role} at ${target.unitId}`);
    else out.add(`${target.role}@${target.unitId}`);
  }
  return [...out];
}

export async function resolveAssignment(input: AssignmentInput, dir: OrgDirectory): Promise<Assignment> {
  const warnings: string[] = [];
  const assignees = await resolveUsers(input.assignee, input, dir, warnings);
  const candidateUsers = await resolveUsers(input.candidateUsers, input, dir, warnings);
  const candidateGroups = await resolveGroups(input.candidateGroups, input, dir, warnings);
  // a rule naming several people makes them candidates: one of them claims
  let assignee: string | null = null;
  if (assignees.length === 1) assignee = assignees[0]!;
  else candidateUsers.push(...assignees.filter((u) => !candidateUsers.includes(u)));
  if (!assignee && candidateUsers.length === 0 && candidateGroups.length === 0) {
    candidateGroups.push(`dispatcher@${input.caseUnitId}`);
    warnings.push(`no assignee or candidate resolved; sent to the dispatcher queue of ${input.caseUnitId}`);
  }
  return { assignee, candidateUsers, candidateGroups, warnings };
}
