import express, { type Express } from 'express';
import type { Logger } from '../log/logger.js';
import type { Config } from '../config/schema.js';
import type { RouteDef } from './route.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { mountRoutes, denyAllGuard, type AccessGuard } from './mount.js';
import { requestContext } from './request-context.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  routes: RouteDef[];
  guard?: AccessGuard;
  /** Mounted after the API routes and before the 404 handler (the web app at `/`). */
  web?: express.Router;
}

/** The Express application: request ids and logs, JSON bodies within the limit, routes, problem+json errors. */
export function createApp({ config, logger, routes, guard = denyAllGuard, web }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestContext(logger));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  app.use(express.json({ limit: config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] }));
  mountRoutes(app, routes, guard);
  if (web) app.use(web);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
