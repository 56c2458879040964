/**
 * DocumentStore benchmark (run: npm run bench:store). For 100k and 1M case documents in a SQLite temp file:
 * insert throughput (batched insertMany, and acknowledged single inserts with synchronous=FULL), and the
 * latency of an indexed equality lookup on a dotted path through our adapter — against two baselines in
 * the same run: the same lookup as a raw better-sqlite3 prepared statement on the same table (adapter
 * overhead), and the same lookup on an unindexed dotted path (what the expression index buys). Also a
 * task-list page query on a compound index. Prints one JSON object. Goal: indexed lookup p95 <= 1 ms at 1M.
 *
 * BENCH_MONGO_URL=mongodb://… also runs the 100k case on the MongoDB adapter for reference — meant for a real
 * MongoDB; FerretDB v1 scans for anything but `{_id: value}`, so use bench/store/with-ferretdb.ts for it.
 * BENCH_SIZES=100000 limits the sizes (e.g. for a quick look).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DocumentStore } from '../../server/store/port.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { caseDocument, idCardOf, phoneOf } from './documents.js';
import { latency, round, spread } from './measure.js';

const SIZES = (process.env.BENCH_SIZES ?? '100000,1000000').split(',').map(Number);
const BATCH = 1000;

async function benchStore(store: DocumentStore, size: number, raw?: () => { lookup(idCard: string): unknown; close(): void }) {
  const cases = store.collection('bench_cases');
  await cases.createIndex({ fields: { 'reporter.idCard': 1 } });
  await cases.createIndex({ fields: { 'grid.id': 1, status: 1, reportedAt: -1 } });

  const insertStart = performance.now();
  for (let from = 0; from < size; from += BATCH) {
    await cases.insertMany(Array.from({ length: Math.min(BATCH, size - from) }, (_, k) => caseDocument(from + k)));
  }
  const insertSeconds = (performance.now() - insertStart) / 1000;

  const single = 500;
  const singleStart = performance.now();
  for (let i = 0; i < single; i++) await cases.insertOne(caseDocument(size + i));
  const singleSeconds = (performance.now() - singleStart) / 1000;

  const indexedLookup = await latency(3000, async (i) => {
    const found = await cases.findOne({ 'reporter.idCard': idCardOf(spread(i, size)) });
    if (!found) throw new Error('indexed lookup missed');
  });
  const unindexedLookup = await latency(size >= 1_000_000 ? 10 : 30, async (i) => {
    const found = await cases.findOne({ 'reporter.phone': phoneOf(spread(i, size)) });
    if (!found) throw new Error('unindexed lookup missed');
  }, 2);
  const pageQuery = await latency(1000, async (i) => {
    // grids whose number is a multiple of 6 hold the 受理 (status index 0) cases
    const page = await cases.findPage({ 'grid.id': `G${spread(i, Math.min(1232, Math.floor(size / 6))) * 6}`, status: '受理' }, { sort: { reportedAt: -1 }, limit: 20 });
    if (page.items.length === 0) throw new Error('page query found nothing');
  });

  let rawPreparedLookup;
  if (raw) {
    const handle = raw();
    rawPreparedLookup = await latency(3000, (i) => {
      if (!handle.lookup(idCardOf(spread(i, size)))) throw new Error('raw lookup missed');
    });
    handle.close();
  }
  return {
    documents: size + single,
    insertManyDocsPerSecond: Math.round(size / insertSeconds),
    insertManySeconds: round(insertSeconds),
    insertOneAcknowledgedPerSecond: Math.round(single / singleSeconds),
    indexedLookupMs: indexedLookup,
    ...(rawPreparedLookup ? { rawPreparedIndexedLookupMs: rawPreparedLookup } : {}),
    unindexedLookupMs: unindexedLookup,
    pageQueryCompoundIndexMs: pageQuery,
  };
}

/** Acknowledged single inserts per second under each durability setting: the price of fsync per commit. */
async function durability(dir: string) {
  const rates: Record<string, number> = {};
  for (const synchronous of ['full', 'normal'] as const) {
    const store = openSqliteStore({ file: join(dir, `durability-${synchronous}.sqlite`), synchronous });
    const cases = store.collection('bench_cases');
    const n = synchronous === 'full' ? 500 : 5000;
    const start = performance.now();
    for (let i = 0; i < n; i++) await cases.insertOne(caseDocument(i));
    rates[synchronous] = Math.round(n / ((performance.now() - start) / 1000));
    await store.close();
  }
  return rates;
}

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-store-'));
const results: Record<string, unknown> = {};
try {
  results.insertOneAcknowledgedPerSecondBySynchronous = await durability(dir);
  for (const size of SIZES) {
    const file = join(dir, `bench-${size}.sqlite`);
    const store = openSqliteStore({ file });
    const result = await benchStore(store, size, () => {
      // the same table and index, queried without our adapter: the floor for this lookup
      const db = new Database(file, { readonly: true });
      const statement = db.prepare(`SELECT _id, _v, doc FROM "c_bench_cases" WHERE json_extract(doc, '$.reporter.idCard') = ? LIMIT 1`);
      return { lookup: (idCard: string) => statement.get(idCard), close: () => db.close() };
    });
    await store.close();
    results[`sqlite_${size}`] = { ...result, fileMB: Math.round(statSync(file).size / 1e6) };
    rmSync(file, { force: true });
  }
  if (process.env.BENCH_MONGO_URL) {
    const { openMongoStore } = await import('../../server/store/mongodb/index.js');
    const store = await openMongoStore({ url: process.env.BENCH_MONGO_URL, db: `gongzhi_bench_${Date.now().toString(36)}` });
    await store.dropCollection('bench_cases');
    results.mongodb_100000 = await benchStore(store, 100_000);
    await store.dropCollection('bench_cases');
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const largest = results[`sqlite_${Math.max(...SIZES)}`] as { indexedLookupMs: { p95: number } } | undefined;
console.log(JSON.stringify({
  bench: 'store',
  node: process.version,
  sqlite: new Database(':memory:').prepare('select sqlite_version() as v').pluck().get(),
  cpus: cpus().length,
  goal: 'indexed lookup p95 <= 1 ms at the largest size',
  goalMet: largest ? largest.indexedLookupMs.p95 <= 1 : null,
  results,
}));
