import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../server/config/load.js';
import { ENV_NAMES } from '../../server/config/schema.js';

describe('configuration', () => {
  it('given no settings, defaults to the embedded engine on a SQLite file under ./data', () => {
    const cfg = loadConfig({});
    expect(cfg).toMatchObject({ store: 'sqlite', engine: 'embedded', dataDir: './data', port: 8080, host: '127.0.0.1' });
  });

  it('reads a JSON file named by GONGZHI_CONFIG and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gz-cfg-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 9000, logLevel: 'debug' }));
    const cfg = loadConfig({ GONGZHI_CONFIG: file, PORT: '9100' });
    expect(cfg.port).toBe(9100);
    expect(cfg.logLevel).toBe('debug');
  });

  it('names the environment variable of every invalid setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT \(port\)/);
    expect(() => loadConfig({ STORE: 'mongodb' })).toThrow(/MONGO_URL is required when STORE=mongodb/);
    expect(() => loadConfig({ STORE: 'postgres' })).toThrow(/STORE \(store\)/);
  });

  it('requires ZEEBE_ADDRESS when ENGINE=zeebe instead of defaulting one', () => {
    expect(() => loadConfig({ ENGINE: 'zeebe' })).toThrow(/ZEEBE_ADDRESS/);
  });

  it('documents every setting in the README configuration table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const name of Object.values(ENV_NAMES)) expect(readme).toContain(`\`${name}\``);
  });
});
