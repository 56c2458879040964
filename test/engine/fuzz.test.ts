/**
 * Fuzzing the two places where untrusted text enters the engine: FEEL expressions and BPMN uploads.
 * A seeded PRNG keeps every run identical, so a failure prints a seed and case number that reproduce it
 * (set FUZZ_SEED to explore other seeds). The property checked is the contract, not the outcome: inputs either
 * succeed or fail with our typed error, never with another exception, and every case finishes.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { checkFeel, evaluateFeel, FeelEvaluationError } from '../../engine/feel/index.js';
import { createEmbeddedEngine, EngineError } from '../../engine/index.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20240501);
const FEEL_CASES = 2_000;
const BPMN_CASES = 800;

/** mulberry32: tiny, fast, good enough to spread mutations; deterministic per seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = ReturnType<typeof prng>;
const int = (random: Random, max: number): number => Math.floor(random() * max);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)]!;

/** Generic text mutations: the kinds of damage truncated uploads, bad merges and typos do. */
function mutate(random: Random, text: string, alphabet: readonly string[]): string {
  const at = (): number => int(random, text.length + 1);
  switch (int(random, 7)) {
    case 0:
      return text.slice(0, at());
    case 1: {
      const from = at();
      return text.slice(0, from) + text.slice(from + int(random, 40));
    }
    case 2: {
      const from = at();
      const chunk = text.slice(from, from + 1 + int(random, 60));
      const to = at();
      return text.slice(0, to) + chunk + text.slice(to);
    }
    case 3: {
      const a = at();
      const b = at();
      const [x, y] = a < b ? [a, b] : [b, a];
      const len = Math.min(1 + int(random, 30), y - x);
      return text.slice(0, x) + text.slice(y, y + len) + text.slice(x + len, y) + text.slice(x, x + len) + text.slice(y + len);
    }
    case 4: {
      const to = at();
      return text.slice(0, to) + pick(random, alphabet) + text.slice(to);
    }
    case 5: {
      const to = int(random, Math.max(1, text.length));
      return text.slice(0, to) + pick(random, alphabet) + text.slice(to + 1);
    }
    default:
      return text.split('').reverse().join('').slice(0, at());
  }
}

// ---------------------------------------------------------------------------------------------------------- FEEL

const FEEL_SEEDS = [
  'amount > 1000 and category = "A"',
  'if urgent then "P1" else get or else(priority, "P3")',
  'count(reports[severity >= 3 and status = "open"]) > 2',
  'date(submittedOn) + duration("P15D") > today()',
  'date and time("2024-03-30T12:00:00@Europe/Berlin") + duration("P1D")',
  '{ grid: reporter.grid.id, total: sum(for r in reports return r.severity) }',
  'some r in reports satisfies r.status = "open"',
  'string join(for r in reports return upper case(r.status), ", ", "[", "]")',
  'put(ctx, ["a", "b"], extract(text, "[0-9]+"))',
  'sort(list, function(x, y) x > y)[1]',
  'years and months duration(date("2020-02-29"), date(submittedOn))',
  'assert(amount, amount >= 0, "negative")',
  'for i in 1..n return i * 2',
  'matches(text, "^[A-Z]{2}-\\d+$") and not(is empty(list))',
];

const FEEL_TOKENS = [
  ...['a', 'amount', 'list', 'ctx', 'text', 'n', 'item', 'x y', 'reports', '共治', '`a`', '?'],
  ...['0', '1', '-1', '3.14', '1e308', '99999999999999999999', '.5', '1..', '..', '1..1000000000'],
  ...['"s"', '""', '"\\"', '"\\u0000"', '"((((("', "'x'", '@"2024-01-01"', '@"P1D"', '@"junk"'],
  ...['+', '-', '*', '/', '**', '=', '!=', '<', '<=', '>', '>=', ',', '.', ':', ';', '|', '&', '!', '#', '\\'],
  ...['(', ')', '[', ']', '{', '}', '((', '))', '[[', ']]'],
  ...['and', 'or', 'not', 'if', 'then', 'else', 'for', 'in', 'return', 'some', 'every', 'satisfies'],
  ...['between', 'instance of', 'function', 'null', 'true', 'false', 'string', 'number', 'external'],
  ...['date(', 'date and time(', 'duration(', 'now()', 'today()', 'count(', 'sum(', 'sort(', 'put(', 'partition('],
  ...['get or else(', 'is defined(', 'string join(', 'substring(', 'matches(', 'replace(', 'split(', 'assert('],
  ...['years and months duration(', 'last day of month(', 'decimal(', 'modulo(', 'context merge(', 'flatten('],
  ...[' ', '\n', '\t', '\u00a0', '\u200b', '\ud800', '😀'],
];

