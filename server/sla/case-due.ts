/**
 * A case's deadline for closing, computed when it is filed (立案): the time-limit table's rules with step `case`
 * (or `*`) give the limit for its category, kind, level and urgency; the clock starts at `filedAt`.
 * Sets `dueAt`, `slaWarnAt` and `slaState: normal` on the case document (C7's `cases` collection).
 */
import type { DocumentStore } from '../store/port.js';
import type { TimeLimitService } from '../time-limits/index.js';
import { CASES_COLLECTION } from './sla-state.js';

export const CASE_STEP = 'case';

type CaseDoc = { _id: string; [key: string]: unknown };

export async function setCaseDue(store: DocumentStore, limits: TimeLimitService, caseId: string): Promise<{ dueAt: string; warnAt: string } | undefined> {
  const cases = store.collection<CaseDoc>(CASES_COLLECTION);
  const c = await cases.findOne({ _id: caseId });
  if (!c || typeof c.bpmnProcessId !== 'string' || typeof c.unitId !== 'string') return undefined;
  const start = new Date(String(c.filedAt ?? c.createdAt ?? new Date().toISOString()));
  const due = await limits.computeDue(
    {
      processId: c.bpmnProcessId, step: CASE_STEP, unitId: c.unitId, category: c.category,
      caseKind: typeof c.caseKind === 'string' ? c.caseKind : null, level: (c.level as string | number | undefined) ?? null, urgent: c.urgent === true,
    },
    start,
  );
  if (!due) return undefined;
  const dueAt = due.dueAt.toISOString();
  const warnAt = due.warnAt.toISOString();
  await cases.updateOne({ _id: caseId }, { $set: { dueAt, slaWarnAt: warnAt, slaState: 'normal' } });
  return { dueAt, warnAt };
}
