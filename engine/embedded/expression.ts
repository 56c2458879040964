/**
 * The engine's single door to FEEL (engine/feel): strips Zeebe's leading `=`, evaluates against a variable
 * context, and turns evaluation failures into IncidentFault so that they become incidents, never crashes.
 */
import { checkFeel, evaluateFeel, isFeelExpression } from '../feel/index.js';
import type { IncidentErrorType } from '../port.js';

/** A failure caused by the process or its data: the processor turns it into an incident on the element. */
export class IncidentFault extends Error {
  constructor(readonly errorType: IncidentErrorType, message: string) {
    super(message);
    this.name = 'IncidentFault';
  }
}

const stripEq = (source: string): string => (source.trimStart().startsWith('=') ? source.trimStart().slice(1) : source);

/** Evaluates an expression that is always FEEL in Zeebe (conditions, mappings, collections); `=` optional. */
export function evalFeel(source: string, context: Record<string, unknown>, errorType: IncidentErrorType, now?: number): unknown {
  try {
    return evaluateFeel(stripEq(source), context, now === undefined ? undefined : { now });
  } catch (err) {
    throw new IncidentFault(errorType, `failed to evaluate expression '${source.trim()}': ${(err as Error).message}`);
  }
}

/** Evaluates a value that is static text unless it starts with `=` (job type, timer, called element ...). */
export function evalStaticOrFeel(source: string, context: Record<string, unknown>, errorType: IncidentErrorType, now?: number): unknown {
  return isFeelExpression(source.trimStart()) ? evalFeel(source, context, errorType, now) : source;
}

/** Evaluates to a string, as Zeebe requires for job types, message names and correlation keys. */
export function evalString(source: string, context: Record<string, unknown>, errorType: IncidentErrorType, what: string, alwaysFeel = false): string {
  const v = alwaysFeel ? evalFeel(source, context, errorType) : evalStaticOrFeel(source, context, errorType);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && what === 'correlation key') return String(v);
  throw new IncidentFault(errorType, `expected ${what} '${source.trim()}' to evaluate to a string but was ${v === null ? 'null' : typeof v}`);
}

/** Parse-time check used by deployment validation; null when the expression is fine. */
export function feelProblem(source: string, alwaysFeel: boolean): string | null {
  if (!alwaysFeel && !isFeelExpression(source.trimStart())) return null;
  const res = checkFeel(stripEq(source));
  return res.ok ? null : `invalid FEEL expression '${source.trim()}': ${res.message}`;
}
