/** Timer and none events, start events, throw events and end events (terminate, error, escalation). */
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const eventScenarios: Scenario[] = [
  {
    name: 'intermediate-timer-duration-fires-after-the-duration',
    description: 'Given a ten-minute intermediate timer, then nothing happens after nine minutes, and the flow continues once ten have passed.',
    zeebeDoc: doc.timerEvents,
    resources: ['timer-catch.bpmn'],
    steps: [
      { step: 'createInstance', process: 'timer-catch' },
      { step: 'expectActive', elements: ['wait10m'] },
      { step: 'advanceClock', ms: 9 * MINUTE },
      { step: 'expectNoJob', jobType: 'ct.timer.after' },
      { step: 'advanceClock', ms: MINUTE + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.timer.after' },
      { step: 'expectCompleted', elements: ['wait10m', 'after'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'intermediate-timer-date-from-an-expression',
    description: 'Given a timer date computed from a variable (two hours ahead of the engine clock), then it fires at that date, not before.',
    // timeDate: "A specific point in time defined as ISO 8601 combined date and time representation" — here from FEEL.
    zeebeDoc: doc.timerEvents,
    resources: ['timer-date.bpmn'],
    steps: [
      { step: 'createInstance', process: 'timer-date', dateVariablesFromNow: { deadline: 2 * HOUR } },
      { step: 'advanceClock', ms: HOUR },
      { step: 'expectNoJob', jobType: 'ct.timerdate.after' },
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.timerdate.after' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'intermediate-timer-date-in-the-past-fires-at-once',
    description: 'Given a timer date that already lies an hour in the past when the event is reached, then it fires without the clock moving.',
    zeebeDoc: doc.timerEvents,
    resources: ['timer-date.bpmn'],
    steps: [
      { step: 'createInstance', process: 'timer-date', dateVariablesFromNow: { deadline: -HOUR } },
      { step: 'activateAndComplete', jobType: 'ct.timerdate.after' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'timer-start-event-cycle-creates-an-instance-per-repetition',
    description: 'Given a process with a timer start event R2/PT1H, then one instance is created after an hour and a second after two; no third.',
    // Timer start event: "A process can have one or more timer start events"; cycle repetitions create instances.
    zeebeDoc: doc.timerEvents,
    resources: ['timer-start.bpmn'],
    steps: [
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'expectInstanceCount', process: 'timer-start', count: 1 },
      { step: 'captureInstance', process: 'timer-start', as: 'first' },
      { step: 'activateAndComplete', jobType: 'ct.timerstart.patrol', expectInstance: 'first' },
      { step: 'advanceClock', ms: HOUR },
      { step: 'expectInstanceCount', process: 'timer-start', count: 2 },
      { step: 'captureInstance', process: 'timer-start', as: 'second' },
      { step: 'activateAndComplete', jobType: 'ct.timerstart.patrol', expectInstance: 'second' },
      { step: 'expectInstance', state: 'completed', instance: 'second' },
      { step: 'advanceClock', ms: 3 * HOUR },
      { step: 'expectInstanceCount', process: 'timer-start', count: 2 },
    ],
  },
  {
    name: 'intermediate-none-throw-event-passes-through',
    description: 'Given an intermediate none throw event (a milestone), then it completes immediately and the flow continues.',
    zeebeDoc: doc.noneEvents,
    resources: ['none-throw.bpmn'],
    steps: [
      { step: 'createInstance', process: 'none-throw' },
      { step: 'activateAndComplete', jobType: 'ct.throw.after' },
      { step: 'expectCompleted', elements: ['start', 'milestone', 'after', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'uncaught-escalation-is-not-an-incident',
    description: 'Given an intermediate escalation throw event nobody catches, then the flow continues after it and no incident is raised.',
    // Escalation events are non-critical: "if the throwing event has any outgoing sequence flows, they are taken"; an
    // uncaught escalation does not create an incident (unlike an error).
    zeebeDoc: doc.escalationEvents,
    resources: ['escalation-uncaught.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esc-uncaught' },
      { step: 'activateAndComplete', jobType: 'ct.escu.after' },
      { step: 'expectNoIncident' },
      { step: 'expectCompleted', elements: ['raiseLate', 'after', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'terminate-end-event-at-top-level-completes-the-instance',
    description:
      'Given two parallel branches, when one reaches a terminate end event, then the other branch\'s task is terminated and the ' +
      'process instance is completed (not terminated).',
    // "A terminate end event on the process scope ... terminates all element instances of the process instance. After the
    // termination, the process instance completes."
    zeebeDoc: doc.terminateEvents,
    resources: ['terminate-top.bpmn'],
    steps: [
      { step: 'createInstance', process: 'terminate-top' },
      { step: 'expectActive', elements: ['wait', 'quick'] },
      { step: 'activateAndComplete', jobType: 'ct.term.quick' },
      { step: 'expectTerminated', elements: ['wait'] },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNoJob', jobType: 'ct.term.wait' },
    ],
  },
  {
    name: 'terminate-end-event-inside-subprocess-completes-only-the-subprocess',
    description:
      'Given a terminate end event inside an embedded subprocess with a parallel branch, when reached, then the sibling task in the ' +
      'subprocess is terminated, the subprocess completes and the parent flow continues.',
    // "A terminate end event inside an embedded or an event subprocess terminates all element instances of the subprocess.
    // After the termination, the subprocess completes, and the process instance takes the outgoing sequence flows."
    zeebeDoc: [doc.terminateEvents, doc.embeddedSubprocesses],
    resources: ['terminate-sub.bpmn'],
    steps: [
      { step: 'createInstance', process: 'terminate-sub' },
      { step: 'expectActive', elements: ['inner', 'quick'] },
      { step: 'activateAndComplete', jobType: 'ct.termsub.quick' },
      { step: 'expectTerminated', elements: ['inner'] },
      { step: 'expectCompleted', elements: ['terminateSub', 'sub'] },
      { step: 'activateAndComplete', jobType: 'ct.termsub.after' },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNoJob', jobType: 'ct.termsub.inner' },
    ],
  },
  {
    name: 'error-end-event-in-subprocess-caught-by-boundary',
    description: 'Given an error end event in a subprocess and an error boundary with the same code on it, then the subprocess is left through the boundary.',
    zeebeDoc: doc.errorEvents,
    resources: ['error-end-sub.bpmn'],
    steps: [
      { step: 'createInstance', process: 'error-end-sub' },
      { step: 'activateAndComplete', jobType: 'ct.errend.verify' },
      { step: 'activateAndComplete', jobType: 'ct.errend.handle' },
      { step: 'expectTerminated', elements: ['sub'] },
      { step: 'expectCompleted', elements: ['onInvalid', 'handle', 'endHandled'] },
      { step: 'expectNotPassed', elements: ['after'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'unhandled-error-end-event-raises-incident',
    description: 'Given an error end event whose error nobody catches, when it is reached, then an incident UNHANDLED_ERROR_EVENT is raised there and the instance stays active.',
    // "When an error is thrown and not caught, an incident (i.e. Unhandled error event) is raised ... attached to the
    // corresponding element where the error was thrown (i.e. ... the error end event)."
    zeebeDoc: [doc.errorEvents, doc.incidents],
    resources: ['error-end-unhandled.bpmn'],
    steps: [
      { step: 'createInstance', process: 'error-end-unhandled' },
      { step: 'activateAndComplete', jobType: 'ct.errun.verify' },
      { step: 'expectIncident', errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'fatalEnd' },
      { step: 'expectInstance', state: 'active' },
    ],
  },
  {
    name: 'escalation-end-event-in-subprocess-caught-by-interrupting-boundary',
    description: 'Given an escalation end event in a subprocess with an interrupting escalation boundary on it, then the subprocess is left through the boundary.',
    zeebeDoc: doc.escalationEvents,
    resources: ['escalation-end-sub.bpmn'],
    steps: [
      { step: 'createInstance', process: 'escalation-end-sub' },
      { step: 'activateAndComplete', jobType: 'ct.escend.verify' },
      { step: 'activateAndComplete', jobType: 'ct.escend.notify' },
      { step: 'expectTerminated', elements: ['sub'] },
      { step: 'expectNotPassed', elements: ['after'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
