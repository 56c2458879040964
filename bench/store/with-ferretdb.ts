/**
 * The MongoDB adapter's reference run on FerretDB v1 (SQLite backend), against the SQLite adapter on the
 * same documents in the same run (the baseline). Run: `bash scripts/build-ferretdb.sh && npx tsx
 * bench/store/with-ferretdb.ts`; BENCH_FERRETDB_SIZE (default 100000) sets the collection size. Prints JSON.
 *
 * Why not bench/store/run.ts with BENCH_MONGO_URL: FerretDB v1's SQLite backend uses no index for queries;
 * a filter that is exactly `{_id: value}` becomes a SQL table scan (~0.7 s at 100k documents), any other
 * lookup, page query or conditional write a scan filtered in Go (~13 s at 100k), so run.ts's thousands of
 * lookups would take hours. Here FerretDB's operations are sampled a few times only. FerretDB stands in for MongoDB in tests: these numbers say what
 * the test server costs, not what MongoDB would do (there, every one of these queries uses an index).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMongoStore } from '../../server/store/mongodb/index.js';
import type { DocumentStore } from '../../server/store/port.js';
import { openSqliteStore } from '../../server/store/sqlite/index.js';
import { startFerretDb } from '../../test/setup/ferretdb.js';
import { caseDocument, idCardOf } from './documents.js';
import { latency, round, spread } from './measure.js';

const SIZE = Number(process.env.BENCH_FERRETDB_SIZE ?? 100_000);
const BATCH = 1000;
const caseId = (i: number) => `case-${String(i).padStart(9, '0')}`;

async function measure(store: DocumentStore, samples: { lookups: number; scans: number }) {
  const scanSamples = samples.scans;
  const cases = store.collection('bench_cases');
  await cases.createIndex({ fields: { 'reporter.idCard': 1 } });
  await cases.createIndex({ fields: { 'grid.id': 1, status: 1, reportedAt: -1 } });

  const insertStart = performance.now();
  for (let from = 0; from < SIZE; from += BATCH) {
    await cases.insertMany(Array.from({ length: Math.min(BATCH, SIZE - from) }, (_, k) => ({ _id: caseId(from + k), ...caseDocument(from + k) })));
  }
  const insertSeconds = (performance.now() - insertStart) / 1000;

  const scanWarmup = 1;
  const idLookup = await latency(samples.lookups, async (i) => {
    if (!(await cases.findOne({ _id: caseId(spread(i, SIZE)) }))) throw new Error('_id lookup missed');
  }, Math.min(200, samples.lookups));
  const indexedFieldLookup = await latency(scanSamples, async (i) => {
    if (!(await cases.findOne({ 'reporter.idCard': idCardOf(spread(i, SIZE)) }))) throw new Error('field lookup missed');
  }, scanWarmup);
  // grids whose number is a multiple of 6 hold the 受理 (status index 0) cases (see documents.ts)
  const grids = Math.min(1232, Math.floor((SIZE - 1) / 6) + 1);
  const pageQuery = await latency(scanSamples, async (i) => {
    const page = await cases.findPage({ 'grid.id': `G${spread(i, grids) * 6}`, status: '受理' }, { sort: { reportedAt: -1 }, limit: 20 });
    if (page.items.length === 0) throw new Error('page query found nothing');
  }, scanWarmup);
  const updateById = await latency(scanSamples, async (i) => {
    const result = await cases.updateOne({ _id: caseId(spread(i + 7, SIZE)) }, { $set: { 'sla.warned': true } });
    if (result.matched !== 1) throw new Error('update missed');
  }, scanWarmup);
  return {
    documents: SIZE,
    insertManyDocsPerSecond: Math.round(SIZE / insertSeconds),
    insertManySeconds: round(insertSeconds),
    idLookupMs: idLookup,
    indexedFieldLookupMs: indexedFieldLookup,
    pageQueryCompoundIndexMs: pageQuery,
    updateOneByIdMs: updateById,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-ferretdb-'));
const results: Record<string, unknown> = {};
try {
  const sqlite = openSqliteStore({ file: join(dir, 'baseline.sqlite') });
  results[`sqlite_${SIZE}`] = await measure(sqlite, { lookups: 500, scans: 200 });
  await sqlite.close();

  const ferret = await startFerretDb();
  try {
    const mongo = await openMongoStore({ url: ferret.url, db: 'gongzhi_bench' });
    results[`ferretdb_${SIZE}`] = await measure(mongo, { lookups: 30, scans: 3 });
    await mongo.close();
  } finally {
    await ferret.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(JSON.stringify({
  bench: 'store-ferretdb-reference',
  node: process.version,
  ferretdb: 'v1.24.2, SQLite backend',
  cpus: cpus().length,
  baseline: `sqlite_${SIZE}`,
  results,
}));
