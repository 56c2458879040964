import { beforeEach, describe, expect, it } from '@jest/globals';
import {
  checkFeel,
  clearFeelCache,
  describeFeelWarnings,
  evaluateFeel,
  evaluateFeelDetailed,
  FEEL_CACHE_CAPACITY,
  feelCacheSize,
  FeelEvaluationError,
  isFeelExpression,
  MAX_ITERATIONS,
  MAX_NESTING_DEPTH,
  MAX_SOURCE_LENGTH,
} from '../../engine/feel/index.js';

function evaluationError(source: string, context: Record<string, unknown> = {}): FeelEvaluationError {
  try {
    evaluateFeel(source, context);
  } catch (error) {
    expect(error).toBeInstanceOf(FeelEvaluationError);
    return error as FeelEvaluationError;
  }
  throw new Error(`expected '${source}' to fail`);
}

describe('isFeelExpression', () => {
  it.each([
    ['=amount > 1000', true],
    ['= x', true],
    ['=', true],
    ['amount > 1000', false],
    [' =x', false],
    ['', false],
    ['ct.review', false],
  ])('given %j, it answers %s (Zeebe: a leading = makes it FEEL)', (value, expected) => {
    expect(isFeelExpression(value)).toBe(expected);
  });
});

describe('typical process expressions', () => {
  const caseVariables = {
    amount: 2500,
    category: 'A',
    reporter: { name: '王芳', grid: { id: 'G-07', street: '东城街道' } },
    reports: [
      { severity: 4, status: 'open' },
      { severity: 1, status: 'open' },
      { severity: 5, status: 'closed' },
    ],
    urgent: false,
  };

  it.each([
    ['amount > 1000 and category = "A"', true],
    ['amount > 1000 and category = "B"', false],
    ['amount between 1000 and 3000', true],
    ['category in ["A", "B"]', true],
    ['reporter.grid.street', '东城街道'],
    ['reporter.name + "（网格员）"', '王芳（网格员）'],
    ['count(reports[severity >= 3 and status = "open"])', 1],
    ['reports[status = "open"].severity', [4, 1]],
    ['if urgent then "P1" else if amount > 2000 then "P2" else "P3"', 'P2'],
    ['some r in reports satisfies r.severity = 5', true],
    ['every r in reports satisfies r.severity > 0', true],
    ['for r in reports return r.status = "open"', [true, true, false]],
    ['{ grid: reporter.grid.id, total: amount * 2 }', { grid: 'G-07', total: 5000 }],
    ['not(urgent)', true],
    ['"A" instance of string', true],
  ])('given the case variables, %s evaluates to %j', (source, expected) => {
    expect(evaluateFeel(source, caseVariables)).toEqual(expected);
  });
});

describe('null handling (Zeebe 8.5: missing things are null, not failures)', () => {
  it('given a variable that does not exist, it evaluates to null and says why in a warning', () => {
    const result = evaluateFeelDetailed('missing', {});
    expect(result.value).toBeNull();
    expect(result.warnings).toEqual([expect.objectContaining({ type: 'NO_VARIABLE_FOUND', position: 0 })]);
  });

  it.each([
    ['missing.property', null],
    ['x.y', null],
    ['missing > 3', null],
    ['missing = null', true],
    ['missing != null and missing > 3', false],
    ['[{a: 1}, {b: 2}][a < 10]', [{ a: 1 }]],
    ['[{a: 1}, {b: 2}].a', [1, null]],
    ['unknownFunction(1)', null],
    ['"a" + 1', null],
    ['substring(1, 2)', null],
  ])('given %s, it evaluates to %j', (source, expected) => {
    expect(evaluateFeel(source, { x: 5 })).toEqual(expected);
  });

  it('given warnings, they read like the list Zeebe appends to an incident message', () => {
    const { warnings } = evaluateFeelDetailed('missing > limit.max', { limit: {} });
    expect(describeFeelWarnings(warnings).split('\n')).toEqual([
      "[NO_VARIABLE_FOUND] Variable 'missing' not found",
      expect.stringMatching(/^\[NO_(CONTEXT_ENTRY|PROPERTY)_FOUND\] .*'max'/),
    ]);
    expect(describeFeelWarnings([])).toBe('');
  });

  it('given an explicit null variable and an undefined one, both read as null', () => {
    expect(evaluateFeel('[a, b]', { a: null, b: undefined })).toEqual([null, null]);
  });

  it('given a non-boolean condition result, it returns it unchanged and leaves the judgement to the caller', () => {
    expect(evaluateFeel('amount', { amount: 3 })).toBe(3);
    expect(evaluateFeel('amount > 3', {})).toBeNull();
  });
});

