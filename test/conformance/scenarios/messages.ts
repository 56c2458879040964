/** Messages: intermediate catch, buffering with TTL, expiry, cardinality, messageId uniqueness, message start event. */
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const messageScenarios: Scenario[] = [
  {
    name: 'intermediate-message-catch-correlates-by-name-and-key',
    description: 'Given an instance waiting at a message catch event, when the message with its correlation key is published, then its variables are merged and it continues.',
    zeebeDoc: [doc.messageEvents, doc.messages],
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-10' } },
      { step: 'expectActive', elements: ['inspected'] },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-10', variables: { result: 'passed' } },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { result: 'passed', caseId: 'C-10' } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'correlation-key-is-fixed-when-the-subscription-opens',
    description:
      'Given an instance waiting for a message with correlation key =caseId (C-17), when caseId is changed to C-18, then a message ' +
      'for C-18 is not correlated and one for C-17 still is.',
    // "After a subscription is opened, it is not updated (for example, when the referenced process instance variable is changed.)"
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-17' } },
      { step: 'expectActive', elements: ['inspected'] },
      { step: 'setVariables', variables: { caseId: 'C-18' } },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-18', timeToLive: 0 },
      { step: 'expectNoJob', jobType: 'ct.msg.after' },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-17', timeToLive: 0 },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { caseId: 'C-18' } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'message-published-before-subscription-is-buffered-within-ttl',
    description:
      'Given a message published with a one-hour TTL before any instance waits for it, when an instance opens the subscription ' +
      'within the hour, then the buffered message is correlated at once.',
    // "When a subscription is opened, it polls the buffer for a proper message."
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-11', timeToLive: HOUR, variables: { result: 'early' } },
      { step: 'advanceClock', ms: 10 * MINUTE },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-11' } },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { result: 'early' } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'expired-buffered-message-does-not-correlate',
    description:
      'Given a message published with a one-minute TTL, when the subscription opens after two minutes, then the message has ' +
      'expired and the instance keeps waiting.',
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-12', timeToLive: MINUTE, variables: { result: 'stale' } },
      { step: 'advanceClock', ms: 2 * MINUTE },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-12' } },
      { step: 'expectActive', elements: ['inspected'] },
      { step: 'expectNoJob', jobType: 'ct.msg.after' },
      { step: 'expectInstance', state: 'active' },
    ],
  },
  {
    name: 'message-with-zero-ttl-is-not-buffered',
    description: 'Given a message published with TTL 0 while no subscription is open, when the instance later waits, then it is not correlated.',
    // "The buffering of a message is disabled when its TTL is set to zero. If no proper subscription is open, the message is discarded."
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-13', timeToLive: 0 },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-13' } },
      { step: 'expectActive', elements: ['inspected'] },
      { step: 'expectNoJob', jobType: 'ct.msg.after' },
    ],
  },
  {
    name: 'message-correlates-to-one-instance-of-a-process-only',
    description:
      'Given two instances of the same process waiting with the same correlation key, when one message is published, then exactly ' +
      'one of them continues; a second message releases the other.',
    // Message cardinality: "If multiple subscriptions for the same process are opened (by multiple process instances ...),
    // the message is correlated only to one of the subscriptions."
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-14' }, instance: 'first' },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-14' }, instance: 'second' },
      { step: 'expectActive', elements: ['inspected'], instance: 'first' },
      { step: 'expectActive', elements: ['inspected'], instance: 'second' },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-14' },
      { step: 'activateAndComplete', jobType: 'ct.msg.after' },
      { step: 'expectNoJob', jobType: 'ct.msg.after' },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-14' },
      { step: 'activateAndComplete', jobType: 'ct.msg.after' },
      { step: 'expectInstance', state: 'completed', instance: 'first' },
      { step: 'expectInstance', state: 'completed', instance: 'second' },
    ],
  },
  {
    name: 'buffered-messages-correlate-first-in-first-out-once-per-process',
    description:
      'Given two messages with the same name and key buffered for an hour, when a first instance waits, then it receives the first ' +
      'published; when a second instance of the same process waits, it receives the second (the first was already correlated to ' +
      'this process).',
    // "In case multiple messages match to the subscription, the first published message is correlated (like a FIFO queue)";
    // "A message is correlated only once to a process (based on the BPMN process id)".
    zeebeDoc: doc.messages,
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-16', timeToLive: HOUR, variables: { n: 1 } },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-16', timeToLive: HOUR, variables: { n: 2 } },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-16' }, instance: 'first' },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { n: 1 }, expectInstance: 'first' },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-16' }, instance: 'second' },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { n: 2 }, expectInstance: 'second' },
      { step: 'expectInstance', state: 'completed', instance: 'second' },
    ],
  },
  {
    name: 'message-id-deduplicates-while-buffered',
    description:
      'Given a message with an id buffered for an hour, when the same name, key and id are published again, then the second ' +
      'publication is rejected; the buffered one correlates once; after it expires the id can be published again.',
    // Message uniqueness: "A message is rejected and not correlated if a message with the same name, the same correlation
    // key, and the same id is already buffered. After the message is discarded from the buffer, [it] can be published again."
    zeebeDoc: [doc.messages, doc.zeebeApi],
    resources: ['message-catch.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-15', messageId: 'M-1', timeToLive: HOUR, variables: { n: 1 } },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-15', messageId: 'M-1', timeToLive: HOUR, variables: { n: 2 }, expectRejected: true },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-15' } },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { n: 1 } },
      { step: 'expectInstance', state: 'completed' },
      { step: 'advanceClock', ms: 2 * HOUR },
      { step: 'publishMessage', name: 'inspection.done', correlationKey: 'C-15', messageId: 'M-1', timeToLive: HOUR, variables: { n: 3 } },
      { step: 'createInstance', process: 'msg-catch', variables: { caseId: 'C-15' }, instance: 'later' },
      { step: 'activateAndComplete', jobType: 'ct.msg.after', expectVariables: { n: 3 }, expectInstance: 'later' },
    ],
  },
  {
    name: 'message-start-event-creates-an-instance-with-the-message-variables',
    description: 'Given a deployed process with a message start event, when the message is published, then a new instance starts with the message variables.',
    // "When a process is deployed, it creates a message subscription for each message start event."
    zeebeDoc: [doc.messageEvents, doc.messages],
    resources: ['message-start.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'report.filed', correlationKey: 'R-1', variables: { reporter: 'citizen', grid: 'G-01' } },
      { step: 'captureInstance', process: 'msg-start', as: 'main' },
      { step: 'activateAndComplete', jobType: 'ct.msgstart.triage', expectVariables: { reporter: 'citizen', grid: 'G-01' }, expectInstance: 'main' },
      { step: 'expectCompleted', elements: ['reportFiled', 'triage', 'end'] },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectInstanceCount', process: 'msg-start', count: 1 },
    ],
  },
  {
    name: 'message-start-event-starts-one-active-instance-per-correlation-key',
    description:
      'Given an instance started by a message with key R-1 that is still active, when another message with key R-1 is published, ' +
      'then no second instance starts; a message with key R-2 starts one.',
    // "A message is not correlated to a message start event subscription if an instance of the process is active and was
    // created by a message with the same correlation key."
    zeebeDoc: doc.messages,
    resources: ['message-start.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'report.filed', correlationKey: 'R-1', timeToLive: 0, variables: { n: 1 } },
      { step: 'captureInstance', process: 'msg-start', as: 'main' },
      { step: 'publishMessage', name: 'report.filed', correlationKey: 'R-1', timeToLive: 0, variables: { n: 2 } },
      { step: 'expectInstanceCount', process: 'msg-start', count: 1 },
      { step: 'publishMessage', name: 'report.filed', correlationKey: 'R-2', timeToLive: 0, variables: { n: 3 } },
      { step: 'expectInstanceCount', process: 'msg-start', count: 2 },
      { step: 'captureInstance', process: 'msg-start', as: 'other' },
      { step: 'activateAndComplete', jobType: 'ct.msgstart.triage', expectInstance: 'main', expectVariables: { n: 1 } },
      { step: 'activateAndComplete', jobType: 'ct.msgstart.triage', expectInstance: 'other', expectVariables: { n: 3 } },
      { step: 'expectInstance', state: 'completed', instance: 'main' },
      { step: 'expectInstance', state: 'completed', instance: 'other' },
    ],
  },
];
