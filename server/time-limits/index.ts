/** Time-limit tables (时限表) and due dates from them: the public face of server/time-limits. */
export { CLOCKS, parseTable, ruleSchema, tableSchema, TimeLimitTableInvalidError, type Clock, type TableProblem, type TimeLimitRule, type TimeLimitTable } from './table.js';
export { categoryParts, resolveRule, type LimitContext, type ResolvedLimit } from './resolver.js';
export { TIME_LIMITS_COLLECTION, type StoredTable } from './repository.js';
export { TimeLimitNotFoundError, TimeLimitService, type ComputedDue, type UnitPaths } from './service.js';
export { DUE_JOB_TYPE, DueWorker } from './due-worker.js';
export { taskDueResolver, type DueHookTask } from './task-due.js';