describe('variables and built-ins share no namespace (as in Zeebe)', () => {
  it('given variables named like built-in functions, calls still reach the functions', () => {
    const context = { count: 7, trim: 'x', now: 'not a clock', date: '2024-05-01' };
    expect(evaluateFeel('count([1, 2, 3])', context)).toBe(3);
    expect(evaluateFeel('trim("  街道 ")', context)).toBe('街道');
    expect(evaluateFeel('now()', context, { now: Date.UTC(2024, 0, 1) })).toBe('2024-01-01T00:00:00Z');
    expect(evaluateFeel('count + 1', context)).toBe(8);
  });

  it('given a variable whose name has spaces, it reads it as one name', () => {
    expect(evaluateFeel('order total * 2', { 'order total': 21 })).toBe(42);
  });
});

describe('inputs are JSON values, the way Zeebe receives variables', () => {
  it('given an ISO string, it stays a string until date and time() converts it', () => {
    const context = { reportedAt: '2024-05-01T08:00:00Z' };
    expect(evaluateFeel('reportedAt instance of string', context)).toBe(true);
    expect(evaluateFeel('date and time(reportedAt) + duration("PT2H")', context)).toBe('2024-05-01T10:00:00Z');
  });

  it('given a JS Date, it is the ISO string JSON would store', () => {
    expect(evaluateFeel('d', { d: new Date(Date.UTC(2024, 4, 1, 8)) })).toBe('2024-05-01T08:00:00.000Z');
    expect(evaluateFeel('date and time(d) < date and time("2024-06-01T00:00:00Z")', { d: new Date(Date.UTC(2024, 4, 1)) })).toBe(true);
  });

  it('given nested contexts and lists, results are plain JSON (no FEEL wrapper objects leak out)', () => {
    const value = evaluateFeel('{ on: date("2024-05-01"), within: duration("P3D"), items: [time("10:00:00")] }', {});
    expect(value).toEqual({ on: '2024-05-01', within: 'P3D', items: ['10:00:00'] });
    expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  });

  it.each([
    ['0.1 + 0.2', 0.3],
    ['19.99 * 3', 59.97],
    ['10 / 4', 2.5],
    ['1 / 0', null],
    ['function(x) x', null],
    ['[1..3]', null],
  ])('given %s, the stored value is %j', (source, expected) => {
    expect(evaluateFeel(source, {})).toEqual(expected);
  });
});

describe('bare variables and paths (the common input/output mapping)', () => {
  const context = {
    applicant: { name: '李雷', address: { street: '东城街道', no: 7 }, tags: ['elder'] },
    items: [{ a: 1 }, { b: 2 }],
    reportedAt: new Date(Date.UTC(2024, 4, 1)),
    ratio: 0.1 + 0.2,
    nothing: null,
    skipped: undefined,
    'order total': 3,
  };

  it.each([
    'applicant',
    'applicant.name',
    'applicant . address . street',
    'applicant.address',
    'applicant.tags',
    'applicant.missing',
    'applicant.name.first',
    'items.a',
    'reportedAt',
    'ratio',
    'nothing',
    'nothing.x',
    'skipped',
    'missing',
    'order total',
  ])('given %s, the result equals what the interpreter computes for the same expression in parentheses', (path) => {
    expect(evaluateFeel(path, context)).toEqual(evaluateFeel(`(${path})`, context));
  });

  it('given a path, it reads through nested contexts', () => {
    expect(evaluateFeel('applicant.address', context)).toEqual({ street: '东城街道', no: 7 });
    expect(evaluateFeel('ratio', context)).toBe(0.3);
  });
});

