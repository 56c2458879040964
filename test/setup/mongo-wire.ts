// The Mongo-wire server for the MongoDB store suites: FerretDB built and started once per jest run, its URL in
// GONGZHI_TEST_MONGO_URL (test workers inherit the environment of the global setup).
import { buildFerretDb, ferretDbToolchainProblem, MONGO_SERVER_ENV, startFerretDb } from './ferretdb.js';
import { registerStop } from './started-servers.js';

/** An already set GONGZHI_TEST_MONGO_URL (e.g. a real MongoDB) is used as it is. */
export async function startMongoWire(): Promise<void> {
  if (process.env.GONGZHI_TEST_MONGO_URL) {
    console.log(`\nMongo-wire suites use GONGZHI_TEST_MONGO_URL=${process.env.GONGZHI_TEST_MONGO_URL}`);
    return;
  }
  const problem = await ferretDbToolchainProblem();
  if (problem) {
    skipOrFail(problem);
    return;
  }
  try {
    await buildFerretDb();
    const ferret = await startFerretDb();
    process.env.GONGZHI_TEST_MONGO_URL = ferret.url;
    process.env[MONGO_SERVER_ENV] = 'ferretdb-v1';
    registerStop('FerretDB', ferret.stop);
  } catch (err) {
    skipOrFail(`FerretDB build or start failed: ${(err as Error).message}`);
  }
}

/** Under CI=true a suite that cannot run fails the run: a CI run that silently skips the real-server suites proves nothing. */
function skipOrFail(problem: string): void {
  if (process.env.CI === 'true') throw new Error(`Mongo-wire suites cannot run under CI: ${problem}`);
  console.warn(`\n!!! Mongo-wire suites SKIPPED: ${problem}\n`);
}
