import { createEmbeddedEngine, createZeebeEngine, type EnginePersistence, type WorkflowEngine } from '../../engine/index.js';
import type { Config } from '../config/schema.js';
import type { DocumentStore } from '../store/port.js';

/**
 * The embedded engine's persistence on the server's DocumentStore. The engine asks only for named collections
 * with ordered insert and sorted find, which every DocumentStore collection already offers; the adapter exists
 * so that engine/ never learns about server/ types.
 */
export function enginePersistence(store: DocumentStore): EnginePersistence {
  return { collection: (name) => store.collection(name) };
}

/** ENGINE=embedded (default): durable on the server's store; ENGINE=zeebe: the configured gateway. Not started. */
export function createConfiguredEngine(config: Config, store: DocumentStore): WorkflowEngine {
  if (config.engine === 'zeebe') {
    if (!config.zeebeAddress) throw new Error('ZEEBE_ADDRESS is required when ENGINE=zeebe');
    return createZeebeEngine({
      gatewayAddress: config.zeebeAddress,
      managementAddress: config.zeebeManagementAddress,
      recordsFile: config.zeebeRecordsFile,
    });
  }
  return createEmbeddedEngine({ persistence: enginePersistence(store) });
}
