/** Boundary events: timer (duration, cycle), message, error (from a worker), escalation; in parallel branches. */
import { USER_TASK_JOB_TYPE } from '../../../engine/port.js';
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const boundaryScenarios: Scenario[] = [
  {
    name: 'interrupting-timer-boundary-terminates-the-task',
    description: 'Given a task with an interrupting one-hour timer boundary, when the hour passes, then the task (and its job) is terminated and the boundary path runs.',
    zeebeDoc: doc.timerEvents,
    resources: ['boundary-timer.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-timer' },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'advanceClock', ms: 30 * MINUTE },
      { step: 'expectNoJob', jobType: 'ct.bt.overdue' },
      { step: 'advanceClock', ms: 31 * MINUTE },
      { step: 'activateAndComplete', jobType: 'ct.bt.overdue' },
      { step: 'expectTerminated', elements: ['handle'] },
      { step: 'expectNoJob', jobType: 'ct.bt.handle' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-timer-cycle-boundary-fires-three-times',
    description:
      'Given a task with a non-interrupting boundary timer cycle R3/PT10M, then it fires at 10, 20 and 30 minutes (three reminders) ' +
      'and never again, while the task stays active; completing the task completes the instance.',
    zeebeDoc: doc.timerEvents,
    resources: ['boundary-timer-cycle.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-timer-cycle' },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'advanceClock', ms: 10 * MINUTE },
      { step: 'activateAndComplete', jobType: 'ct.btc.remind' },
      { step: 'advanceClock', ms: 10 * MINUTE },
      { step: 'activateAndComplete', jobType: 'ct.btc.remind' },
      { step: 'advanceClock', ms: 10 * MINUTE },
      { step: 'activateAndComplete', jobType: 'ct.btc.remind' },
      { step: 'advanceClock', ms: 10 * MINUTE },
      { step: 'expectNoJob', jobType: 'ct.btc.remind' },
      { step: 'expectCompletedCount', elementId: 'reminder', count: 3 },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'activateAndComplete', jobType: 'ct.btc.handle' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'timer-cycle-boundary-stops-when-its-task-completes',
    description: 'Given the R3/PT10M reminder boundary, when the task completes after the first reminder, then no further reminder fires.',
    // A boundary event's subscription (here its timer) is closed when the activity it is attached to is left.
    zeebeDoc: doc.timerEvents,
    resources: ['boundary-timer-cycle.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-timer-cycle' },
      { step: 'advanceClock', ms: 10 * MINUTE + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.btc.remind' },
      { step: 'activateAndComplete', jobType: 'ct.btc.handle' },
      { step: 'advanceClock', ms: 30 * MINUTE },
      { step: 'expectNoJob', jobType: 'ct.btc.remind' },
      { step: 'expectCompletedCount', elementId: 'reminder', count: 1 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'buffered-message-triggers-a-boundary-event-when-it-opens',
    description: 'Given a message buffered for an hour, when an instance activates the task carrying the matching non-interrupting message boundary, then the boundary fires at once.',
    // "When a subscription is opened, it polls the buffer for a proper message" — boundary subscriptions included.
    zeebeDoc: [doc.messages, doc.messageEvents],
    resources: ['boundary-message.bpmn'],
    steps: [
      { step: 'publishMessage', name: 'case.supplemented', correlationKey: 'C-24', timeToLive: HOUR, variables: { attachment: 'early.pdf' } },
      { step: 'createInstance', process: 'boundary-message', variables: { caseId: 'C-24' } },
      { step: 'activateAndComplete', jobType: 'ct.bm.review', expectVariables: { attachment: 'early.pdf' } },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'activateAndComplete', jobType: 'ct.bm.handle' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'sla-timers-from-variables-warn-then-breach-a-user-task',
    description:
      'Given a user task with a non-interrupting warning timer computed by FEEL (warnHours) and an interrupting breach timer from a ' +
      'string variable (sla = PT4H), then the warning fires at 2 h while the task stays, and the breach at 4 h terminates it.',
    // Timer durations may be expressions; the result is an ISO 8601 duration (FEEL duration or string).
    zeebeDoc: [doc.timerEvents, doc.userTasks],
    resources: ['sla-timer.bpmn'],
    steps: [
      { step: 'createInstance', process: 'sla-timer', variables: { handler: 'zhao', warnHours: 2, sla: 'PT4H' } },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'advanceClock', ms: 2 * HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.sla.warn' },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'expectNoJob', jobType: 'ct.sla.breach' },
      { step: 'advanceClock', ms: 2 * HOUR },
      { step: 'activateAndComplete', jobType: 'ct.sla.breach' },
      { step: 'expectTerminated', elements: ['handle'] },
      { step: 'expectNoJob', jobType: USER_TASK_JOB_TYPE },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-message-boundary-terminates-the-task',
    description: 'Given a task with an interrupting message boundary, when the message is published, then the task is terminated and the boundary path runs.',
    zeebeDoc: doc.messageEvents,
    resources: ['boundary-message.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-message', variables: { caseId: 'C-20' } },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'publishMessage', name: 'case.withdrawn', correlationKey: 'C-20', variables: { withdrawnBy: 'citizen' } },
      { step: 'activateAndComplete', jobType: 'ct.bm.close', expectVariables: { withdrawnBy: 'citizen' } },
      { step: 'expectTerminated', elements: ['handle'] },
      { step: 'expectNoJob', jobType: 'ct.bm.handle' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-message-boundary-keeps-the-task',
    description: 'Given a task with a non-interrupting message boundary, when the message is published, then a parallel path runs and the task stays active.',
    zeebeDoc: doc.messageEvents,
    resources: ['boundary-message.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-message', variables: { caseId: 'C-21' } },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'publishMessage', name: 'case.supplemented', correlationKey: 'C-21', variables: { attachment: 'photo.jpg' } },
      { step: 'activateAndComplete', jobType: 'ct.bm.review', expectVariables: { attachment: 'photo.jpg' } },
      { step: 'expectActive', elements: ['handle'] },
      { step: 'expectInstance', state: 'active' },
      { step: 'activateAndComplete', jobType: 'ct.bm.handle' },
      { step: 'expectCompleted', elements: ['handle', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'worker-error-caught-by-matching-error-boundary',
    description:
      'Given a task with an error boundary for code NOT_FOUND that maps the error variable reason to rejectReason, when the worker ' +
      'throws NOT_FOUND with variables, then the task is terminated and the boundary path sees the mapped variable.',
    // "All error variables are merged into the error catch event. These variables can be merged into the process instance
    // by defining an output mapping at the error catch event."
    zeebeDoc: doc.errorEvents,
    resources: ['boundary-error.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-error' },
      { step: 'activateAndThrowError', jobType: 'ct.be.lookup', errorCode: 'NOT_FOUND', errorMessage: 'no such household', variables: { reason: 'no record' } },
      { step: 'activateAndComplete', jobType: 'ct.be.fallback', expectVariables: { rejectReason: 'no record' } },
      { step: 'expectTerminated', elements: ['lookup'] },
      { step: 'expectCompleted', elements: ['notFound', 'fallback', 'endFallback'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'unhandled-worker-error-raises-incident-at-the-task',
    description: 'Given a task whose error boundary catches NOT_FOUND only, when the worker throws TIMEOUT, then an incident UNHANDLED_ERROR_EVENT is raised at the task.',
    // "When an error is thrown and not caught, an incident (i.e. Unhandled error event) is raised ... attached to the task."
    zeebeDoc: [doc.errorEvents, doc.incidents],
    resources: ['boundary-error.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-error' },
      { step: 'activateAndThrowError', jobType: 'ct.be.lookup', errorCode: 'TIMEOUT' },
      { step: 'expectIncident', errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'lookup' },
      { step: 'expectNoJob', jobType: 'ct.be.fallback' },
      { step: 'expectNoJob', jobType: 'ct.be.lookup' },
      { step: 'expectInstance', state: 'active' },
      // "When you resolve the incident attached to a task, it ignores the error, re-enables the job, and allows it to be
      // activated and completed by a job worker once again."
      { step: 'resolveIncident', elementId: 'lookup' },
      { step: 'activateAndComplete', jobType: 'ct.be.lookup' },
      { step: 'expectCompleted', elements: ['lookup', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'error-variables-stay-on-the-catch-event-without-output-mapping',
    description:
      'Given an error boundary without output mappings, when the worker throws the error with variables, then the boundary path ' +
      'does not see them (they are merged into the catch event only).',
    // "All error variables are merged into the error catch event. These variables can be merged into the process instance
    // by defining an output mapping at the error catch event."
    zeebeDoc: doc.errorEvents,
    resources: ['boundary-error-unmapped.bpmn'],
    steps: [
      { step: 'createInstance', process: 'boundary-error-unmapped' },
      { step: 'activateAndThrowError', jobType: 'ct.beu.lookup', errorCode: 'NOT_FOUND', variables: { reason: 'no record' } },
      { step: 'activateAndComplete', jobType: 'ct.beu.fallback', expectAbsentVariables: ['reason'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'worker-error-propagates-past-non-matching-scopes-to-the-matching-boundary',
    description:
      'Given a task in an inner subprocess (error boundary A) inside an outer subprocess (error boundary B), when the worker throws ' +
      'B, then the inner boundary does not catch it, the outer one does, and both subprocesses are terminated.',
    // "Starting at the scope where the error was thrown, the error code is matched against the attached error boundary
    // events ... At each scope, the error is either caught, or propagated to the parent scope."
    zeebeDoc: doc.errorEvents,
    resources: ['error-nested-scopes.bpmn'],
    steps: [
      { step: 'createInstance', process: 'error-nested-scopes' },
      { step: 'activateAndThrowError', jobType: 'ct.errn.work', errorCode: 'B' },
      { step: 'activateAndComplete', jobType: 'ct.errn.b' },
      { step: 'expectNoJob', jobType: 'ct.errn.a' },
      { step: 'expectTerminated', elements: ['work', 'inner', 'outer'] },
      { step: 'expectNotPassed', elements: ['catchA', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'escalation-caught-by-code-in-the-nearest-scope-else-by-catch-all-above',
    description:
      'Given an inner subprocess with a non-interrupting escalation boundary for LATE, inside an outer subprocess with a ' +
      'non-interrupting catch-all escalation boundary, when LATE and then OTHER are thrown inside, then LATE is caught by code at ' +
      'the inner boundary only, OTHER by the outer catch-all only, and the throwing flow continues.',
    // "Starting at the scope where [it] was thrown, the code is matched against the attached boundary events ... caught
    // by the first event in the scope hierarchy"; a catch event without escalation reference catches all escalations.
    zeebeDoc: doc.escalationEvents,
    resources: ['escalation-scopes.bpmn'],
    steps: [
      { step: 'createInstance', process: 'escalation-scopes' },
      { step: 'activateAndComplete', jobType: 'ct.esc.late' },
      { step: 'activateAndComplete', jobType: 'ct.esc.any' },
      { step: 'expectNoJob', jobType: 'ct.esc.late' },
      { step: 'expectNoJob', jobType: 'ct.esc.any' },
      { step: 'activateAndComplete', jobType: 'ct.esc.work' },
      { step: 'expectCompletedCount', elementId: 'catchLate', count: 1 },
      { step: 'expectCompletedCount', elementId: 'catchAny', count: 1 },
      { step: 'expectCompleted', elements: ['raiseLate', 'raiseOther', 'work', 'inner', 'outer'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-boundary-in-a-parallel-branch-terminates-only-its-task',
    description:
      'Given two parallel branches where one task has an interrupting timer boundary, when the timer fires, then only that task is ' +
      'terminated; the other branch\'s task stays active and the instance completes once both paths end.',
    zeebeDoc: [doc.timerEvents, doc.parallelGateways],
    resources: ['parallel-boundary.bpmn'],
    steps: [
      { step: 'createInstance', process: 'parallel-boundary', variables: { caseId: 'C-22' } },
      { step: 'expectActive', elements: ['slow', 'other'] },
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.pb.timeout' },
      { step: 'expectTerminated', elements: ['slow'] },
      { step: 'expectActive', elements: ['other'] },
      { step: 'expectInstance', state: 'active' },
      { step: 'activateAndComplete', jobType: 'ct.pb.other' },
      { step: 'expectNoJob', jobType: 'ct.pb.slow' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-boundary-in-a-parallel-branch-keeps-both-branches',
    description:
      'Given the same branches and a non-interrupting message boundary on the first task, when the message arrives, then an extra ' +
      'path runs while both tasks stay active; the instance completes after all three paths end.',
    zeebeDoc: [doc.messageEvents, doc.parallelGateways],
    resources: ['parallel-boundary.bpmn'],
    steps: [
      { step: 'createInstance', process: 'parallel-boundary', variables: { caseId: 'C-23' } },
      { step: 'expectActive', elements: ['slow', 'other'] },
      { step: 'publishMessage', name: 'case.reminded', correlationKey: 'C-23' },
      { step: 'activateAndComplete', jobType: 'ct.pb.note' },
      { step: 'expectActive', elements: ['slow', 'other'] },
      { step: 'activateAndComplete', jobType: 'ct.pb.slow' },
      { step: 'activateAndComplete', jobType: 'ct.pb.other' },
      { step: 'expectPassed', elements: ['note', 'slow', 'other', 'endSlow', 'endNote', 'endOther'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
