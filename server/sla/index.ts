/** SLA states (黄牌/红牌/督办) of tasks and cases: sweeper, supervision command, case deadlines. */
import type { CaseEvents } from '../cases/events.js';
import type { SecurityServices } from '../identity/services.js';
import type { Logger } from '../log/logger.js';
import type { Notifier } from '../notifications/index.js';
import type { DocumentStore } from '../store/port.js';
import type { TimeLimitService } from '../time-limits/index.js';
import { setCaseDue } from './case-due.js';
import { SlaRecipients } from './recipients.js';
import { SlaSweeper } from './sweeper.js';
import { SupervisionService } from './supervise.js';

export { CASE_STEP, setCaseDue } from './case-due.js';
export { SlaRecipients } from './recipients.js';
export { SlaSweeper, type SweepResult } from './sweeper.js';
export { NotOverdueError, SlaTargetNotFoundError, SupervisionService, type SuperviseCommand, type Supervision } from './supervise.js';
export { SLA_LABELS, SUPERVISIONS_COLLECTION, type SlaState } from './sla-state.js';

export interface SlaServices {
  sweeper: SlaSweeper;
  supervision: SupervisionService;
  /** Call when a case is filed (C7's `filed` event): computes its dueAt / slaWarnAt. */
  caseFiled(caseId: string): Promise<{ dueAt: string; warnAt: string } | undefined>;
  /** Computes each case's deadline when C7's milestone worker emits `filed`; returns the unsubscribe function. */
  subscribe(events: Pick<CaseEvents, 'on'>): () => void;
  stop(): void;
}

export function createSlaServices(
  store: DocumentStore,
  security: SecurityServices,
  notifier: Notifier,
  limits: TimeLimitService,
  options: { sweepMs?: number; now?: () => Date; logger?: Logger } = {},
): SlaServices {
  const recipients = new SlaRecipients(security);
  const sweeper = new SlaSweeper(store, recipients, notifier, options.now, (err) => options.logger?.error({ err }, 'SLA sweep failed'));
  const supervision = new SupervisionService(store, recipients, notifier, security.audit, options.now);
  sweeper.start(options.sweepMs ?? 0);
  const caseFiled = (caseId: string) => setCaseDue(store, limits, caseId);
  return {
    sweeper,
    supervision,
    caseFiled,
    subscribe: (events) => events.on('filed', async ({ case: c }) => void (await caseFiled(c._id))),
    stop: () => sweeper.stop(),
  };
}