describe('checkFeel (deployment validation)', () => {
  it.each(['amount > 1000', 'get or else(x, 1)', 'is defined(a.b)', 'date("2024-01-01") + duration("P1D")', 'for i in 1..3 return i'])(
    'given the valid expression %s, it is ok',
    (source) => {
      expect(checkFeel(source)).toEqual({ ok: true });
    },
  );

  it.each([
    ['1 +', 3],
    ['amount > ', 9],
    ['"unterminated', 0],
    ['(1 + 2', 6],
  ])('given %j, it reports the problem and where', (source, position) => {
    const check = checkFeel(source);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.message.length).toBeGreaterThan(5);
      expect(check.position).toBe(position);
    }
  });

  it('given unary tests (DMN-style input entries), it parses them as unary tests', () => {
    expect(checkFeel('> 3, < 1', 'unaryTests')).toEqual({ ok: true });
    expect(checkFeel('[1..5]', 'unaryTests')).toEqual({ ok: true });
    expect(checkFeel('-', 'unaryTests')).toEqual({ ok: true });
    expect(checkFeel('> 3 <', 'unaryTests').ok).toBe(false);
  });

  it('given something that is not text (an untyped caller), it is not ok rather than a crash', () => {
    expect(checkFeel(undefined as unknown as string)).toMatchObject({ ok: false });
    expect(() => evaluateFeel(42 as unknown as string, {})).toThrow(FeelEvaluationError);
    expect(evaluateFeel('42', {})).toBe(42);
    expect(evaluateFeel('1 + 1', null as unknown as Record<string, unknown>)).toBe(2);
  });

  it('given an empty or blank expression, it is not ok', () => {
    expect(checkFeel('').ok).toBe(false);
    expect(checkFeel('   ').ok).toBe(false);
  });

  it('given pathological input, it refuses it quickly instead of recursing or looping', () => {
    const deep = '('.repeat(MAX_NESTING_DEPTH + 1) + '1' + ')'.repeat(MAX_NESTING_DEPTH + 1);
    expect(checkFeel(deep)).toMatchObject({ ok: false, message: expect.stringContaining('nests deeper') });
    expect(checkFeel('('.repeat(MAX_NESTING_DEPTH) + '1' + ')'.repeat(MAX_NESTING_DEPTH))).toEqual({ ok: true });
    expect(checkFeel(`"${'a'.repeat(MAX_SOURCE_LENGTH)}"`)).toMatchObject({ ok: false, message: expect.stringContaining('longer') });
    expect(checkFeel('for i in 1..1000000000 return i')).toMatchObject({ ok: false, message: expect.stringContaining('iterates') });
    expect(checkFeel('for i in 1..1000, j in 1..1000 return i')).toMatchObject({ ok: false });
    expect(checkFeel('"((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("')).toEqual({ ok: true });
  });
});

