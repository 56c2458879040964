import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { DocumentStore } from './port.js';

export * from './port.js';

/** Opens the configured DocumentStore: a SQLite file under the data directory, or MongoDB. */
export async function openStore(config: Pick<Config, 'store' | 'dataDir' | 'mongoUrl' | 'mongoDb'> & Partial<Pick<Config, 'sqliteSynchronous'>>): Promise<DocumentStore> {
  if (config.store === 'mongodb') {
    const { openMongoStore } = await import('./mongodb/index.js');
    return openMongoStore({ url: config.mongoUrl!, db: config.mongoDb });
  }
  mkdirSync(config.dataDir, { recursive: true });
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore({ file: join(config.dataDir, 'gongzhi.sqlite'), synchronous: config.sqliteSynchronous ?? 'full' });
}
