import { describe, expect, it } from '@jest/globals';
import { checkMapping, evaluateMapping, mappingCacheStats, MappingError } from '../../../forms/index.js';

async function failure(source: string, input: unknown = {}, limits = {}): Promise<MappingError> {
  try {
    await evaluateMapping(source, input, limits);
  } catch (err) {
    if (err instanceof MappingError) return err;
    throw err;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('JSONata mappings', () => {
  it('given intake data, when mapped to process variables, then the result is plain JSON', async () => {
    const intake = { reporter: { name: '张三', mobile: '13812345678' }, items: [{ kind: '噪音' }, { kind: '占道' }] };
    const result = await evaluateMapping('{ "reporterName": reporter.name, "kinds": [items.kind], "count": $count(items) }', intake);
    expect(result).toEqual({ reporterName: '张三', kinds: ['噪音', '占道'], count: 2 });
  });

  it('given a syntax error, when checked at save time, then its message and character position are reported', () => {
    expect(checkMapping('{ "a": reporter.name, }')).toEqual(expect.objectContaining({ ok: false, position: expect.any(Number) }));
    const check = checkMapping('reporter.name + ');
    expect(check).toEqual({ ok: false, code: 'S0207', message: expect.stringContaining('end of expression'), position: 16 });
    expect(checkMapping('reporter.name')).toEqual({ ok: true });
  });

  it('given a syntax error, when evaluated, then it fails as mapping.invalid with the position', async () => {
    const err = await failure('a +');
    expect([err.code, err.position]).toEqual(['mapping.invalid', 3]);
  });

  it('given a range of ten million items, then it is refused as too large before it is built', async () => {
    expect((await failure('$count([1..10000000])')).code).toBe('mapping.too_large');
  });

  it('given an endless recursion, then it stops with mapping.timeout within its budget', async () => {
    const err = await failure('($f := function($n){ $f($n + 1) }; $f(0))', {}, { timeoutMs: 50 });
    expect(err.code).toBe('mapping.timeout');
  });

  it('given a deep non-tail recursion, then the depth bound stops it', async () => {
    const err = await failure('($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))', {}, { maxDepth: 100, timeoutMs: 5000 });
    expect(err.code).toBe('mapping.timeout');
    expect(err.message).toMatch(/[Ss]tack/);
  });

  it('given a nested loop of ten billion steps, then the time bound stops it', async () => {
    const err = await failure('$sum($map([1..99999], function($v){ $sum($map([1..99999], function($w){ $w })) }))', {}, { timeoutMs: 50 });
    expect(err.code).toBe('mapping.timeout');
  });

  it('given a result larger than the size bound, then it fails as mapping.too_large', async () => {
    const err = await failure('$pad("", 20000, "码")', {}, { maxResultBytes: 10_000 });
    expect(err.code).toBe('mapping.too_large');
    expect(await evaluateMapping('[1..20].("码" & $string($))', {}, { maxResultBytes: 10_000 })).toHaveLength(20);
  });

  it('given a runtime type error, then it fails as mapping.failed', async () => {
    expect((await failure('"a" + 1')).code).toBe('mapping.failed');
  });

  it('given the same source evaluated many times, then it is compiled once', async () => {
    const source = '$uppercase(code) & "-" & $string(n)';
    const before = mappingCacheStats().compilations;
    for (let n = 0; n < 20; n++) await evaluateMapping(source, { code: 'gz', n });
    expect(mappingCacheStats().compilations - before).toBe(1);
    expect(await evaluateMapping(source, { code: 'gz', n: 7 })).toBe('GZ-7');
  });

  it('given concurrent evaluations of one cached expression, then each gets its own input and time budget', async () => {
    const source = 'a * 2';
    const results = await Promise.all([1, 2, 3].map((a) => evaluateMapping(source, { a })));
    expect(results).toEqual([2, 4, 6]);
  });
});