describe('evaluation failures throw FeelEvaluationError', () => {
  it('given a syntax error, it throws with the stable code, the source and the position', () => {
    const error = evaluationError('amount >');
    expect(error.code).toBe('feel.evaluation_failed');
    expect(error.source).toBe('amount >');
    expect(error.position).toBe(8);
    expect(error.message).toContain("'amount >'");
  });

  it('given cyclic data (not JSON, from a careless caller), it throws instead of overflowing the stack', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(evaluateFeel('c.name', { c: cyclic })).toBe('loop');
    expect(evaluationError('c', { c: cyclic }).message).toContain('nest too deeply');
    expect(evaluationError('c.self.name = "loop"', { c: cyclic }).code).toBe('feel.evaluation_failed');
  });

  it('given a failed assert(), it throws with the cause', () => {
    expect(evaluateFeel('assert(x, x != null)', { x: 1 })).toBe(1);
    expect(evaluationError('assert(x, x != null, "x is required")').message).toContain('x is required');
    expect(evaluationError('assert(x, x > 0)', { x: -1 }).message).toContain('condition is not fulfilled');
  });

  it('given a range bound in a variable that is too large, it throws before iterating', () => {
    expect(evaluateFeel('for i in 1..n return i', { n: 3 })).toEqual([1, 2, 3]);
    expect(evaluationError('for i in 1..n return i', { n: 1e9 }).message).toContain('iterate over more than');
  });

  it('given nested loops over lists in variables whose sizes multiply past the budget, it throws before iterating', () => {
    const list = Array.from({ length: 100 }, (_, i) => i);
    expect(evaluateFeel('count(for a in list, b in list return a)', { list })).toBe(10_000);
    expect(evaluateFeel('some a in data.items satisfies a > 98', { data: { items: list } })).toBe(true);
    expect(evaluationError('count(for a in list, b in list, c in list return a)', { list }).message).toContain(
      `more than ${MAX_ITERATIONS} elements`,
    );
    expect(evaluationError('for a in data.items, b in data.items, c in 1..11 return 1', { data: { items: list } }).code).toBe(
      'feel.evaluation_failed',
    );
  });
});

describe('the compile cache', () => {
  beforeEach(() => clearFeelCache());

  it('given the same expression evaluated many times with different data, it is compiled once', () => {
    for (let amount = 0; amount < 50; amount++) {
      expect(evaluateFeel('amount > 10', { amount })).toBe(amount > 10);
    }
    expect(feelCacheSize()).toBe(1);
    checkFeel('amount > 10');
    expect(feelCacheSize()).toBe(1);
  });

  it('given a cached syntax error, it keeps failing the same way', () => {
    expect(() => evaluateFeel('1 +', {})).toThrow(FeelEvaluationError);
    expect(() => evaluateFeel('1 +', {})).toThrow(FeelEvaluationError);
    expect(feelCacheSize()).toBe(1);
  });

  it('given more distinct expressions than its capacity, it stays bounded and still evaluates correctly', () => {
    for (let i = 0; i < FEEL_CACHE_CAPACITY + 25; i++) expect(evaluateFeel(`${i} + 1`, {})).toBe(i + 1);
    expect(feelCacheSize()).toBe(FEEL_CACHE_CAPACITY);
    expect(evaluateFeel('0 + 1', {})).toBe(1);
  });

  it('given a constant expression, repeated evaluations give equal results that callers cannot corrupt', () => {
    const first = evaluateFeel('{ limit: duration("P3D"), steps: [1, 2] }', {}) as { steps: number[] };
    first.steps.push(99);
    expect(evaluateFeel('{ limit: duration("P3D"), steps: [1, 2] }', {})).toEqual({ limit: 'P3D', steps: [1, 2] });
  });

  it('given now(), today() or uuid(), the result is never reused', () => {
    expect(evaluateFeel('today()', {}, { now: Date.UTC(2024, 0, 1) })).toBe('2024-01-01');
    expect(evaluateFeel('today()', {}, { now: Date.UTC(2025, 0, 1) })).toBe('2025-01-01');
    expect(evaluateFeel('string(now())', {}, { now: Date.UTC(2025, 0, 1) })).toBe('2025-01-01T00:00:00Z');
    expect(evaluateFeel('string(now())', {}, { now: Date.UTC(2026, 0, 1) })).toBe('2026-01-01T00:00:00Z');
    expect(evaluateFeel('uuid()', {})).not.toBe(evaluateFeel('uuid()', {}));
  });

  it('given a context with a multi-word name, it compiles that variant separately (FEEL names depend on scope)', () => {
    expect(evaluateFeel('order total', { 'order total': 5 })).toBe(5);
    expect(evaluateFeel('order total', {})).toBeNull();
    expect(feelCacheSize()).toBe(2);
  });
});
