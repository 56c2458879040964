import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type RequestHandler, type Router } from 'express';
import { sendProblem } from './errors.js';
import { ProblemError } from './problems.js';

/**
 * The web app's headers. bpmn-js and Form.io set inline styles (style-src 'unsafe-inline'); scripts come only from
 * our own hashed bundles; images may be data:/blob: (diagram exports, photo previews before upload).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** `designer/dist` next to the package root (works from server/ under tsx and from dist/server/ when built). */
export function defaultWebDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [resolve(here, '../../designer/dist'), resolve(here, '../../../designer/dist')];
  return candidates.find((d) => existsSync(join(d, 'index.html'))) ?? candidates[0]!;
}

/**
 * Serves the built web app at `/`: hashed assets under /assets with a long immutable cache, every other GET that is
 * not under /api/ answers index.html (the app routes by hash, deep links still land on the shell). When the app has
 * not been built, `/` answers a 503 problem that says how to build it instead of a bare 404.
 */
export function webApp(dir: string = defaultWebDir()): Router {
  const router = express.Router();
  const setCsp: RequestHandler = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    next();
  };
  router.use(setCsp);
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/).*/, (req, res) => {
    if (req.path.startsWith('/assets/')) return sendProblem(res, req, new ProblemError('http.not_found', `no asset ${req.path}`));
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      return sendProblem(res, req, new ProblemError('http.unavailable', `the web app is not built (${index} missing): run npm run build`));
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(readFileSync(index, 'utf8'));
  });
  return router;
}
