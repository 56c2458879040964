/**
 * The store benchmark with its MongoDB reference run on FerretDB v1 (SQLite backend), started here on a
 * free loopback port and stopped afterwards: `npx tsx bench/store/with-ferretdb.ts` (after
 * `bash scripts/build-ferretdb.sh`). Sizes default to 100k (BENCH_SIZES overrides), so SQLite and the
 * Mongo-wire adapter are measured on the same documents in the same run. FerretDB is a stand-in for
 * MongoDB here: its numbers say what the adapter costs over the wire, not what MongoDB would do.
 */
import { startFerretDb } from '../../test/setup/ferretdb.js';

process.env.BENCH_SIZES ??= '100000';
const ferret = await startFerretDb();
try {
  process.env.BENCH_MONGO_URL = ferret.url;
  await import('./run.js');
} finally {
  await ferret.stop();
}
