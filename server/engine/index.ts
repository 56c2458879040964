/** The server's side of the workflow engine: which engine runs, and the definition/instance/incident services. */
import type { WorkflowEngine } from '../../engine/index.js';
import type { SecurityServices } from '../identity/services.js';
import type { Logger } from '../log/logger.js';
import type { DocumentStore } from '../store/port.js';
import { DefinitionService } from './definitions.js';
import { InstanceService } from './instances.js';

export { createConfiguredEngine, enginePersistence } from './factory.js';
export { DEFINITIONS_COLLECTION, DefinitionService, variantProcessId, type DefinitionDoc, type DefinitionSummary } from './definitions.js';
export { INSTANCES_COLLECTION, InstanceService, instanceView, type InstanceDoc, type InstanceView, type ModifyInput } from './instances.js';
export type { InstanceState } from './instance-state.js';

export interface EngineServices {
  engine: WorkflowEngine;
  definitions: DefinitionService;
  instances: InstanceService;
  stop(): void;
}

export async function createEngineServices(store: DocumentStore, engine: WorkflowEngine, security: SecurityServices, logger?: Logger): Promise<EngineServices> {
  const definitions = new DefinitionService(store, engine, security.org, security.audit);
  const instances = new InstanceService(store, engine, definitions, security.org, security.audit, logger);
  await definitions.init();
  await instances.init();
  return { engine, definitions, instances, stop: () => instances.stop() };
}
