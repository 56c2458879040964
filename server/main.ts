import { loadConfig, ConfigError } from './config/load.js';
import { createLogger } from './log/logger.js';
import { startServer } from './server.js';
import { formatSeedResult, seedOnFirstStart } from './library/first-start.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, { logger });
  process.stdout.write(formatSeedResult(await seedOnFirstStart(running, config.demo)));
  logger.info({ url: running.url, store: config.store, engine: config.engine, dataDir: config.dataDir }, 'gongzhi listening');
  process.stdout.write(`\n  共治 Gongzhi is listening on ${running.url}  (API description: ${running.url}/api/openapi.json)\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`gongzhi failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
