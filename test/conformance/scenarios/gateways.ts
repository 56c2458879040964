/** Gateways: exclusive (conditions, default, no flow → incident), parallel, inclusive fork, event-based race. */
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

const HOUR = 3600_000;

export const gatewayScenarios: Scenario[] = [
  {
    name: 'exclusive-gateway-takes-the-fulfilled-condition',
    description: 'Given an exclusive gateway with a condition and a default flow, when the condition is true, then only its flow is taken.',
    zeebeDoc: doc.exclusiveGateways,
    resources: ['exclusive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'xor', variables: { amount: 5000 } },
      { step: 'activateAndComplete', jobType: 'ct.xor.big' },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNotPassed', elements: ['small'] },
      { step: 'expectNoJob', jobType: 'ct.xor.small' },
    ],
  },
  {
    name: 'exclusive-gateway-takes-the-default-flow',
    description: 'Given an exclusive gateway whose conditions are all false, then it takes the default flow.',
    zeebeDoc: doc.exclusiveGateways,
    resources: ['exclusive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'xor', variables: { amount: 10 } },
      { step: 'activateAndComplete', jobType: 'ct.xor.small' },
      { step: 'expectCompleted', elements: ['gw', 'small', 'endSmall'] },
      { step: 'expectNotPassed', elements: ['big'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'exclusive-gateway-without-fulfilled-condition-or-default-raises-incident',
    description:
      'Given an exclusive gateway without default flow whose conditions are all false, then an incident CONDITION_ERROR is raised ' +
      'at the gateway; after setting a variable and resolving, the gateway is re-evaluated and continues.',
    // "If no condition is fulfilled and the gateway has no default flow, an incident is created."
    zeebeDoc: [doc.exclusiveGateways, doc.incidents],
    resources: ['exclusive-no-default.bpmn'],
    steps: [
      { step: 'createInstance', process: 'xor-strict', variables: { amount: 10 } },
      { step: 'expectIncident', errorType: 'CONDITION_ERROR', elementId: 'gw' },
      { step: 'expectNoJob', jobType: 'ct.xors.big' },
      { step: 'setVariables', variables: { amount: 5000 } },
      { step: 'resolveIncident', elementId: 'gw' },
      { step: 'activateAndComplete', jobType: 'ct.xors.big', expectVariables: { amount: 5000 } },
      { step: 'expectNoIncident' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'condition-on-missing-variable-raises-incident-even-with-default-flow',
    description:
      'Given an exclusive gateway condition `amount > 1000` and no variable amount, then the condition does not evaluate to a ' +
      'boolean and an incident is raised at the gateway (the default flow is not a fallback for a failed evaluation); ' +
      'setVariables + resolve continues.',
    // Incidents: "A condition doesn't return true or false." FEEL yields null for the comparison with a missing variable.
    // The error type is EXTRACT_VALUE_ERROR (a failed expression), not CONDITION_ERROR (which Zeebe uses when no flow
    // can be taken): observed on Zeebe 8.5.8 with this very scenario.
    zeebeDoc: [doc.incidents, doc.exclusiveGateways],
    resources: ['exclusive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'xor', variables: { caseId: 'C-1' } },
      { step: 'expectIncident', errorType: 'EXTRACT_VALUE_ERROR', elementId: 'gw' },
      { step: 'expectNoJob', jobType: 'ct.xor.small' },
      { step: 'setVariables', variables: { amount: 5000 } },
      { step: 'resolveIncident' },
      { step: 'activateAndComplete', jobType: 'ct.xor.big' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'parallel-gateway-forks-and-joins',
    description: 'Given a parallel fork into two tasks and a join, then both tasks are active at once and the join continues only after both completed, once.',
    zeebeDoc: doc.parallelGateways,
    resources: ['parallel.bpmn'],
    steps: [
      { step: 'createInstance', process: 'par' },
      { step: 'expectActive', elements: ['a', 'b'] },
      { step: 'activateAndComplete', jobType: 'ct.par.a' },
      { step: 'expectNoJob', jobType: 'ct.par.after' },
      { step: 'activateAndComplete', jobType: 'ct.par.b' },
      { step: 'activateAndComplete', jobType: 'ct.par.after' },
      { step: 'expectCompletedCount', elementId: 'join', count: 1 },
      { step: 'expectCompletedCount', elementId: 'after', count: 1 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'implicit-split-and-exclusive-merge-pass-every-token',
    description:
      'Given a task with two unconditional outgoing flows that meet again at an exclusive gateway, then both flows are taken ' +
      '(implicit parallel split) and the exclusive gateway passes each arriving token without waiting: the next task runs twice.',
    // Exclusive gateway: it "can also be used to merge" flows — it does not synchronize; an activity with several outgoing
    // flows takes all of them.
    zeebeDoc: [doc.exclusiveGateways, doc.parallelGateways],
    resources: ['implicit-split-merge.bpmn'],
    steps: [
      { step: 'createInstance', process: 'implicit-split-merge' },
      { step: 'activateAndComplete', jobType: 'ct.ism.register' },
      { step: 'expectActive', elements: ['notifyGrid', 'notifyDept'] },
      { step: 'activateAndComplete', jobType: 'ct.ism.grid' },
      { step: 'activateAndComplete', jobType: 'ct.ism.record' },
      { step: 'expectInstance', state: 'active' },
      { step: 'activateAndComplete', jobType: 'ct.ism.dept' },
      { step: 'activateAndComplete', jobType: 'ct.ism.record' },
      { step: 'expectCompletedCount', elementId: 'merge', count: 2 },
      { step: 'expectCompletedCount', elementId: 'end', count: 2 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'inclusive-gateway-forks-every-fulfilled-condition',
    description:
      'Given a diverging inclusive gateway with three conditions and a default, when two conditions are true, then exactly those two ' +
      'flows are taken (not the default). Zeebe 8.5 supports only the diverging inclusive gateway, so branches end separately.',
    // "Currently, Camunda 8 only supports the diverging (i.e. splitting, forking) inclusive gateway."
    zeebeDoc: doc.inclusiveGateways,
    resources: ['inclusive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'or-fork', variables: { x: 5 } },
      { step: 'expectActive', elements: ['a', 'b'] },
      { step: 'activateAndComplete', jobType: 'ct.or.a' },
      { step: 'expectInstance', state: 'active' },
      { step: 'activateAndComplete', jobType: 'ct.or.b' },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNotPassed', elements: ['c', 'd'] },
    ],
  },
  {
    name: 'inclusive-gateway-takes-default-when-no-condition-holds',
    description: 'Given a diverging inclusive gateway, when no condition is fulfilled, then only the default flow is taken.',
    zeebeDoc: doc.inclusiveGateways,
    resources: ['inclusive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'or-fork', variables: { x: 0 } },
      { step: 'activateAndComplete', jobType: 'ct.or.d' },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNotPassed', elements: ['a', 'b', 'c'] },
    ],
  },
  {
    name: 'converging-inclusive-gateway-is-rejected-at-deployment',
    description:
      'Given a process that joins flows with an inclusive gateway, when it is deployed, then the deployment is rejected: Zeebe 8.5 ' +
      'does not support the converging inclusive gateway, and a model that runs only on the embedded engine would not be portable.',
    // "Currently, Camunda 8 only supports the diverging ... inclusive gateway. It does not yet support the converging ..."
    zeebeDoc: doc.inclusiveGateways,
    resources: [],
    steps: [
      { step: 'deploy', resources: ['inclusive-join.bpmn'], expectRejected: true },
    ],
  },
  {
    name: 'event-based-gateway-message-wins-the-race',
    description:
      'Given an event-based gateway racing a message against a one-hour timer, when the message arrives first, then the message ' +
      'path is taken and the timer no longer fires.',
    zeebeDoc: [doc.eventBasedGateways, doc.timerEvents],
    resources: ['event-based.bpmn'],
    steps: [
      { step: 'createInstance', process: 'eb-race', variables: { caseId: 'C-3' } },
      { step: 'expectActive', elements: ['race'] },
      { step: 'publishMessage', name: 'decision.made', correlationKey: 'C-3', variables: { decision: 'accept' } },
      { step: 'activateAndComplete', jobType: 'ct.eb.message', expectVariables: { decision: 'accept' } },
      { step: 'advanceClock', ms: 2 * HOUR },
      { step: 'expectNoJob', jobType: 'ct.eb.timeout' },
      { step: 'expectNotPassed', elements: ['oneHour'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'event-based-gateway-timer-wins-the-race',
    description:
      'Given the same race, when the hour passes first, then the timer path is taken and a later message is not correlated.',
    zeebeDoc: [doc.eventBasedGateways, doc.messages],
    resources: ['event-based.bpmn'],
    steps: [
      { step: 'createInstance', process: 'eb-race', variables: { caseId: 'C-4' } },
      { step: 'expectActive', elements: ['race'] },
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.eb.timeout' },
      { step: 'publishMessage', name: 'decision.made', correlationKey: 'C-4' },
      { step: 'expectNoJob', jobType: 'ct.eb.message' },
      { step: 'expectNotPassed', elements: ['decisionMade'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
