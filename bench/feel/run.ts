/**
 * FEEL evaluation throughput: feelin vs @bpmn-io/feelin (raw library calls, which parse on every call), and
 * our wrapper over feelin with its compile cache hot and cold. Prints one JSON object (evaluations per second).
 * Run: npx tsx bench/feel/run.ts
 */
import * as bpmnIoFeelin from '@bpmn-io/feelin';
import * as feelin from 'feelin';
import { clearFeelCache, evaluateFeel } from '../../engine/feel/index.js';

const CASES = {
  condition: { source: 'amount > 1000 and category = "A"', context: { amount: 2500, category: 'A' } },
  dateArithmetic: {
    source: 'date(submittedOn) + duration("P15D") > date("2024-06-01")',
    context: { submittedOn: '2024-05-20' },
  },
  pathMapping: {
    source: 'applicant.address.street',
    context: { applicant: { name: '李雷', address: { street: '东城街道', no: 7 } } },
  },
  listFilter: {
    source: 'count(reports[severity >= 3 and status = "open"]) > 2',
    context: {
      reports: Array.from({ length: 20 }, (_, i) => ({ severity: i % 5, status: i % 3 === 0 ? 'closed' : 'open' })),
    },
  },
} satisfies Record<string, { source: string; context: Record<string, unknown> }>;

/** A realistic case-instance variable document: the condition reads 2 of 100 variables. */
const WIDE_CONTEXT = {
  ...Object.fromEntries(Array.from({ length: 98 }, (_, i) => [`field${i}`, { label: `value ${i}`, tags: ['a', 'b'] }])),
  ...CASES.condition.context,
};

const MEASURE_MS = 400;

function opsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MEASURE_MS) {
    for (let i = 0; i < 50; i++) fn();
    count += 50;
    elapsed = performance.now() - start;
  }
  return Math.round((count / elapsed) * 1000);
}

const result: Record<string, Record<string, number>> = {};
for (const [name, { source, context }] of Object.entries(CASES)) {
  result[name] = {
    feelin: opsPerSecond(() => feelin.evaluate(source, context, 'camunda')),
    bpmnIoFeelin: opsPerSecond(() => bpmnIoFeelin.evaluate(source, context, 'camunda')),
    oursCompileAndEvaluate: opsPerSecond(() => {
      clearFeelCache();
      return evaluateFeel(source, context);
    }),
    oursCachedEvaluate: opsPerSecond(() => evaluateFeel(source, context)),
  };
}
result.conditionOver100Variables = {
  feelin: opsPerSecond(() => feelin.evaluate(CASES.condition.source, WIDE_CONTEXT, 'camunda')),
  bpmnIoFeelin: opsPerSecond(() => bpmnIoFeelin.evaluate(CASES.condition.source, WIDE_CONTEXT, 'camunda')),
  oursCachedEvaluate: opsPerSecond(() => evaluateFeel(CASES.condition.source, WIDE_CONTEXT)),
};

console.log(JSON.stringify({ unit: 'evaluations/s', node: process.version, measureMs: MEASURE_MS, result }));
