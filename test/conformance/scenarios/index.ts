/** Every conformance scenario, in one list (names are unique; the runner makes one test of each). */
import type { Scenario } from '../types.js';
import { boundaryScenarios } from './boundaries.js';
import { callActivityScenarios } from './call-activities.js';
import { eventScenarios } from './events.js';
import { gatewayScenarios } from './gateways.js';
import { messageScenarios } from './messages.js';
import { multiInstanceScenarios } from './multi-instance.js';
import { operationScenarios } from './operations.js';
import { subprocessScenarios } from './subprocesses.js';
import { taskScenarios } from './tasks.js';

export const scenarios: Scenario[] = [
  ...taskScenarios,
  ...gatewayScenarios,
  ...eventScenarios,
  ...messageScenarios,
  ...boundaryScenarios,
  ...subprocessScenarios,
  ...callActivityScenarios,
  ...multiInstanceScenarios,
  ...operationScenarios,
];
