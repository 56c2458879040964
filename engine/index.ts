/**
 * The engine's public face: the WorkflowEngine port and the embedded engine factory. The server imports
 * engine/ only through this file and port.ts.
 */
import { EmbeddedEngine, type EmbeddedEngineOptions } from './embedded/engine.js';
import type { WorkflowEngine } from './port.js';

export * from './port.js';
export type { EmbeddedEngineOptions } from './embedded/engine.js';
export type { EngineCollection, EnginePersistence } from './embedded/persistence/types.js';
export { LOG_COLLECTION } from './embedded/persistence/record-log.js';
export { createZeebeEngine, type ZeebeEngine, type ZeebeEngineOptions } from './zeebe/index.js';

/** An in-process engine with Zeebe 8.5 semantics; durable when `persistence` is given, memory-only otherwise. */
export function createEmbeddedEngine(options: EmbeddedEngineOptions = {}): WorkflowEngine {
  return new EmbeddedEngine(options);
}
