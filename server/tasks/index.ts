/** The task list's composition: repository, projector, services; started with the server's engine. */
import type { WorkflowEngine } from '../../engine/index.js';
import type { SecurityServices } from '../identity/services.js';
import type { Logger } from '../log/logger.js';
import type { DocumentStore } from '../store/port.js';
import { SecurityDirectory } from './directory.js';
import { TaskProjector, type ProjectorExtras } from './projector.js';
import { TaskRepository } from './repository.js';
import { TaskService, type TaskFormHandler, type TaskServiceDeps } from './task-service.js';

export interface TaskServices {
  repo: TaskRepository;
  dir: SecurityDirectory;
  projector: TaskProjector;
  service: TaskService;
  stop(): void;
}

export async function createTaskServices(
  store: DocumentStore,
  engine: WorkflowEngine,
  security: SecurityServices,
  options: { logger?: Logger; forms?: TaskFormHandler; formVersionOf?: ProjectorExtras['formVersionOf']; resolveDue?: ProjectorExtras['resolveDue']; addWorkingDays?: (tenantId: string, start: Date, days: number) => Promise<Date>; onExtensionApproved?: TaskServiceDeps['onExtensionApproved']; pollMs?: number } = {},
): Promise<TaskServices> {
  const repo = new TaskRepository(store);
  await repo.init();
  const dir = new SecurityDirectory(security);
  const projector = new TaskProjector(engine, repo, dir, options.logger, undefined, { formVersionOf: options.formVersionOf, resolveDue: options.resolveDue });
  const service = new TaskService({ engine, repo, authz: security.authz, audit: security.audit, dir, projector, forms: options.forms, addWorkingDays: options.addWorkingDays, onExtensionApproved: options.onExtensionApproved });
  projector.start(options.pollMs);
  return { repo, dir, projector, service, stop: () => projector.stop() };
}
