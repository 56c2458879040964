// Stops what global-setup started (loaded through tsx for the same reason as there).
import { require as tsxRequire } from 'tsx/cjs/api';
import type * as StartedServers from './started-servers.js';

export default async function globalTeardown(): Promise<void> {
  const { stopAll } = tsxRequire('./started-servers.ts', __filename) as typeof StartedServers;
  await stopAll();
}
