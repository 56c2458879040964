/**
 * API load benchmark (run: npx tsx bench/api/run.ts). Starts the server as `npm start` would on the embedded
 * default (embedded engine + SQLite file in a temp data directory), seeds a county with 5 towns, 50 clerks
 * (dept_handler, 10 per town) and a two-step process (处置 → 核查, both to the town's handlers), pre-loads
 * cases, then for BENCH_SECONDS (default 30) runs 50 concurrent clerks — each logged in, looping list (view=groups)
 * → claim → complete — while 10 intake systems (API tokens) post new cases through the 110-transfer intake
 * channel (POST /api/intake/police110: case document, tracking number, idempotency key, then the instance).
 * The load runs in a child process (load.ts). Each variant is a fresh server: `full` is the default SQLite
 * durability (synchronous=FULL, an fsync per commit); `normal` is the baseline in the same run that shows what the
 * fsyncs cost. Prints one JSON object: throughput and p50/p99 per operation, and the goal check (completion
 * p99 ≤ 50 ms). Env: BENCH_SECONDS, BENCH_CLERKS (50), BENCH_INTAKE (10), BENCH_PRELOAD (500),
 * BENCH_INTAKE_PAUSE_MS (100), BENCH_THINK_MS (0: clerks work back to back; n: a pause of ~n ms after each
 * completion, as a clerk reading the next case), BENCH_VARIANTS (full,normal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadConfig } from '../../server/config/load.js';
import { systemContext } from '../../server/identity/context.js';
import { userSubject } from '../../server/identity/principal.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer } from '../../server/server.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { INTAKE_PATH, intakeReport } from './report.js';
import type { LoadPlan, OpSummary } from './load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLERKS = Number(process.env.BENCH_CLERKS ?? 50);
const INTAKE = Number(process.env.BENCH_INTAKE ?? 10);
const PRELOAD = Number(process.env.BENCH_PRELOAD ?? 500);
const INTAKE_PAUSE_MS = Number(process.env.BENCH_INTAKE_PAUSE_MS ?? 100);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 0);
const TOWNS = 5;
const PASSWORD = 'bench-password-long-enough';
const GOAL_COMPLETE_P99_MS = 50;

const BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d_bench" targetNamespace="https://gongzhi.example/bench">
  <bpmn:process id="bench-case" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="handle" name="处置">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="role:dept_handler@case.unit"/>
        <zeebe:taskHeaders><zeebe:header key="title" value="处置"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:userTask id="check" name="核查">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="role:dept_handler@case.unit"/>
        <zeebe:taskHeaders><zeebe:header key="title" value="核查"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle"/>
    <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="check"/>
    <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>`;

const TIME_LIMITS = {
  id: 'bench-case', name: '压测时限表', source: 'bench',
  rules: [{ step: '*', category: '*', caseKind: '*', level: '*', urgent: '*', limit: { amount: 3, clock: 'workingDays' }, warnAt: 0.8 }],
};

const ctx = systemContext('bench-seed');

/** One run on a fresh server whose SQLite file commits with the given synchronous mode. */
async function runVariant(synchronous: 'full' | 'normal') {
  const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-api-'));
  const store = openSqliteStore({ file: join(dataDir, 'gongzhi.sqlite'), synchronous });
  const server = await startServer(loadConfig({}, { port: 0, dataDir, logLevel: 'silent' }), { logger: createLogger('silent'), store });
  const s = server.security;
  const towns = Array.from({ length: TOWNS }, (_, i) => `T${i}`);
  await s.org.create({ id: 'city', name: '某市', kind: 'city', parentId: null }, ctx);
  await s.org.create({ id: 'K', name: '某区', kind: 'county', parentId: 'city' }, ctx);
  for (const t of towns) await s.org.create({ id: t, name: `${t}街道`, kind: 'township', parentId: 'K' }, ctx);
  await server.timeLimits.load(TIME_LIMITS, 'city');

  const post = async (path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, text };
  };

  // an admin deploys the process through the API, as the designer does
  const admin = await s.users.create({ username: 'bench_admin', displayName: 'admin', unitId: 'city', password: PASSWORD }, ctx);
  await s.authz.assign(userSubject(admin._id), 'admin', 'city', ctx);
  const login = async (username: string) => {
    const res = await fetch(`${server.url}/api/session/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  };
  const adminCookie = await login('bench_admin');
  const deployed = await post('/api/definitions', { scopeUnitId: 'city', name: 'bench-case.bpmn', xml: BPMN }, { cookie: adminCookie });
  if (deployed.status >= 300) throw new Error(`deploy: ${deployed.status} ${deployed.text}`);
  const bound = await fetch(`${server.url}/api/intake/bindings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: adminCookie },
    body: JSON.stringify({ unitId: 'K', channel: 'police110', bpmnProcessId: 'bench-case' }),
  });
  if (bound.status !== 200) throw new Error(`binding: ${bound.status} ${await bound.text()}`);

  const clerkCookies: { cookie: string; town: string }[] = [];
  for (let i = 0; i < CLERKS; i++) {
    const town = towns[i % TOWNS]!;
    const u = await s.users.create({ username: `clerk${i}`, displayName: `办事员${i}`, unitId: town, password: PASSWORD }, ctx);
    await s.authz.assign(userSubject(u._id), 'dept_handler', town, ctx);
    clerkCookies.push({ cookie: await login(`clerk${i}`), town });
  }
  const intakeTokens: string[] = [];
  for (let i = 0; i < INTAKE; i++) {
    const issued = await s.tokens.issue(
      { name: `intake${i}`, unitId: 'K', scopes: [{ object: 'intake', action: 'police110', unitId: 'K' }], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      ctx,
    );
    intakeTokens.push(issued.token);
  }

  let caseSeq = 0;
  for (let i = 0; i < PRELOAD; i++) {
    const r = await post(INTAKE_PATH, intakeReport(++caseSeq, towns), { authorization: `Bearer ${intakeTokens[i % INTAKE]}` });
    if (r.status !== 201) throw new Error(`preload: ${r.status} ${r.text}`);
  }
  await server.tasks.projector.sync();


  const plan: LoadPlan = { url: server.url, seconds: SECONDS, clerkCookies: clerkCookies.map((c) => c.cookie), intakeTokens, intakePauseMs: INTAKE_PAUSE_MS, thinkMs: THINK_MS, towns, firstCase: caseSeq };
  const commitsBefore = store.commitStats();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./load.ts', import.meta.url))], { env: { ...process.env, BENCH_LOAD: JSON.stringify(plan) }, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  await new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load generator exited with ${code}`)))));
  const load = JSON.parse(output.trim().split('\n').at(-1)!) as { seconds: number; ops: Record<'list' | 'claim' | 'complete' | 'intake', OpSummary>; claimConflicts: number; idleLists: number; casesPosted: number };
  const commits = store.commitStats();
  const tasksLeftOpen = await server.tasks.repo.tasks.count({ state: 'open' });
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
  const perSecond = (n: number) => Math.round((n / load.seconds) * 10) / 10;
  const complete = load.ops.complete;
  return {
    sqliteSynchronous: synchronous,
    seconds: Math.round(load.seconds * 10) / 10,
    preloadedCases: PRELOAD,
    casesPosted: load.casesPosted,
    tasksLeftOpen,
    ops: Object.fromEntries(Object.entries(load.ops).map(([k, v]) => [k, { ...v, perSecond: perSecond(v.count) }])),
    claimConflicts: load.claimConflicts,
    sqlite: { writes: commits.writes - commitsBefore.writes, commits: commits.commits - commitsBefore.commits },
    idleLists: load.idleLists,
    throughput: { completionsPerSecond: perSecond(complete.count), intakePerSecond: perSecond(load.ops.intake.count) },
    goal: { completeP99Ms: GOAL_COMPLETE_P99_MS, measuredP99Ms: complete.p99, met: complete.p99 !== null && complete.p99 <= GOAL_COMPLETE_P99_MS },
  };
}

const variants = (process.env.BENCH_VARIANTS ?? 'full,normal').split(',').map((v) => v.trim()) as ('full' | 'normal')[];
const runs = [];
for (const v of variants) runs.push(await runVariant(v));
console.log(
  JSON.stringify(
    {
      bench: 'api',
      server: 'embedded engine + SQLite file in a temp data dir (the npm start default); load generator in a child process',
      intakeVia: `POST ${INTAKE_PATH} with API tokens (the 110-transfer channel bound to the bench process)`,
      cpus: cpus().length,
      loadAverageAtEnd: loadavg().map((l) => Math.round(l * 10) / 10),
      clerks: CLERKS,
      intakeSystems: INTAKE,
      intakePauseMs: INTAKE_PAUSE_MS,
      clerkThinkMs: THINK_MS,
      baseline: 'the same load with synchronous=NORMAL (WAL commits without an fsync each) shows the cost of FULL, the default',
      runs,
    },
    null,
    2,
  ),
);
