/**
 * Web app bundle size and first-load time (issue #9). Builds designer/ with Vite, serves it through the real
 * server (embedded defaults, temp data dir), and loads the login page in Debian's Chromium N times — against a
 * baseline measured in the same run: an empty HTML page served by the same server process's static handler.
 * Prints one JSON object. Not a test.  Usage: npx tsx bench/ui/run.ts [runs=15]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../test/e2e/designer-support/browser.js';
import { serveApp } from '../../test/e2e/designer-support/serve.js';
import { loadConfig } from '../../server/config/load.js';
import { createLogger } from '../../server/log/logger.js';
import { startServer } from '../../server/server.js';

const runs = Number(process.argv[2] ?? 15);
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = join(root, 'designer/dist');
execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'designer/vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });

const chunks = readdirSync(join(dist, 'assets')).map((f) => {
  const bytes = readFileSync(join(dist, 'assets', f));
  return { file: f, bytes: statSync(join(dist, 'assets', f)).size, gzip: /\.(js|css|svg)$/.test(f) ? gzipSync(bytes).length : null };
}).sort((a, b) => b.bytes - a.bytes);
const index = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]!);
const sum = (list: typeof chunks, k: 'bytes' | 'gzip') => list.reduce((s, c) => s + (c[k] ?? 0), 0);

const dataDir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-ui-'));
const server = await startServer(loadConfig({}, { port: 0, dataDir, logLevel: 'silent', demo: false }), { logger: createLogger('silent') });
const emptyDir = mkdtempSync(join(tmpdir(), 'gongzhi-bench-ui-empty-'));
writeFileSync(join(emptyDir, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>baseline</title></head><body><p>baseline</p></body></html>');
const baseline = await serveApp(emptyDir, server.url);
const browser = await launchChromium();

async function measure(url: string, ready: string): Promise<{ loadMs: number; fcpMs: number; readyMs: number }[]> {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // cold cache every run: what a clerk's first visit costs
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector(ready);
    const readyMs = Date.now() - t0;
    // (a string: this file is type-checked without the DOM library)
    const timing = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return { loadMs: nav.loadEventEnd - nav.startTime, fcpMs: fcp ? fcp.startTime : -1 };
    })()`)) as { loadMs: number; fcpMs: number };
    out.push({ ...timing, readyMs });
    await context.close();
  }
  return out;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = (rows: { loadMs: number; fcpMs: number; readyMs: number }[]) => ({
  loadMedianMs: Math.round(median(rows.map((r) => r.loadMs))), fcpMedianMs: Math.round(median(rows.map((r) => r.fcpMs))), readyMedianMs: Math.round(median(rows.map((r) => r.readyMs))),
});
const app = summary(await measure(`${server.url}/`, 'form.login'));
const base = summary(await measure(`${baseline.url}/`, 'p'));
console.log(JSON.stringify({
  bench: 'ui', runs,
  bundle: {
    totalBytes: sum(chunks, 'bytes'), totalGzipBytes: sum(chunks, 'gzip'),
    firstLoad: { files: entry, bytes: sum(chunks.filter((c) => entry.includes(c.file)), 'bytes'), gzipBytes: sum(chunks.filter((c) => entry.includes(c.file)), 'gzip') },
    largest: chunks.slice(0, 8),
  },
  firstLoad: { app, baselineEmptyPage: base, ratioReady: +(app.readyMedianMs / Math.max(1, base.readyMedianMs)).toFixed(1) },
}, null, 2));
await browser.close();
await baseline.close();
await server.close();
rmSync(dataDir, { recursive: true, force: true });
rmSync(emptyDir, { recursive: true, force: true });
