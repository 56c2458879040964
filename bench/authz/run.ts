/**
 * Authorisation benchmark (run: npx tsx bench/authz/run.ts). With 10,000 permission rules and 5,000 role
 * assignments over an org tree of ~11k units (1 city, 10 counties, 100 towns, 1,000 villages, 10,000 grids)
 * in a real SQLite store, measures per decision:
 *   - guardDecision: our AuthzService.allows(principal, object, action, unit) — what the AccessGuard and the
 *     handlers' unit checks run on every request;
 *   - guardCheck: the whole AccessGuard.check of a request with a session cookie (authentication included:
 *     the session and user lookups in the store), for context;
 *   - casbinEnforce: plain node-casbin `enforce(sub, unit, obj, act)` on the same model, the same policies
 *     and the same domain-matching function (the baseline).
 * Both deciders answer the same sampled questions; `disagreements` must be 0. Prints ONE JSON object.
 * BENCH_CASBIN_SAMPLES (default 20) bounds the slow baseline (seconds per call at this size).
 * Half of the questions are drawn inside a real assignment (a unit in the assigned subtree, a permission of
 * the role) so that both allow and deny paths are measured.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { createSecurityServices } from '../../server/identity/services.js';
import { systemContext } from '../../server/identity/context.js';
import { userSubject, type Principal } from '../../server/identity/principal.js';
import { POLICIES_COLLECTION, policyId } from '../../server/authz/store-adapter.js';
import { DocumentStoreAdapter } from '../../server/authz/store-adapter.js';
import { createEnforcer } from '../../server/authz/enforcer.js';
import { SESSION_COOKIE } from '../../server/identity/settings.js';

const POLICIES = 10_000;
const ASSIGNMENTS = 5_000;
const GUARD_SAMPLES = 100_000;
const CASBIN_SAMPLES = Number(process.env.BENCH_CASBIN_SAMPLES ?? 20);
const OBJECTS = ['case', 'task', 'org', 'user', 'token', 'authz', 'audit', 'definition', 'form', 'intake'];
const ACTIONS = ['read', 'create', 'update', 'delete', 'manage', 'complete', 'assign', 'export', 'verify', 'supervise'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const pick = <T>(r: () => number, xs: T[]): T => xs[Math.floor(r() * xs.length)]!;

function percentiles(samples: number[]): { p50: number; p95: number; p99: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.floor(q * s.length))]! * 1e4) / 1e4;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
}

const started = performance.now();
/** Progress on stderr, so that stdout stays one JSON object. */
function stage(name: string): void {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${name}\n`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-authz-'));
  const store = openSqliteStore({ file: join(dir, 'bench.sqlite') });
  const r = rng(7);
  try {
    const s = await createSecurityServices(store, { settings: { authzRefreshMs: 0 } });
    const ctx = systemContext('bench');
    // --- org tree ---
    const rows: { row: number; id: string; name: string; kind: string; parentId: string | null }[] = [{ row: 1, id: 'city', name: '市', kind: 'city', parentId: null }];
    const units: string[] = ['city'];
    for (let c = 0; c < 10; c++) {
      const county = `k${c}`;
      rows.push({ row: rows.length + 1, id: county, name: `县${c}`, kind: 'county', parentId: 'city' });
      units.push(county);
      for (let t = 0; t < 10; t++) {
        const town = `${county}t${t}`;
        rows.push({ row: rows.length + 1, id: town, name: `镇${t}`, kind: 'township', parentId: county });
        units.push(town);
        for (let v = 0; v < 10; v++) {
          const village = `${town}v${v}`;
          rows.push({ row: rows.length + 1, id: village, name: `村${v}`, kind: 'village', parentId: town });
          units.push(village);
          for (let g = 0; g < 10; g++) {
            const grid = `${village}g${g}`;
            rows.push({ row: rows.length + 1, id: grid, name: `网格${g}`, kind: 'grid', parentId: village });
            units.push(grid);
          }
        }
      }
    }
    stage('tree built');
    await s.org.import(rows, ctx);
    stage('tree imported');

    // --- 10k permission rules (plus the seeded built-in roles) and 5k assignments, written straight into the policy collection ---
    const roles = Array.from({ length: 200 }, (_, i) => `role${i}`);
    const policyDocs = new Map<string, { _id: string; ptype: string; rule: string[] }>();
    while (policyDocs.size < POLICIES) {
      const rule = [pick(r, roles), pick(r, OBJECTS), pick(r, ACTIONS)];
      policyDocs.set(policyId('p', rule), { _id: policyId('p', rule), ptype: 'p', rule });
    }
    const subjects = Array.from({ length: 4_000 }, (_, i) => userSubject(`u${i}`));
    const assignmentDocs = new Map<string, { _id: string; ptype: string; rule: string[] }>();
    while (assignmentDocs.size < ASSIGNMENTS) {
      const rule = [pick(r, subjects), pick(r, roles), pick(r, units.slice(0, 1111))];
      assignmentDocs.set(policyId('g', rule), { _id: policyId('g', rule), ptype: 'g', rule });
    }
    const col = store.collection(POLICIES_COLLECTION);
    await col.insertMany([...policyDocs.values(), ...assignmentDocs.values()]);
    const rev = await import('../../server/authz/revision.js');
    await new rev.Revision(store).bump();
    stage('policies written');
    await s.authz.refreshIfStale();
    stage('policies loaded');

    // --- the same questions for both deciders ---
    const children = new Map<string, string[]>();
    for (const row of rows) if (row.parentId) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row.id]);
    const descend = (id: string): string => {
      let u = id;
      while (r() < 0.75 && children.get(u)) u = pick(r, children.get(u)!);
      return u;
    };
    const permsOf = new Map<string, string[][]>();
    for (const d of policyDocs.values()) permsOf.set(d.rule[0]!, [...(permsOf.get(d.rule[0]!) ?? []), d.rule]);
    const grants = [...assignmentDocs.values()].map((d) => d.rule);
    const questions = Array.from({ length: GUARD_SAMPLES }, () => {
      if (r() < 0.5) return { sub: pick(r, subjects), unit: pick(r, units), obj: pick(r, OBJECTS), act: pick(r, ACTIONS) };
      const [sub, role, unit] = pick(r, grants) as [string, string, string];
      const [, obj, act] = pick(r, permsOf.get(role) ?? [[role, pick(r, OBJECTS), pick(r, ACTIONS)]]) as [string, string, string];
      return { sub, unit: descend(unit), obj, act };
    });
    const principal = (sub: string): Principal => ({ kind: 'user', id: sub.slice(5), username: sub, displayName: sub, unitId: 'city', subject: sub, sessionId: '' });

    const guard: number[] = [];
    let allowed = 0;
    for (const q of questions) {
      const p = principal(q.sub);
      const t0 = process.hrtime.bigint();
      const ok = s.authz.allows(p, q.obj, q.act, q.unit);
      guard.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (ok) allowed++;
    }

    stage('guard decisions measured');
    // the whole AccessGuard.check of a request carrying a real session cookie
    const user = await s.users.create({ username: 'bench', displayName: 'bench', unitId: 'city', password: 'bench-password-123' }, ctx);
    await s.authz.assign(userSubject(user._id), 'admin', 'city', ctx);
    const { cookieValue } = await s.sessions.open(user._id, {});
    const req = { headers: { cookie: `${SESSION_COOKIE}=${cookieValue}` }, get: () => undefined } as unknown as Request;
    const check: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const t0 = process.hrtime.bigint();
      await s.guard.check(req, { object: 'org', action: 'read' });
      check.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }

    stage('guard checks measured');
    // baseline: plain casbin on the same model, policies and domain matching
    const enforcer = await createEnforcer(new DocumentStoreAdapter(store), s.authz.pathOf);
    const casbin: number[] = [];
    let disagreements = 0;
    for (const q of questions.slice(0, CASBIN_SAMPLES)) {
      const t0 = process.hrtime.bigint();
      const ok = await enforcer.enforce(q.sub, q.unit, q.obj, q.act);
      casbin.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (ok !== s.authz.allows(principal(q.sub), q.obj, q.act, q.unit)) disagreements++;
    }
    stage('casbin measured');
    s.stop();
    const g = percentiles(guard);
    const c = percentiles(casbin);
    process.stdout.write(
      JSON.stringify({
        bench: 'authz',
        unit: 'ms per decision',
        policies: await col.count({ ptype: 'p' }),
        roleAssignments: assignmentDocs.size,
        orgUnits: units.length,
        guardDecision: g,
        guardCheckWithSession: percentiles(check),
        casbinEnforce: c,
        speedupP95: Math.round((c.p95 / Math.max(g.p95, 1e-6)) * 10) / 10,
        allowedShare: Math.round((allowed / questions.length) * 1000) / 1000,
        disagreements,
        goal: 'guardDecision.p95 <= 0.2',
        goalMet: g.p95 <= 0.2,
      }) + '\n',
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
