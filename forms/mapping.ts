/**
 * Admin-edited JSONata mappings (intake → variables, variables → prefill, submission → variables): compiled once
 * per source and cached, syntax-checked at save time, evaluated within bounds of time, recursion depth, sequence
 * length and result size so a bad expression cannot hang or bloat the server.
 */
import jsonata from 'jsonata';

export type MappingCheck = { ok: true } | { ok: false; message: string; position: number; code: string };

export interface MappingLimits {
  /** Wall-clock budget of one evaluation; jsonata checks it on every step of the expression tree. */
  timeoutMs: number;
  /** Deepest nesting of evaluation (recursion) allowed. */
  maxDepth: number;
  /** Longest sequence an expression may build (`[1..10000000]` is refused before it is allocated). */
  maxSequence: number;
  /** Largest JSON-serialised result, in bytes. */
  maxResultBytes: number;
}

export const DEFAULT_MAPPING_LIMITS: MappingLimits = {
  timeoutMs: 200,
  maxDepth: 200,
  maxSequence: 100_000,
  maxResultBytes: 256 * 1024,
};

export type MappingErrorCode = 'mapping.timeout' | 'mapping.too_large' | 'mapping.failed' | 'mapping.invalid';

/** A mapping that could not produce a result; `code` is stable (the server maps it to a problem document). */
export class MappingError extends Error {
  constructor(
    readonly code: MappingErrorCode,
    message: string,
    readonly position?: number,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

interface JsonataFault {
  code?: string;
  message?: string;
  position?: number;
}

function asFault(err: unknown): JsonataFault {
  return typeof err === 'object' && err !== null ? (err as JsonataFault) : { message: String(err) };
}

/** Bounded LRU of compiled expressions keyed by limits + source (jsonata fixes its guardrails at compile time). */
const CACHE_SIZE = 500;
const cache = new Map<string, jsonata.Expression>();
let compilations = 0;

function compile(source: string, limits: MappingLimits): jsonata.Expression {
  const key = `${limits.timeoutMs}|${limits.maxDepth}|${limits.maxSequence}\n${source}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth, sequence: limits.maxSequence });
  } catch (err) {
    const fault = asFault(err);
    throw new MappingError('mapping.invalid', fault.message ?? 'Invalid JSONata expression', fault.position ?? 0);
  }
  compilations++;
  cache.set(key, expression);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return expression;
}

/** Save-time check: a syntax error is reported with its character position in the source. */
export function checkMapping(source: string): MappingCheck {
  try {
    jsonata(source);
    return { ok: true };
  } catch (err) {
    const fault = asFault(err);
    return {
      ok: false,
      code: fault.code ?? 'S0000',
      message: fault.message ?? 'Invalid JSONata expression',
      position: fault.position ?? 0,
    };
  }
}

/**
 * Evaluates `source` on `input`. Throws MappingError: `mapping.invalid` (syntax), `mapping.timeout` (time budget,
 * recursion depth or sequence length exceeded), `mapping.too_large` (result bigger than maxResultBytes),
 * `mapping.failed` (any other evaluation error, e.g. a type error).
 */
export async function evaluateMapping(
  source: string,
  input: unknown,
  limits: Partial<MappingLimits> = {},
): Promise<unknown> {
  const bounds = { ...DEFAULT_MAPPING_LIMITS, ...limits };
  const expression = compile(source, bounds);
  let result: unknown;
  try {
    result = await expression.evaluate(input);
  } catch (err) {
    const fault = asFault(err);
    const message = fault.message ?? 'Mapping evaluation failed';
    if (fault.code === 'D1012') throw new MappingError('mapping.timeout', message, fault.position);
    if (fault.code === 'D1011') throw new MappingError('mapping.timeout', message, fault.position);
    if (fault.code === 'D2014' || fault.code === 'D2015') {
      throw new MappingError('mapping.too_large', message, fault.position);
    }
    if (err instanceof RangeError) throw new MappingError('mapping.timeout', `Recursion too deep: ${err.message}`);
    throw new MappingError('mapping.failed', message, fault.position);
  }
  const serialised = result === undefined ? '' : JSON.stringify(result);
  if (Buffer.byteLength(serialised ?? '', 'utf8') > bounds.maxResultBytes) {
    throw new MappingError('mapping.too_large', `The result exceeds ${bounds.maxResultBytes} bytes`);
  }
  return result === undefined ? undefined : (JSON.parse(serialised) as unknown);
}

/** Cache statistics, for tests and the health page: how many distinct compilations happened. */
export function mappingCacheStats(): { size: number; compilations: number } {
  return { size: cache.size, compilations };
}
