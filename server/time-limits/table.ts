/**
 * The time-limit table (时限表) as data: which limit applies to a step of a process, by category, case kind,
 * level and urgency. Admins edit it; P8's library loader ships one per process (`processes/<p>/time-limits.json`).
 */
import { z } from 'zod';

export const CLOCKS = ['naturalHours', 'workingHours', 'workingDays'] as const;
export type Clock = (typeof CLOCKS)[number];

const wildcardOr = <T extends z.ZodType>(t: T) => z.union([z.literal('*'), t]);

export const ruleSchema = z.strictObject({
  /** BPMN element id of the step, or `*`. */
  step: z.string().min(1).max(200),
  /** `major` or `major/minor` of the case category, or `*`. */
  category: z.string().min(1).max(200),
  caseKind: wildcardOr(z.enum(['immediate', 'committed', 'coordinated'])),
  level: z.union([z.literal('*'), z.string().regex(/^\d+$/), z.number().int().min(0)]).transform((v) => (v === '*' ? '*' : String(v))),
  urgent: z.union([z.literal('*'), z.boolean()]),
  limit: z.strictObject({ amount: z.number().positive().max(100_000), clock: z.enum(CLOCKS) }),
  /** Share of the limit after which the SLA state becomes warning (黄牌). */
  warnAt: z.number().gt(0).lt(1).default(0.8),
});

export const tableSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - (1..100)'),
  name: z.string().min(1).max(200),
  /** Where the numbers come from (a regulation, a local notice): kept for the admins who check them. */
  source: z.string().max(1000),
  /** The BPMN process id the table is for; defaults to `id`. */
  processId: z.string().min(1).max(200).optional(),
  rules: z.array(ruleSchema).min(1).max(2000),
});

export type TimeLimitRule = z.infer<typeof ruleSchema>;
export type TimeLimitTable = z.infer<typeof tableSchema>;

export interface TableProblem {
  /** JSON path of the offending value, e.g. `$.rules[3].limit.clock`. */
  path: string;
  message: string;
}

export class TimeLimitTableInvalidError extends Error {
  readonly code = 'time_limit.invalid';
  /** Every problem with its JSON path (the HTTP layer answers them as the problem's `errors`). */
  constructor(readonly details: TableProblem[]) {
    super(`the time-limit table is not valid: ${details.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.name = 'TimeLimitTableInvalidError';
  }
}

function jsonPath(path: PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** Parses a table, or throws with every problem and its JSON path. */
export function parseTable(input: unknown): TimeLimitTable {
  const parsed = tableSchema.safeParse(input);
  if (!parsed.success) throw new TimeLimitTableInvalidError(parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message })));
  return parsed.data;
}
