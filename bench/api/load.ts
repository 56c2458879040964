/**
 * The load generator of bench/api, run as a child process of run.ts so that the clients do not share the
 * server's event loop (on a 2-core box the server keeps one core). Reads its plan from BENCH_LOAD (JSON),
 * prints one JSON object of samples per operation.
 */
import { INTAKE_PATH, intakeReport } from './report.js';

export interface LoadPlan {
  url: string;
  seconds: number;
  clerkCookies: string[];
  intakeTokens: string[];
  intakePauseMs: number;
  /** A clerk's pause after each completion (reading the next case); 0 = back to back (closed loop). */
  thinkMs: number;
  towns: string[];
  firstCase: number;
}

export interface OpSummary {
  count: number;
  errors: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

class Samples {
  readonly ms: number[] = [];
  errors = 0;
  summary(): OpSummary {
    const s = [...this.ms].sort((a, b) => a - b);
    const at = (q: number) => (s.length ? Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 100) / 100 : null);
    return { count: s.length, errors: this.errors, p50: at(0.5), p99: at(0.99), max: at(1) };
  }
}

const plan = JSON.parse(process.env.BENCH_LOAD ?? '{}') as LoadPlan;
const ops = { list: new Samples(), claim: new Samples(), complete: new Samples(), intake: new Samples() };
let conflicts = 0;
let idle = 0;
let caseSeq = plan.firstCase;

const request = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
  const res = await fetch(plan.url + path, { method, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};
const timed = async (samples: Samples, run: () => Promise<{ status: number; text: string }>, ok: (status: number) => boolean) => {
  const start = performance.now();
  const r = await run();
  if (ok(r.status)) samples.ms.push(performance.now() - start);
  else samples.errors++;
  return r;
};

const deadline = Date.now() + plan.seconds * 1000;

async function clerk(cookie: string): Promise<void> {
  const headers = { cookie };
  while (Date.now() < deadline) {
    const listed = await timed(ops.list, () => request('GET', '/api/tasks?view=groups&limit=20', headers), (st) => st === 200);
    const items = listed.status === 200 ? (JSON.parse(listed.text) as { items: { _id: string }[] }).items : [];
    if (items.length === 0) {
      idle++;
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    const pick = items[Math.floor(Math.random() * items.length)]!;
    // a 409 (someone else claimed it first) is a normal answer under contention, not an error
    const claimed = await timed(ops.claim, () => request('POST', `/api/tasks/${pick._id}/claim`, headers, {}), (st) => st === 200 || st === 409);
    if (claimed.status !== 200) {
      conflicts++;
      continue;
    }
    await timed(ops.complete, () => request('POST', `/api/tasks/${pick._id}/complete`, headers, { variables: { result: '已处置' } }), (st) => st === 200);
    if (plan.thinkMs > 0) await new Promise((r) => setTimeout(r, plan.thinkMs * (0.5 + Math.random())));
  }
}

async function intakeSystem(token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  while (Date.now() < deadline) {
    await timed(ops.intake, () => request('POST', INTAKE_PATH, headers, intakeReport(++caseSeq, plan.towns)), (st) => st === 201);
    await new Promise((r) => setTimeout(r, plan.intakePauseMs));
  }
}

const started = performance.now();
await Promise.all([...plan.clerkCookies.map(clerk), ...plan.intakeTokens.map(intakeSystem)]);
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, ops: Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, v.summary()])), claimConflicts: conflicts, idleLists: idle, casesPosted: caseSeq - plan.firstCase }));
