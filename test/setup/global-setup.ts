// Starts the real external servers that integration suites need, once per jest run, on 127.0.0.1.
// Each starter records its address in process.env so that test workers inherit it, and registers how to
// stop it (started-servers.ts, used by global-teardown.ts). A missing toolchain makes its suites skip with
// a loud line, except under CI=true, where it fails the run.
//
// Jest requires this file as CommonJS, without moduleNameMapper (so `./x.js` would not find x.ts); the
// starters are ordinary TypeScript ESM modules, loaded here through tsx, which resolves them the way tsc does.
import { require as tsxRequire } from 'tsx/cjs/api';
import type * as MongoWire from './mongo-wire.js';
import type * as StartedServers from './started-servers.js';
import type * as Zeebe from './zeebe.js';

const load = <M>(file: string): M => tsxRequire(file, __filename) as M;

/**
 * GONGZHI_TEST_SERVERS=none|mongo|zeebe|mongo,zeebe narrows what a local, targeted run starts (the Zeebe JVM
 * costs half a minute of CPU); the suites of a server not started skip loudly. Ignored under CI=true, where
 * every suite must run.
 */
function wanted(server: 'mongo' | 'zeebe'): boolean {
  const list = process.env.GONGZHI_TEST_SERVERS;
  if (process.env.CI === 'true' || list === undefined) return true;
  const on = list.split(',').map((s) => s.trim());
  if (!on.includes(server)) console.warn(`\n!!! ${server} not started (GONGZHI_TEST_SERVERS=${list}): its suites skip\n`);
  return on.includes(server);
}

export default async function globalSetup(): Promise<void> {
  const { startMongoWire } = load<typeof MongoWire>('./mongo-wire.ts');
  const { startSharedZeebe } = load<typeof Zeebe>('./zeebe.ts');
  // FerretDB and the Zeebe JVM take tens of seconds each: start them side by side, not one after the other.
  // allSettled, so that one failing starter does not leave the other's process running without a stop.
  const results = await Promise.allSettled([
    wanted('mongo') ? startMongoWire() : Promise.resolve(),
    wanted('zeebe') ? startSharedZeebe() : Promise.resolve(),
  ]);
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) {
    const { stopAll } = load<typeof StartedServers>('./started-servers.ts');
    await stopAll().catch(() => undefined);
    throw failures[0];
  }
}