const FEEL_CONTEXT = {
  amount: 2500,
  category: 'A',
  urgent: false,
  priority: null,
  submittedOn: '2024-05-01',
  reporter: { grid: { id: 'G-07' } },
  reports: [
    { severity: 4, status: 'open' },
    { severity: 1, status: 'closed' },
  ],
  list: [3, 1, 2],
  ctx: { a: { c: 1 } },
  text: 'AB-1234 and 5678',
  n: 5,
};

function feelCase(random: Random): string {
  const kind = int(random, 20);
  if (kind < 8) {
    const length = 1 + int(random, 25);
    return Array.from({ length }, () => pick(random, FEEL_TOKENS)).join(pick(random, ['', ' ']));
  }
  if (kind < 19) {
    let text = pick(random, FEEL_SEEDS);
    for (let i = 1 + int(random, 3); i > 0; i--) text = mutate(random, text, FEEL_TOKENS);
    return text;
  }
  // Pathological shapes: deep nesting, long literals, long operator chains, big ranges. Sizes stay moderate:
  // each such case costs the parser tens of milliseconds, and the point is the outcome, not the parser's speed.
  const depth = 10 + int(random, 150);
  return pick(random, [
    '('.repeat(depth) + '1' + ')'.repeat(depth),
    '['.repeat(depth) + ']'.repeat(depth),
    'not('.repeat(depth) + 'true' + ')'.repeat(depth),
    '1' + '+1'.repeat(depth * 4),
    '-'.repeat(depth * 4) + '1',
    `"${'x'.repeat(depth * 100)}"`,
    `for i in 1..${depth ** 4}, j in 1..${depth ** 4} return i`,
    `count(for i in 1..n, j in 1..${depth * 1000} return i)`,
  ]);
}

