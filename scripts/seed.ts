/**
 * `npm run seed`: loads the demo organisation and the process library into the configured store (same settings
 * as `npm start`: DATA_DIR, STORE, ENGINE ...), whether or not the data directory is empty. Idempotent: units and
 * users that exist are kept, unchanged processes/forms keep their versions. New users' passwords print once.
 */
import { loadConfig } from '../server/config/load.js';
import { formatSeedResult, seedDemo } from '../server/library/first-start.js';
import { createLogger } from '../server/log/logger.js';
import { startServer } from '../server/server.js';

const config = loadConfig({}, { port: 0 });
const running = await startServer(config, { logger: createLogger('warn') });
try {
  process.stdout.write(formatSeedResult(await seedDemo(running)));
} finally {
  await running.close();
}
