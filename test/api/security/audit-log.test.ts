import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { availableStores } from '../../support/stores.js';
import { AUDIT_COLLECTION, AUDIT_HEAD_COLLECTION, AuditLog } from '../../../server/audit/audit-log.js';
import { systemContext } from '../../../server/identity/context.js';
import { problem, startHarness, type Harness } from './harness.js';

const stores = await availableStores();

interface Verdict {
  ok: boolean;
  checked: number;
  firstBad?: { seq: number; problem: string };
}

describe.each(stores.map((s) => [s.name, s] as const))('the hash-chained audit log on %s', (_name, storeDef) => {
  let h: Harness;
  let auditorA: string;
  let cityAuditor: string;
  const raw = () => h.server.store.collection(AUDIT_COLLECTION);
  const verify = async (): Promise<Verdict> => (await (await h.call('get', '/api/audit/verify', { cookie: cityAuditor })).json()) as Verdict;
  let originals: Record<string, unknown>[] = [];

  beforeAll(async () => {
    h = await startHarness(await storeDef.open());
    await h.user('auditor_a', 'A', 'auditor');
    await h.user('auditor_city', 'c', 'auditor');
    await h.user('admin_a', 'A', 'admin');
    auditorA = await h.login('auditor_a');
    cityAuditor = await h.login('auditor_city');
    const admin = await h.login('admin_a');
    // commands through the API, with a user agent that shows up in the log
    await h.call('patch', '/api/org/units/A1', { cookie: admin, body: { name: '甲街道（新）' }, headers: { 'user-agent': 'matrix-agent/1.0' } });
    const rec = h.server.security.audit;
    await rec.record({ ...systemContext('engine'), action: 'case.task.complete', object: { type: 'task', id: 't1' }, caseId: 'CASE-1', instanceId: 'PI-1', unitId: 'A1', unitPath: '/c/A/A1/', after: { note: '已处置, "按期"\n完成' } });
    await rec.record({ ...systemContext('engine'), action: 'case.task.complete', object: { type: 'task', id: 't2' }, caseId: 'CASE-2', unitId: 'B1', unitPath: '/c/B/B1/' });
    await rec.record({ ...systemContext('engine'), action: 'case.close', object: { type: 'case', id: 'CASE-1' }, caseId: 'CASE-1', unitId: 'A', unitPath: '/c/A/' });
    originals = (await raw().find({}, { sort: { seq: 1 } })) as Record<string, unknown>[];
  }, 60_000);
  afterAll(async () => h?.close());

  /** Each tampering scenario starts from the untouched chain. */
  beforeEach(async () => {
    await raw().deleteMany({});
    await raw().insertMany(originals.map(({ _v, ...d }) => (void _v, d)) as never[]);
    const last = originals[originals.length - 1]!;
    await h.server.store.collection(AUDIT_HEAD_COLLECTION).updateOne({ _id: 'head' }, { $set: { seq: last.seq, hash: last.hash } });
  });

  it('records who, when, from where, what, before/after and the request id of every command', async () => {
    const page = (await (await h.call('get', '/api/audit/entries?action=org.unit.update', { cookie: cityAuditor })).json()) as { items: Record<string, unknown>[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      actor: { kind: 'user', name: 'admin_a' },
      action: 'org.unit.update',
      object: { type: 'org.unit', id: 'A1' },
      unitId: 'A1',
      before: { name: '甲街道' },
      after: { name: '甲街道（新）' },
      userAgent: 'matrix-agent/1.0',
      ip: expect.any(String),
      requestId: expect.any(String),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('an untouched chain verifies', async () => {
    const v = await verify();
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(originals.length);
  });

  it('editing an entry in the database is detected and that entry is named', async () => {
    const victim = originals[5]!;
    await raw().updateOne({ _id: victim._id as string }, { $set: { after: JSON.stringify({ note: 'nothing happened' }) } });
    expect(await verify()).toMatchObject({ ok: false, firstBad: { seq: victim.seq, problem: 'hash_mismatch' } });
  });

  it('deleting an entry is detected and the missing seq is named', async () => {
    const victim = originals[3]!;
    await raw().deleteOne({ _id: victim._id as string });
    expect(await verify()).toMatchObject({ ok: false, firstBad: { seq: victim.seq, problem: 'missing_entry' } });
  });

  it('reordering two entries (swapping their seq) is detected at the first of them', async () => {
    const [a, b] = [originals[2]!, originals[4]!];
    // three steps because the unique seq index refuses a direct swap
    await raw().updateOne({ _id: a._id as string }, { $set: { seq: -1 } });
    await raw().updateOne({ _id: b._id as string }, { $set: { seq: a.seq } });
    await raw().updateOne({ _id: a._id as string }, { $set: { seq: b.seq } });
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBad!.seq).toBe(a.seq);
  });

  it('swapping the contents of two entries (ids and seq kept) is detected at the first of them', async () => {
    const [a, b] = [originals[2]!, originals[4]!];
    const strip = ({ _id, _v, seq, ...rest }: Record<string, unknown>) => (void _id, void _v, void seq, rest);
    await raw().replaceOne({ _id: a._id as string }, { ...strip(b), seq: a.seq } as never);
    await raw().replaceOne({ _id: b._id as string }, { ...strip(a), seq: b.seq } as never);
    expect(await verify()).toMatchObject({ ok: false, firstBad: { seq: a.seq, problem: 'hash_mismatch' } });
  });

  it('removing the newest entries is detected against the chain head', async () => {
    const last = originals[originals.length - 1]!;
    await raw().deleteOne({ _id: last._id as string });
    expect(await verify()).toMatchObject({ ok: false, firstBad: { seq: last.seq, problem: 'truncated' } });
  });

  it('a rewritten entry with a recomputed own hash still breaks the link to its successor', async () => {
    const { createHash } = await import('node:crypto');
    const { canonicalJson } = await import('../../../server/audit/canonical-json.js');
    const victim = originals[2]!;
    const { _id, _v, hash: _h, ...content } = victim;
    void _v;
    void _h;
    const forged: Record<string, unknown> = { ...content, action: 'something.else' };
    const hash = createHash('sha256').update(String(forged.prevHash)).update(canonicalJson(forged)).digest('hex');
    await raw().replaceOne({ _id: _id as string }, { ...forged, hash } as never);
    expect(await verify()).toMatchObject({ ok: false, firstBad: { seq: (victim.seq as number) + 1, problem: 'broken_link' } });
  });

  it('appends from many concurrent requests never fork the chain', async () => {
    const rec = h.server.security.audit;
    await Promise.all(Array.from({ length: 40 }, (_, i) => rec.record({ ...systemContext('load'), action: 'test.concurrent', object: { type: 'test', id: String(i) } })));
    const v = await verify();
    expect(v).toMatchObject({ ok: true, checked: originals.length + 40 });
  });

  it('two writers on one store (as two servers would be) interleave without forking the chain', async () => {
    const one = h.server.security.audit;
    const two = new AuditLog(h.server.store);
    await two.init();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? one : two).record({ ...systemContext(`writer${i % 2}`), action: 'test.two_writers', object: { type: 'test', id: String(i) } })),
    );
    const v = await verify();
    expect(v).toMatchObject({ ok: true, checked: originals.length + 30 });
  });

  it('concurrent appends are group-committed: one batch write for many commands, each caller gets its own entry', async () => {
    const rec = h.server.security.audit as AuditLog;
    const entries = rec.entries;
    const original = entries.insertMany.bind(entries);
    let writes = 0;
    entries.insertMany = ((docs: never[]) => ((writes++), original(docs))) as typeof entries.insertMany;
    try {
      const got = await Promise.all(Array.from({ length: 25 }, (_, i) => rec.record({ ...systemContext('load'), action: 'test.batch', object: { type: 'test', id: String(i) } })));
      expect(got.map((e) => e.object.id)).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
      expect(new Set(got.map((e) => e.seq)).size).toBe(25);
      expect(writes).toBeGreaterThanOrEqual(1);
      expect(writes).toBeLessThanOrEqual(2); // the first append alone, then everything queued behind it
    } finally {
      entries.insertMany = original;
    }
    expect(await verify()).toMatchObject({ ok: true, checked: originals.length + 25 });
  });

  it('a writer elsewhere that takes a seq in the middle of a batch: the stored prefix stays, the rest re-chains after its entry', async () => {
    const one = h.server.security.audit;
    const two = new AuditLog(h.server.store);
    await two.init();
    const entries = two.entries;
    const original = entries.insertMany.bind(entries);
    let raced = false;
    entries.insertMany = (async (docs: never[]) => {
      if (raced || docs.length < 3) return original(docs);
      raced = true;
      // two's ordered insert has stored two entries when server one appends (it fast-forwards over them)
      await original(docs.slice(0, 2));
      await one.record({ ...systemContext('writer-one'), action: 'test.race', object: { type: 'test', id: 'interloper' } });
      return original(docs.slice(2));
    }) as typeof entries.insertMany;
    const first = two.record({ ...systemContext('writer-two'), action: 'test.race', object: { type: 'test', id: 'lead' } });
    const batch = Array.from({ length: 5 }, (_, i) => two.record({ ...systemContext('writer-two'), action: 'test.race', object: { type: 'test', id: `b${i}` } }));
    const got = await Promise.all([first, ...batch]);
    expect(raced).toBe(true);
    const stored = (await raw().find({ action: 'test.race' }, { sort: { seq: 1 } })) as unknown as { object: { id: string } }[];
    expect(stored.map((e) => e.object.id)).toEqual(['lead', 'b0', 'b1', 'interloper', 'b2', 'b3', 'b4']);
    expect(got.map((e) => e.object.id)).toEqual(['lead', 'b0', 'b1', 'b2', 'b3', 'b4']);
    expect(await verify()).toMatchObject({ ok: true, checked: originals.length + 7 });
    expect(await one.head()).toMatchObject({ seq: originals.length + 7 });
  });

  it('a writer that died between inserting entries and moving the head is fast-forwarded over', async () => {
    const rec = h.server.security.audit;
    const dead = new AuditLog(h.server.store);
    const heads = h.server.store.collection(AUDIT_HEAD_COLLECTION);
    const before = await heads.findOne({ _id: 'head' });
    await Promise.all([1, 2, 3].map((i) => dead.record({ ...systemContext('dead'), action: 'test.dead', object: { type: 'test', id: String(i) } })));
    await heads.updateOne({ _id: 'head' }, { $set: { seq: before!.seq, hash: before!.hash } }); // as if it never moved
    await Promise.all(Array.from({ length: 4 }, (_, i) => rec.record({ ...systemContext('alive'), action: 'test.alive', object: { type: 'test', id: String(i) } })));
    expect(await verify()).toMatchObject({ ok: true, checked: originals.length + 7 });
    expect(await rec.head()).toMatchObject({ seq: originals.length + 7 });
  });

  describe('auditor queries', () => {
    it('an auditor at county A sees entries of A’s subtree only', async () => {
      const res = await h.call('get', '/api/audit/entries?caseId=CASE-1', { cookie: auditorA });
      const page = (await res.json()) as { items: { caseId: string; unitPath: string }[] };
      expect(page.items.map((e) => e.unitPath).sort()).toEqual(['/c/A/', '/c/A/A1/']);
      const other = (await (await h.call('get', '/api/audit/entries?caseId=CASE-2', { cookie: auditorA })).json()) as { items: unknown[] };
      expect(other.items).toEqual([]);
      expect(await problem(await h.call('get', '/api/audit/entries?unitId=B', { cookie: auditorA }))).toMatchObject({ status: 403, code: 'http.forbidden' });
    });

    it('filters by user and time range, and pages with a cursor', async () => {
      const from = originals[0]!.at as string;
      const first = (await (await h.call('get', `/api/audit/entries?limit=2&from=${encodeURIComponent(from)}`, { cookie: cityAuditor })).json()) as { items: { seq: number }[]; nextCursor: string };
      expect(first.items.map((e) => e.seq)).toEqual([1, 2]);
      const second = (await (await h.call('get', `/api/audit/entries?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`, { cookie: cityAuditor })).json()) as { items: { seq: number }[] };
      expect(second.items.map((e) => e.seq)).toEqual([3, 4]);
      const future = (await (await h.call('get', `/api/audit/entries?from=2999-01-01T00:00:00Z`, { cookie: cityAuditor })).json()) as { items: unknown[] };
      expect(future.items).toEqual([]);
      const byActor = (await (await h.call('get', '/api/audit/entries?actorId=engine', { cookie: cityAuditor })).json()) as { items: unknown[] };
      expect(byActor.items).toHaveLength(3);
    });

    it('exports CSV with a UTF-8 BOM and proper quoting, and JSON', async () => {
      const res = await h.call('get', '/api/audit/export?caseId=CASE-1&format=csv', { cookie: auditorA });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      expect(text).toContain('"{""note"":""已处置, \\""按期\\""\\n完成""}"');
      expect(text.split('\r\n').filter((l) => l.includes('CASE-1'))).toHaveLength(2);
      const json = await h.call('get', '/api/audit/export?caseId=CASE-1&format=json', { cookie: auditorA });
      const entries = (await json.json()) as { caseId: string }[];
      expect(entries.map((e) => e.caseId)).toEqual(['CASE-1', 'CASE-1']);
    });
  });
});
