/**
 * The dispatch routing table (派遣路由表) as data: which department(s) a case goes to, by its category and the
 * area (unit subtree) it lies in. The library ships one per process (`processes/<p>/routing.json`); a county may
 * load its own over the city's (nearest scope wins, see service.ts).
 */
import { z } from 'zod';

export const routingRuleSchema = z.strictObject({
  /** `major` or `major/minor` of the case category, or `*`. */
  category: z.string().min(1).max(200),
  /** A unit id: the rule applies to cases whose unit lies in that unit's subtree; `*` everywhere. */
  area: z.string().min(1).max(64),
  /** Department unit ids, the first is the lead (主办), the others assist (协办). */
  departments: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(20),
  note: z.string().max(500).optional(),
});

export const routingTableSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, 'letters, digits, _ . - (1..100)'),
  name: z.string().min(1).max(200),
  source: z.string().max(1000),
  /** The BPMN process id the table is for; defaults to `id`. */
  processId: z.string().min(1).max(200).optional(),
  rules: z.array(routingRuleSchema).min(1).max(5000),
});

export type RoutingRule = z.infer<typeof routingRuleSchema>;
export type RoutingTable = z.infer<typeof routingTableSchema>;

export class RoutingTableInvalidError extends Error {
  readonly code = 'routing.invalid';
  constructor(readonly details: { path: string; message: string }[]) {
    super(`the routing table is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`);
    this.name = 'RoutingTableInvalidError';
  }
}

export function parseRoutingTable(input: unknown): RoutingTable {
  const parsed = routingTableSchema.safeParse(input);
  if (!parsed.success) {
    throw new RoutingTableInvalidError(
      parsed.error.issues.map((i) => ({ path: '$' + i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join(''), message: i.message })),
    );
  }
  return parsed.data;
}
