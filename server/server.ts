import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Config } from './config/schema.js';
import { createLogger, type Logger } from './log/logger.js';
import { createApp } from './http/app.js';
import { buildOpenApi } from './http/openapi.js';
import { systemRoutes } from './http/routes/system.js';
import type { RouteDef } from './http/route.js';
import { openStore, type DocumentStore } from './store/index.js';
import { createSecurityServices, type SecurityServices } from './identity/services.js';
import type { IdentitySettings } from './identity/settings.js';
import { sessionRoutes } from './http/routes/session.js';
import { orgRoutes } from './http/routes/org.js';
import { userRoutes } from './http/routes/users.js';
import { tokenRoutes } from './http/routes/tokens.js';
import { authzRoutes } from './http/routes/authz.js';
import { auditRoutes } from './http/routes/audit.js';
import type { WorkflowEngine } from '../engine/index.js';
import { createTaskServices, type TaskServices } from './tasks/index.js';
import { registryFormHandler } from './tasks/form-handler.js';
import { taskRoutes } from './http/routes/tasks.js';
import { createFormServices, type FormServices } from './forms/index.js';
import { formRoutes } from './http/routes/forms.js';
import { mappingRoutes } from './http/routes/mappings.js';
import { createConfiguredEngine, createEngineServices, type EngineServices } from './engine/index.js';
import { definitionRoutes } from './http/routes/definitions.js';
import { instanceRoutes } from './http/routes/instances.js';
import { CalendarService, calendarRoutes, loadNationalCalendar } from './calendar/index.js';
import { principalOf } from './authz/guard.js';
import { TimeLimitService, DueWorker, taskDueResolver } from './time-limits/index.js';
import { timeLimitRoutes } from './http/routes/time-limits.js';
import { createNotificationServices, type NotificationServices } from './notifications/index.js';
import { notificationRoutes } from './http/routes/notifications.js';
import { createSlaServices, type SlaServices } from './sla/index.js';
import { slaRoutes } from './http/routes/sla.js';
import { RoutingService, RouteWorker } from './routing/index.js';
import { libraryRoutes } from './http/routes/library.js';
import { MetricsService } from './metrics/index.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { createCaseServices, type CaseServices } from './cases/index.js';
import { caseRoutes } from './http/routes/cases.js';
import { intakeRoutes } from './http/routes/intake.js';
import { attachmentRoutes } from './http/routes/attachments.js';
import { publicRoutes } from './http/routes/public.js';
import { webApp } from './http/static.js';

export interface RunningServer {
  url: string;
  port: number;
  store: DocumentStore;
  logger: Logger;
  /** Org tree, accounts, sessions, tokens, Casbin authorisation and the audit log (`security.audit.record`). */
  security: SecurityServices;
  /** Form.io form registry (drafts, versions, validation) and JSONata mapping registry. */
  forms: FormServices;
  /** Every mounted route definition (the authorisation matrix test walks them). */
  routes: RouteDef[];
  /** The workflow engine (configured, or the one passed in) with the definition/instance/incident services. */
  engine: EngineServices;
  /** The task list over the engine. */
  tasks: TaskServices;
  /** Time-limit tables (时限表) and due dates; `load(table, scopeUnitId)` is what the library loader calls. */
  timeLimits: TimeLimitService;
  /** In-app inbox and the notifier (SMS/WeChat webhooks when configured). */
  notifications: NotificationServices;
  /** SLA sweeper (`sweep(at)` on demand), 督办, case deadlines (`caseFiled`). */
  sla: SlaServices;
  /** Dispatch routing tables (派遣路由表) behind the `gongzhi-route` worker; the library loader calls `load`. */
  routing: RoutingService;
  /** Cases, multi-channel intake, attachments, citizen tracking; subscribe to `cases.events`. */
  cases: CaseServices;
  /** Stops accepting connections, lets open requests finish (up to the grace period), closes the store. */
  close(): Promise<void>;
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    // dist/server/ is one level deeper than server/
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  }
}

