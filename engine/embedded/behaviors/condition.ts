/** Sequence-flow conditions: Zeebe requires a boolean; anything else (null from a missing variable) is an EXTRACT_VALUE_ERROR incident. */
import { evalFeel, IncidentFault } from '../expression.js';

export function evalCondition(source: string, ctx: Record<string, unknown>, now: number): boolean {
  const v = evalFeel(source, ctx, 'EXTRACT_VALUE_ERROR', now);
  if (typeof v === 'boolean') return v;
  const kind = v === null || v === undefined ? 'NULL' : Array.isArray(v) ? 'ARRAY' : typeof v === 'object' ? 'OBJECT' : (typeof v).toUpperCase();
  throw new IncidentFault('EXTRACT_VALUE_ERROR', `Expected result of the expression '${source.trim()}' to be 'BOOLEAN', but was '${kind}'.`);
}
