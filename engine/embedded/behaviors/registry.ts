/** Element type → behaviour. */
import type { BpmnElementType } from '../model/types.js';
import type { ElementBehavior } from './behavior.js';
import { callActivity } from './call-activity.js';
import { catchEvent } from './catch-event.js';
import { eventSubProcess, processBehavior, subProcess } from './containers.js';
import { endEvent } from './end-event.js';
import { eventBasedGateway } from './event-based-gateway.js';
import { exclusiveGateway } from './exclusive-gateway.js';
import { inclusiveGateway } from './inclusive-gateway.js';
import { jobTask } from './job-task.js';
import { multiInstanceBody } from './multi-instance.js';
import { passThrough } from './pass-through.js';
import { scriptTask } from './script-task.js';
import { throwEvent } from './throw-event.js';

const parallelGateway: ElementBehavior = { onActivated: (b, inst) => b.complete(inst) };

export const BEHAVIORS: Record<BpmnElementType, ElementBehavior> = {
  PROCESS: processBehavior,
  START_EVENT: passThrough,
  END_EVENT: endEvent,
  INTERMEDIATE_CATCH_EVENT: catchEvent,
  INTERMEDIATE_THROW_EVENT: throwEvent,
  BOUNDARY_EVENT: passThrough,
  SERVICE_TASK: jobTask,
  SEND_TASK: jobTask,
  USER_TASK: jobTask,
  SCRIPT_TASK: scriptTask,
  RECEIVE_TASK: catchEvent,
  MANUAL_TASK: passThrough,
  TASK: passThrough,
  EXCLUSIVE_GATEWAY: exclusiveGateway,
  PARALLEL_GATEWAY: parallelGateway,
  INCLUSIVE_GATEWAY: inclusiveGateway,
  EVENT_BASED_GATEWAY: eventBasedGateway,
  SUB_PROCESS: subProcess,
  EVENT_SUB_PROCESS: eventSubProcess,
  CALL_ACTIVITY: callActivity,
  MULTI_INSTANCE_BODY: multiInstanceBody,
  SEQUENCE_FLOW: passThrough,
};