/** The composition root: wires config, store, engine, services and routes, and listens. */
export async function startServer(
  config: Config,
  options: {
    logger?: Logger;
    identity?: Partial<IdentitySettings>;
    /** An already open store to use instead of the configured one (tests run on every adapter); closed on close. */
    store?: DocumentStore;
    /**
     * An already created and started engine to use instead of the configured one (tests); the caller starts and
     * stops it. The configured engine is started here and stopped on close.
     */
    engine?: WorkflowEngine;
  } = {},
): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const store = options.store ?? (await openStore(config));
  const security = await createSecurityServices(store, { settings: options.identity, logger });
  const ownsEngine = !options.engine;
  const engine = options.engine ?? createConfiguredEngine(config, store);
  if (ownsEngine) await engine.start();
  const engineServices = await createEngineServices(store, engine, security, logger);
  const routes: RouteDef[] = [];
  let openapi: Record<string, unknown> | undefined;
  routes.push(
    ...systemRoutes({
      checks: [
        { name: 'store', check: () => store.ping() },
        {
          name: 'engine',
          check: async () => {
            const topology = await engine.topology();
            if (!topology.ready) throw new Error(`${topology.engine} engine not ready`);
          },
        },
      ],
      openapi: () => (openapi ??= buildOpenApi(routes, { version: packageVersion() })),
    }),
  );
  routes.push(
    ...sessionRoutes(security),
    ...orgRoutes(security),
    ...userRoutes(security),
    ...tokenRoutes(security),
    ...authzRoutes(security),
    ...auditRoutes(security, store),
  );
  const calendars = new CalendarService(store, loadNationalCalendar(), logger);
  const timeLimits = new TimeLimitService(store, security.org.tree, calendars, security.audit);
  await timeLimits.init();
  const notifications = await createNotificationServices(store, { smsWebhookUrl: config.smsWebhookUrl, wechatWebhookUrl: config.wechatWebhookUrl }, logger);
  // the sweeper reads the engine's clock when it has one (a controlled test clock), so SLA states and BPMN timers agree
  const sla = createSlaServices(store, security, notifications.notifier, timeLimits, { sweepMs: config.slaSweepMs, now: () => new Date(engine.clock?.now() ?? Date.now()), logger });
  const dueWorker = new DueWorker(engine, timeLimits, logger);
  dueWorker.start();
  const routing = new RoutingService(store, security.org.tree, security.audit);
  await routing.init();
  const routeWorker = new RouteWorker(engine, routing, logger);
  routeWorker.start();
  const forms = await createFormServices(store, security);
  let extensionApproved = async (_task: { caseId: string }): Promise<void> => undefined;
  const tasks = await createTaskServices(store, engine, security, {
    logger,
    forms: registryFormHandler(forms.forms, forms.mappings),
    // a formKey without @N binds to the newest version published when the task's process was deployed; a form first
    // published after the deployment (nothing to bind to then) binds to its newest version at task creation
    formVersionOf: async (formKey, definitionKey) => {
      const def = await engineServices.definitions.byKey(definitionKey).catch(() => null);
      return (def ? await forms.forms.versionAt(formKey, def.deployedAt) : null) ?? forms.forms.latestVersionOf(formKey);
    },
    addWorkingDays: async (tenantId, start, days) => (await calendars.computeDue(tenantId, start, days, 'workingDays')).due,
    resolveDue: taskDueResolver(timeLimits, engine, logger),
    // the case room is built after the task room: the hook reaches it once it exists
    onExtensionApproved: async (task) => extensionApproved(task),
  });
  routes.push(...taskRoutes(security, tasks));
  routes.push(...definitionRoutes(engineServices.definitions, security.authz), ...instanceRoutes(engineServices.instances, security.authz));
  routes.push(
    ...calendarRoutes({ calendars, authorize: (req, action, tenantId) => security.authz.require(principalOf(req), 'calendar', action, tenantId) }),
  );
  routes.push(...formRoutes(forms.forms, security.authz), ...mappingRoutes(forms.mappings, security.authz));
  const cases = await createCaseServices(store, engine, { security, engineServices, forms, dataDir: config.dataDir, attachmentMaxBytes: config.attachmentMaxBytes, logger });
  // an approved extension of one of a case's tasks counts for the case (延期率)
  extensionApproved = async (task) => {
    await cases.repo.cases.updateOne({ _id: task.caseId }, { $inc: { extensionCount: 1 } });
  };
  // a filed case gets its closing deadline (dueAt) from the time-limit table
  const unsubscribeSla = sla.subscribe(cases.events);
  routes.push(...caseRoutes(security, cases, engineServices), ...intakeRoutes(security, cases), ...attachmentRoutes(security, cases), ...publicRoutes(cases));
  routes.push(
    ...timeLimitRoutes(timeLimits, security.authz),
    ...notificationRoutes(notifications.inbox),
    ...slaRoutes(sla.supervision, security.authz),
    ...metricsRoutes(new MetricsService(store), security.authz, (unitId) => security.org.tree.pathOf(unitId)),
    ...libraryRoutes({ definitions: engineServices.definitions, timeLimits, routing, authz: security.authz }),
  );
  const app = createApp({ config, logger, routes, guard: security.guard, web: webApp() });
  const server: Server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
      await closed;
      clearTimeout(timer);
      security.stop();
      tasks.stop();
      unsubscribeSla();
      cases.stop();
      sla.stop();
      dueWorker.stop();
      routeWorker.stop();
      engineServices.stop();
      if (ownsEngine) await engine.stop();
      await store.close();
    })());

  return { url, port, store, logger, security, routes, engine: engineServices, tasks, forms, timeLimits, notifications, sla, routing, cases, close };
}
