/**
 * SLA states of a task or case: normal → warning (黄牌, at the rule's share of the limit) → overdue (红牌, past the
 * due instant) → supervised (督办, a supervisor's command on an overdue one). A missing `slaState` means normal.
 */
export type SlaState = 'normal' | 'warning' | 'overdue' | 'supervised';

export const SLA_LABELS: Record<Exclude<SlaState, 'normal'>, string> = { warning: '黄牌预警', overdue: '红牌超期', supervised: '督办' };

/** Case statuses whose clock no longer runs (the SLA sweeper leaves them alone). */
export const CASE_STOPPED_STATUSES = ['closed', 'rejected', 'cancelled', 'deferred', 'suspended'];
export const TASK_ACTIVE_STATES = ['open', 'delegated', 'countersigning'];
export const CASES_COLLECTION = 'cases';
export const TASKS_COLLECTION = 'tasks';
export const SUPERVISIONS_COLLECTION = 'sla_supervisions';
