/** Embedded subprocesses (local variables, output mappings, setVariables) and event subprocesses. */
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const subprocessScenarios: Scenario[] = [
  {
    name: 'embedded-subprocess-local-variable-and-output-mapping',
    description:
      'Given a subprocess with an input mapping creating local variable draft and an output mapping draft → finalDraft, when the ' +
      'inner task completes with draft and note, then draft is updated in the subprocess scope (and not visible after it), note ' +
      'lands in the process scope, and finalDraft carries the last draft out.',
    // Variable propagation: job variables are set "in the scope where the variable is defined", otherwise created in the
    // process instance; input mappings create local variables; output mappings propagate the mapped values.
    zeebeDoc: [doc.embeddedSubprocesses, doc.variables],
    resources: ['subprocess-vars.bpmn'],
    steps: [
      { step: 'createInstance', process: 'subprocess-vars', variables: { caseId: 'C-30' } },
      { step: 'activateAndComplete', jobType: 'ct.sub.edit', expectVariables: { draft: 'draft-0', caseId: 'C-30' }, variables: { draft: 'draft-1', note: 'revised' } },
      { step: 'activateAndComplete', jobType: 'ct.sub.check', expectVariables: { finalDraft: 'draft-1', note: 'revised' }, expectAbsentVariables: ['draft'] },
      { step: 'expectCompleted', elements: ['edit', 'sub', 'check'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'set-variables-local-versus-propagated',
    description:
      'Given a task inside a subprocess that has a local variable counter, when variables are set on the task scope locally ' +
      '(onlyHere) and propagated (counter, everywhere), then the task sees all three; after the subprocess, only everywhere is left.',
    // SetVariables: local=true sets the variables in the given scope only; otherwise they are propagated to the scope where
    // each is defined, or created in the process instance.
    zeebeDoc: [doc.variables, doc.zeebeApi],
    resources: ['set-variables.bpmn'],
    steps: [
      { step: 'createInstance', process: 'set-variables' },
      { step: 'expectActive', elements: ['work'] },
      { step: 'setVariables', elementId: 'work', local: true, variables: { onlyHere: 1 } },
      { step: 'setVariables', elementId: 'work', local: false, variables: { counter: 5, everywhere: 2 } },
      { step: 'activateAndComplete', jobType: 'ct.setvar.work', expectVariables: { onlyHere: 1, counter: 5, everywhere: 2 } },
      { step: 'activateAndComplete', jobType: 'ct.setvar.check', expectVariables: { everywhere: 2 }, expectAbsentVariables: ['onlyHere', 'counter'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-timer-event-subprocess',
    description: 'Given a process with a non-interrupting timer (PT1H) event subprocess, when the hour passes, then the event subprocess runs while the main task stays active.',
    zeebeDoc: [doc.eventSubprocesses, doc.timerEvents],
    resources: ['esp-timer.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-timer' },
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.espt.remind' },
      { step: 'expectActive', elements: ['work'] },
      { step: 'expectCompleted', elements: ['afterOneHour', 'remind', 'remindEnd', 'reminderSub'] },
      { step: 'activateAndComplete', jobType: 'ct.espt.work' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-timer-event-subprocess',
    description: 'Given a process with an interrupting timer (P1D) event subprocess, when the day passes, then the main task is terminated and the instance ends through the event subprocess.',
    zeebeDoc: [doc.eventSubprocesses, doc.timerEvents],
    resources: ['esp-timer-interrupting.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-timer-interrupting' },
      { step: 'expectActive', elements: ['work'] },
      { step: 'advanceClock', ms: 23 * HOUR },
      { step: 'expectNoJob', jobType: 'ct.espti.expire' },
      { step: 'advanceClock', ms: HOUR + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.espti.expire' },
      { step: 'expectTerminated', elements: ['work'] },
      { step: 'expectNoJob', jobType: 'ct.espti.work' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-message-event-subprocess-can-run-repeatedly',
    description:
      'Given a non-interrupting message event subprocess, when the message is published twice, then the event subprocess runs twice ' +
      'with each message\'s variables while the main task stays active.',
    zeebeDoc: [doc.eventSubprocesses, doc.messageEvents],
    resources: ['esp-message-non-interrupting.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-message-ni', variables: { caseId: 'C-32' } },
      { step: 'expectActive', elements: ['work'] },
      { step: 'publishMessage', name: 'case.queried', correlationKey: 'C-32', variables: { question: 'q1' } },
      { step: 'activateAndComplete', jobType: 'ct.espmn.answer', expectVariables: { question: 'q1' } },
      { step: 'publishMessage', name: 'case.queried', correlationKey: 'C-32', variables: { question: 'q2' } },
      { step: 'activateAndComplete', jobType: 'ct.espmn.answer', expectVariables: { question: 'q2' } },
      { step: 'expectCompletedCount', elementId: 'querySub', count: 2 },
      { step: 'expectActive', elements: ['work'] },
      { step: 'activateAndComplete', jobType: 'ct.espmn.work' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-message-event-subprocess',
    description:
      'Given a process with an interrupting message event subprocess, when the message is published, then the main task is ' +
      'terminated, the event subprocess runs, and the instance completes when it ends.',
    zeebeDoc: [doc.eventSubprocesses, doc.messageEvents],
    resources: ['esp-message.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-message', variables: { caseId: 'C-31' } },
      { step: 'expectActive', elements: ['work'] },
      { step: 'publishMessage', name: 'case.revoked', correlationKey: 'C-31', variables: { revokedBy: 'centre' } },
      { step: 'activateAndComplete', jobType: 'ct.espm.cleanup', expectVariables: { revokedBy: 'centre' } },
      { step: 'expectTerminated', elements: ['work'] },
      { step: 'expectNoJob', jobType: 'ct.espm.work' },
      { step: 'expectNotPassed', elements: ['end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'error-event-subprocess-catches-worker-error',
    description: 'Given an error event subprocess for REJECTED, when a worker throws REJECTED, then the task is terminated and the event subprocess runs.',
    zeebeDoc: [doc.eventSubprocesses, doc.errorEvents],
    resources: ['esp-error.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-error' },
      { step: 'activateAndThrowError', jobType: 'ct.espe.work', errorCode: 'REJECTED' },
      { step: 'activateAndComplete', jobType: 'ct.espe.handle' },
      { step: 'expectTerminated', elements: ['work'] },
      { step: 'expectCompleted', elements: ['rejected', 'handle', 'rejectEnd', 'rejectSub'] },
      { step: 'expectNoIncident' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'non-interrupting-escalation-event-subprocess',
    description: 'Given a non-interrupting escalation event subprocess for NEED_HELP, when the main flow throws it, then the event subprocess runs and the main flow continues too.',
    zeebeDoc: [doc.eventSubprocesses, doc.escalationEvents],
    resources: ['esp-escalation.bpmn'],
    steps: [
      { step: 'createInstance', process: 'esp-escalation' },
      { step: 'activateAndComplete', jobType: 'ct.espx.assist' },
      { step: 'activateAndComplete', jobType: 'ct.espx.work' },
      { step: 'expectPassed', elements: ['askHelp', 'helpNeeded', 'assist', 'work', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