describe('fuzz: FEEL', () => {
  it(`given ${FEEL_CASES} mutated and random expressions (seed ${SEED}), each is checked and evaluated or refused with FeelEvaluationError`, () => {
    const random = prng(SEED);
    let evaluated = 0;
    let refused = 0;
    for (let caseNo = 0; caseNo < FEEL_CASES; caseNo++) {
      const source = feelCase(random);
      const where = `seed ${SEED} case ${caseNo}: ${JSON.stringify(source.slice(0, 200))}`;

      let check: ReturnType<typeof checkFeel>;
      try {
        check = checkFeel(source, random() < 0.1 ? 'unaryTests' : 'expression');
      } catch (error) {
        throw new Error(`checkFeel threw ${String(error)} for ${where}`);
      }
      expect(typeof check.ok).toBe('boolean');

      try {
        const value = evaluateFeel(source, FEEL_CONTEXT, { now: Date.UTC(2024, 4, 1) });
        // Results are stored as variables: they must survive JSON unchanged.
        if (JSON.stringify(JSON.parse(JSON.stringify(value ?? null))) !== JSON.stringify(value ?? null)) {
          throw new Error(`result is not JSON-stable for ${where}`);
        }
        evaluated++;
      } catch (error) {
        if (!(error instanceof FeelEvaluationError)) throw new Error(`evaluateFeel threw ${String(error)} for ${where}`);
        expect(error.code).toBe('feel.evaluation_failed');
        refused++;
      }
    }
    // Both outcomes must actually occur, or the generator has stopped exercising one side of the contract.
    expect(evaluated).toBeGreaterThan(FEEL_CASES / 10);
    expect(refused).toBeGreaterThan(FEEL_CASES / 10);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------------------- BPMN

const BPMN_DIR = new URL('../conformance/bpmn/', import.meta.url);
const BPMN_SEEDS = readdirSync(BPMN_DIR)
  .filter((name) => name.endsWith('.bpmn'))
  .sort()
  .map((name) => readFileSync(new URL(name, BPMN_DIR), 'utf8'));

const HOSTILE_VALUES = [
  '',
  '=',
  '=1 +',
  '= amount >',
  'PT-1H',
  'R/PT0S',
  'R-5/P1D',
  '2024-02-30T00:00:00Z',
  '&lol;',
  '&amp;&lt;',
  '"',
  '<',
  ']]>',
  '${x}',
  '受理（12345）',
  '\u0000',
  '\ud800',
  'x'.repeat(100_000),
];
const XML_TOKENS = [
  '<',
  '>',
  '/>',
  '</bpmn:process>',
  '<bpmn:task id="t"/>',
  '<bpmn:sequenceFlow id="f" sourceRef="nowhere" targetRef="start"/>',
  '<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
  '<!ENTITY lol "lol">',
  '&x;',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?xml version="1.0"?>',
  'xmlns:bpmn="urn:other"',
  '\u0000',
  '\ufeff',
  '"',
  "'",
  '=',
];

function flipAttribute(random: Random, xml: string): string {
  const attributes = [...xml.matchAll(/="[^"]*"/g)];
  if (attributes.length === 0) return xml;
  const target = pick(random, attributes);
  const value = pick(random, HOSTILE_VALUES).replace(/"/g, random() < 0.5 ? '&quot;' : '"');
  return xml.slice(0, target.index) + `="${value}"` + xml.slice(target.index + target[0].length);
}

function bpmnCase(random: Random): string | Uint8Array {
  let xml = pick(random, BPMN_SEEDS);
  for (let i = 1 + int(random, 3); i > 0; i--) {
    xml = random() < 0.4 ? flipAttribute(random, xml) : mutate(random, xml, XML_TOKENS);
  }
  const roll = random();
  if (roll < 0.05) return xml + ' '.repeat(6 * 1024 * 1024); // over the size limit
  if (roll < 0.12) {
    const bytes = new TextEncoder().encode(xml);
    for (let i = 1 + int(random, 4); i > 0; i--) bytes[int(random, bytes.length)] = 0x80 + int(random, 0x80);
    return bytes;
  }
  if (roll < 0.2) return new TextEncoder().encode(xml);
  if (roll < 0.25) {
    // Deep nesting: fits the size limit, but recursive model builders would overflow the stack.
    const depth = 100 + int(random, 20_000);
    const at = Math.max(0, xml.lastIndexOf('</bpmn:process>'));
    const open = Array.from({ length: depth }, (_, i) => `<bpmn:subProcess id="deep${i}">`).join('');
    return xml.slice(0, at) + open + '</bpmn:subProcess>'.repeat(depth) + xml.slice(at);
  }
  return xml;
}

describe('fuzz: BPMN uploads', () => {
  it(`given ${BPMN_CASES} mutated Zeebe BPMN documents (seed ${SEED}), each deploys or is refused as deploy_invalid`, async () => {
    expect(BPMN_SEEDS.length).toBeGreaterThan(5);
    const random = prng(SEED + 1);
    const engine = createEmbeddedEngine({ clock: { manual: true, startAt: Date.UTC(2024, 4, 1) }, historyLimit: 1_000 });
    await engine.start();
    const outcomes = { deployed: 0, refused: 0 };
    try {
      for (let caseNo = 0; caseNo < BPMN_CASES; caseNo++) {
        const content = bpmnCase(random);
        try {
          const result = await engine.deploy([{ name: `fuzz-${caseNo}.bpmn`, content }]);
          expect(result.processes.length).toBeGreaterThan(0);
          outcomes.deployed++;
        } catch (error) {
          if (!(error instanceof EngineError) || error.code !== 'engine.deploy_invalid') {
            throw new Error(`deploy threw ${String(error)} for seed ${SEED} case ${caseNo}`);
          }
          outcomes.refused++;
        }
      }
    } finally {
      await engine.stop();
    }
    // Both outcomes must occur, or the mutations have stopped exercising one side of the contract.
    expect(outcomes.deployed).toBeGreaterThan(BPMN_CASES / 20);
    expect(outcomes.refused).toBeGreaterThan(BPMN_CASES / 20);
  }, 120_000);
});
