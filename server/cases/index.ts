/** The case room's composition: repository, events, intake bindings, case service, milestone worker, attachments. */
import { join } from 'node:path';
import type { WorkflowEngine } from '../../engine/index.js';
import type { EngineServices } from '../engine/index.js';
import type { FormServices } from '../forms/index.js';
import type { SecurityServices } from '../identity/services.js';
import type { Logger } from '../log/logger.js';
import type { DocumentStore } from '../store/port.js';
import { AttachmentService, DEFAULT_ATTACHMENT_MAX_BYTES } from '../attachments/attachment-service.js';
import { LocalDirectoryStorage } from '../attachments/local-storage.js';
import type { AttachmentStorage } from '../attachments/storage.js';
import { IntakeBindings } from '../intake/bindings.js';
import { CaseService } from './case-service.js';
import { CitizenDesk } from './citizen.js';
import { CaseEvents } from './events.js';
import { CaseMilestoneWorker } from './milestones.js';
import { CaseRepository } from './repository.js';

export { CaseEvents, type CaseEventMap, type CaseEventName } from './events.js';
export { CASES_COLLECTION, type CaseDoc, type CaseStatus, type SlaState, categoryCode, maskPhone } from './case.js';
export { CaseRepository } from './repository.js';

export interface CaseServices {
  repo: CaseRepository;
  events: CaseEvents;
  bindings: IntakeBindings;
  service: CaseService;
  citizen: CitizenDesk;
  attachments: AttachmentService;
  worker: CaseMilestoneWorker;
  stop(): void;
}

export async function createCaseServices(
  store: DocumentStore,
  engine: WorkflowEngine,
  deps: { security: SecurityServices; engineServices: EngineServices; forms: FormServices; dataDir: string; logger?: Logger; storage?: AttachmentStorage; attachmentMaxBytes?: number; pollMs?: number },
): Promise<CaseServices> {
  const repo = new CaseRepository(store);
  await repo.init();
  const events = new CaseEvents((err, name) => deps.logger?.error({ err, event: name }, 'case event listener failed'));
  const bindings = new IntakeBindings(store, deps.security.org, deps.security.audit, async (id) => (await deps.forms.mappings.find(id))?.kind);
  await bindings.init();
  const attachments = new AttachmentService(store, deps.storage ?? new LocalDirectoryStorage(join(deps.dataDir, 'attachments')), deps.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES);
  await attachments.init();
  // case instants (filed, closed, on time, satisfaction) on the engine's clock when it has one — the clock the
  // process timers, the due dates and the SLA sweeper use — so that 按期结案 compares like with like
  const now = () => new Date(engine.clock?.now() ?? Date.now());
  const service = new CaseService({ repo, events, org: deps.security.org, audit: deps.security.audit, instances: deps.engineServices.instances, bindings, mappings: deps.forms.mappings, logger: deps.logger, now });
  const citizen = new CitizenDesk({ repo, events, audit: deps.security.audit, engine, definitions: deps.engineServices.definitions, now });
  const worker = new CaseMilestoneWorker(engine, repo, events, deps.logger, now);
  worker.start(deps.pollMs);
  return { repo, events, bindings, service, citizen, attachments, worker, stop: () => worker.stop() };
}
