// Public surface of the Zeebe adapter of the WorkflowEngine port.
export { createZeebeEngine } from './zeebe-engine.js';
export type { ZeebeEngine, ZeebeEngineOptions } from './zeebe-engine.js';
