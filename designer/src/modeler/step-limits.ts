/**
 * The step time limits set in the 共治设置 panel (task header `timeLimit`) go into the process's time-limit table
 * (S7's table, `server/time-limits/table.ts`), which is what the server reads to give tasks their due dates:
 * one catch-all rule per step (`category`, `caseKind`, `level`, `urgent` all `*`). More specific rules that
 * admins wrote (by category, urgency …) are kept and still win, being more specific.
 */
import type { Api } from './api.js';
import { ApiError } from './api.js';
import type { Translate } from './translate.js';

export type StepLimit = { step: string; amount: number; clock: 'naturalHours' | 'workingHours' | 'workingDays'; warnAt: number };
type Rule = { step: string; category: string; caseKind: string; level: string | number; urgent: boolean | '*'; limit: { amount: number; clock: string }; warnAt?: number };
export type TimeLimitTable = { id: string; name: string; source: string; processId?: string; rules: Rule[] };

interface Node { $type: string; id?: string; $instanceOf?(t: string): boolean; [k: string]: unknown }
const CLOCKS = new Set(['naturalHours', 'workingHours', 'workingDays']);

/** The step limits of every user task of a definitions tree (processes and nested sub-processes). */
export function stepLimitsOf(definitions: unknown): StepLimit[] {
  const out: StepLimit[] = [];
  const visit = (n: Node): void => {
    if (n.$type === 'bpmn:UserTask' && n.id) {
      const values = ((n.extensionElements as Node | undefined)?.values as Node[] | undefined) ?? [];
      const headers = values.filter((v) => v.$type === 'zeebe:TaskHeaders').flatMap((h) => (h.values as Node[] | undefined) ?? []);
      const raw = headers.find((h) => h.key === 'timeLimit')?.value;
      if (typeof raw === 'string') {
        try {
          const v = JSON.parse(raw) as { amount?: unknown; clock?: unknown; warnAt?: unknown };
          if (typeof v.amount === 'number' && v.amount > 0 && typeof v.clock === 'string' && CLOCKS.has(v.clock)) {
            out.push({ step: n.id, amount: v.amount, clock: v.clock as StepLimit['clock'], warnAt: typeof v.warnAt === 'number' && v.warnAt > 0 && v.warnAt < 1 ? v.warnAt : 0.8 });
          }
        } catch {
          // not JSON: the panel never writes that; ignored like any foreign header
        }
      }
    }
    for (const key of ['rootElements', 'flowElements']) for (const c of (n[key] as Node[] | undefined) ?? []) visit(c);
  };
  visit(definitions as Node);
  return out;
}

const isCatchAll = (r: Rule) => r.category === '*' && r.caseKind === '*' && String(r.level) === '*' && r.urgent === '*';

/** The catch-all rule of each designed step (category, case kind, level and urgency all `*`). */
export function stepRules(steps: StepLimit[]): Rule[] {
  return steps.map((s) => ({ step: s.step, category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: s.amount, clock: s.clock }, warnAt: s.warnAt }));
}

/** The table with one catch-all rule per designed step, replacing the designer's earlier ones for those steps. */
export function mergeStepLimits(existing: TimeLimitTable | undefined, processId: string, name: string, steps: StepLimit[]): TimeLimitTable {
  const designed = new Set(steps.map((s) => s.step));
  const kept = (existing?.rules ?? []).filter((r) => !(designed.has(r.step) && isCatchAll(r)));
  const added = stepRules(steps);
  return { id: processId, name: existing?.name ?? name, source: existing?.source ?? '流程设计器中设置的环节时限', processId, rules: [...kept, ...added] };
}

type Stored = { table: TimeLimitTable; scopeUnitId: string };

async function tableAt(api: Api, processId: string, unitId: string): Promise<Stored | undefined> {
  try {
    return await api.get<Stored>(`/api/time-limits/${encodeURIComponent(processId)}?unitId=${encodeURIComponent(unitId)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return undefined;
    throw e;
  }
}

export type LimitsOutcome =
  | { kind: 'updated'; copiedFromTemplate: boolean; steps: number }
  | { kind: 'unavailable' | 'failed'; message: string };

/**
 * Writes the time-limit table of a deployed process at `unitId`: the process's own table there, or — for a
 * variant derived from a template — a copy of the template's table that applies at the unit (the server finds
 * tables by process id, and a variant has its own id, so without the copy none of the template's steps would
 * get a due date); then the designed step limits merged in. Undefined when there was nothing to write.
 */
export async function syncStepLimits(
  api: Api,
  definitions: unknown,
  target: { processId: string; name: string; unitId: string; templateProcessId?: string },
): Promise<LimitsOutcome | undefined> {
  const steps = stepLimitsOf(definitions);
  let base: TimeLimitTable | undefined;
  let copiedFromTemplate = false;
  try {
    base = (await tableAt(api, target.processId, target.unitId))?.table;
    if (!base && target.templateProcessId && target.templateProcessId !== target.processId) {
      const template = (await tableAt(api, target.templateProcessId, target.unitId))?.table;
      if (template) {
        base = { ...template, id: target.processId, processId: target.processId };
        copiedFromTemplate = true;
      }
    }
  } catch (e) {
    return steps.length ? { kind: 'unavailable', message: (e as Error).message } : undefined;
  }
  if (!base && steps.length === 0) return undefined;
  try {
    await api.put(`/api/time-limits/${encodeURIComponent(target.processId)}`, { unitId: target.unitId, table: mergeStepLimits(base, target.processId, target.name, steps) });
    return { kind: 'updated', copiedFromTemplate, steps: steps.length };
  } catch (e) {
    return { kind: 'failed', message: (e as Error).message };
  }
}

/** The outcome in words for the status line. */
export function describeLimits(o: LimitsOutcome, t: Translate): string {
  if (o.kind !== 'updated') return t(o.kind === 'unavailable' ? '时限表暂不可用：{message}' : '时限表未更新：{message}', { message: o.message });
  const parts = [o.copiedFromTemplate ? t('沿用模板时限表') : '', o.steps ? t('{n} 个环节时限', { n: String(o.steps) }) : ''].filter(Boolean);
  return t('时限表已更新（{parts}）', { parts: parts.join(t('，')) });
}
