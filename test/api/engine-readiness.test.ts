/** /readyz asks the engine: a Zeebe gateway nobody answers at makes the server not ready (503 problem). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { createZeebeEngine, type WorkflowEngine } from '../../engine/index.js';
import { loadConfig } from '../../server/config/load.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';

describe('readiness with an unreachable engine', () => {
  let dataDir: string;
  let server: RunningServer;
  let engine: WorkflowEngine;
  let closedPort: Server;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-ready-'));
    // a port that was free a moment ago and is closed again: connections are refused
    closedPort = createServer();
    await new Promise<void>((r) => closedPort.listen(0, '127.0.0.1', () => r()));
    const port = (closedPort.address() as { port: number }).port;
    await new Promise<void>((r) => closedPort.close(() => r()));
    engine = createZeebeEngine({ gatewayAddress: `127.0.0.1:${port}`, jobPollTimeoutMs: 0 });
    const config = loadConfig({}, { port: 0, dataDir, logLevel: 'silent' });
    server = await startServer(config, { engine, logger: createLogger('silent') });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await engine?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given no gateway, then /readyz answers 503 problem naming the engine check', async () => {
    const res = await fetch(`${server.url}/readyz`);
    const body = (await res.json()) as { status: number; checks: { name: string; ok: boolean }[] };
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body.checks).toContainEqual(expect.objectContaining({ name: 'engine', ok: false }));
    expect(body.checks).toContainEqual({ name: 'store', ok: true });
  }, 60_000);
});
