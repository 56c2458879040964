import { z } from 'zod';

/**
 * The one configuration schema of the server. Every setting has an environment variable (the key in
 * `ENV_NAMES`) and may also come from a JSON file named by GONGZHI_CONFIG; the environment wins.
 * Secrets are never defaulted: a setting that needs one fails validation at start when it is missing.
 */
export const configSchema = z
  .object({
    host: z.string().default('127.0.0.1').describe('Address the HTTP server binds to.'),
    port: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port; 0 picks a free port.'),
    dataDir: z.string().default('./data').describe('Directory for the SQLite file, attachments and other local state.'),
    store: z.enum(['sqlite', 'mongodb']).default('sqlite').describe('DocumentStore adapter.'),
    sqliteSynchronous: z.enum(['full', 'normal']).default('full').describe("SQLite durability: 'full' fsyncs every commit (survives power loss); 'normal' (WAL) survives a crashed process but may lose the last commits on power loss, at a fraction of the write latency (bench/api)."),
    mongoUrl: z.string().optional().describe('MongoDB connection string; required when store=mongodb.'),
    mongoDb: z.string().default('gongzhi').describe('MongoDB database name.'),
    engine: z.enum(['embedded', 'zeebe']).default('embedded').describe('Workflow engine adapter.'),
    zeebeAddress: z.string().optional().describe('Zeebe gateway address host:port; required when engine=zeebe.'),
    zeebeManagementAddress: z.string().optional().describe('http://host:port of the Zeebe broker actuator (controlled clock); optional.'),
    zeebeRecordsFile: z.string().optional().describe('JSON-lines file written by our Zeebe exporter: broker records, instance history and incidents; optional.'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level.'),
    bodyLimit: z.string().default('1mb').describe('Largest accepted JSON request body.'),
    attachmentMaxBytes: z.coerce.number().int().min(1024).default(10 * 1024 * 1024).describe('Largest accepted case attachment (photo, document) in bytes; citizen photos are capped at 5 MB below it.'),
    shutdownGraceMs: z.coerce.number().int().min(0).default(10_000).describe('How long open requests may finish on SIGTERM.'),
    trustProxy: z.coerce.boolean().default(false).describe('Trust X-Forwarded-* headers (behind a reverse proxy).'),
    slaSweepMs: z.coerce.number().int().min(0).default(60_000).describe('How often the SLA sweeper moves tasks and cases to warning/overdue; 0 = never (tests sweep on demand).'),
    smsWebhookUrl: z.url().optional().describe('SMS gateway: notifications are POSTed to it as JSON; unset = no SMS.'),
    wechatWebhookUrl: z.url().optional().describe('WeChat gateway: notifications are POSTed to it as JSON; unset = no WeChat.'),
    demo: z
      .preprocess((v) => (v === 'false' || v === '0' ? false : v === 'true' || v === '1' ? true : v), z.boolean())
      .default(true)
      .describe('On an empty data directory, load the process library and the demo organisation (passwords printed once); false = start empty.'),
  })
  .superRefine((cfg, ctx) => {
    if (cfg.store === 'mongodb' && !cfg.mongoUrl) {
      ctx.addIssue({ code: 'custom', path: ['mongoUrl'], message: 'MONGO_URL is required when STORE=mongodb' });
    }
    if (cfg.engine === 'zeebe' && !cfg.zeebeAddress) {
      ctx.addIssue({ code: 'custom', path: ['zeebeAddress'], message: 'ZEEBE_ADDRESS is required when ENGINE=zeebe' });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type ConfigKey = keyof Config;

/** Environment variable of each setting. */
export const ENV_NAMES: Record<ConfigKey, string> = {
  host: 'HOST',
  port: 'PORT',
  dataDir: 'DATA_DIR',
  store: 'STORE',
  sqliteSynchronous: 'SQLITE_SYNCHRONOUS',
  mongoUrl: 'MONGO_URL',
  mongoDb: 'MONGO_DB',
  engine: 'ENGINE',
  zeebeAddress: 'ZEEBE_ADDRESS',
  zeebeManagementAddress: 'ZEEBE_MANAGEMENT_ADDRESS',
  zeebeRecordsFile: 'ZEEBE_RECORDS_FILE',
  logLevel: 'LOG_LEVEL',
  bodyLimit: 'BODY_LIMIT',
  attachmentMaxBytes: 'ATTACHMENT_MAX_BYTES',
  shutdownGraceMs: 'SHUTDOWN_GRACE_MS',
  trustProxy: 'TRUST_PROXY',
  slaSweepMs: 'SLA_SWEEP_MS',
  smsWebhookUrl: 'SMS_WEBHOOK_URL',
  wechatWebhookUrl: 'WECHAT_WEBHOOK_URL',
  demo: 'GONGZHI_DEMO',
};
