import { readFileSync } from 'node:fs';
import { configSchema, ENV_NAMES, type Config, type ConfigKey } from './schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads GONGZHI_CONFIG (a JSON file) if set, overlays the environment, validates, and returns the config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  let fromFile: Record<string, unknown> = {};
  const file = env.GONGZHI_CONFIG;
  if (file) {
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError([`GONGZHI_CONFIG=${file}: ${(err as Error).message}`]);
    }
  }
  const fromEnv: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [ConfigKey, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const parsed = configSchema.safeParse({ ...fromFile, ...fromEnv, ...overrides });
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = i.path[0] as ConfigKey | undefined;
        const name = key && ENV_NAMES[key] ? `${ENV_NAMES[key]} (${String(key)})` : i.path.join('.');
        return `${name}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}
