// Starts the real external servers that integration suites need, once per jest run, on 127.0.0.1.
// Each starter records its address in process.env so that test workers inherit it, and registers how to
// stop it (started-servers.ts, used by global-teardown.ts). A missing toolchain makes its suites skip with
// a loud line, except under CI=true, where it fails the run.
//
// Jest requires this file as CommonJS, without moduleNameMapper (so `./x.js` would not find x.ts); the
// starters are ordinary TypeScript ESM modules, loaded here through tsx, which resolves them the way tsc does.
import { require as tsxRequire } from 'tsx/cjs/api';
import type * as MongoWire from './mongo-wire.js';

const load = <M>(file: string): M => tsxRequire(file, __filename) as M;

export default async function globalSetup(): Promise<void> {
  const { startMongoWire } = load<typeof MongoWire>('./mongo-wire.ts');
  await startMongoWire();
  // further starters (e.g. Zeebe) go here, each with its own env variable and registerStop
}
