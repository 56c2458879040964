/** Call activities: variable propagation both ways, mappings, and an error from the child caught in the parent. */
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

export const callActivityScenarios: Scenario[] = [
  {
    name: 'call-activity-copies-all-variables-both-ways-by-default',
    description:
      'Given a call activity with default propagation, then the child sees all parent variables, and when the child completes, ' +
      'all its variables reach the parent, which continues.',
    // "By default, all variables of the call activity scope are copied to the created process instance"; with
    // propagateAllChildVariables (default true) "all variables of the created process instance are propagated".
    zeebeDoc: doc.callActivities,
    resources: ['call-parent.bpmn', 'call-child.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent', variables: { caseId: 'C-40', secret: 's-1' } },
      { step: 'captureInstance', process: 'call-child', as: 'child' },
      { step: 'activateAndComplete', jobType: 'ct.call.childwork', expectVariables: { caseId: 'C-40', secret: 's-1' }, expectInstance: 'child', variables: { childResult: 'done' } },
      { step: 'expectInstance', state: 'completed', instance: 'child' },
      { step: 'activateAndComplete', jobType: 'ct.call.check', expectVariables: { childResult: 'done', caseId: 'C-40' }, expectInstance: 'main' },
      { step: 'expectCompleted', elements: ['callChild', 'check', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'call-activity-with-mappings-and-no-propagation',
    description:
      'Given a call activity with propagateAllParentVariables=false, propagateAllChildVariables=false, an input mapping caseId → ref ' +
      'and an output mapping childResult → outcome, then the child sees only ref, and the parent receives only outcome.',
    zeebeDoc: doc.callActivities,
    resources: ['call-parent-mapped.bpmn', 'call-child.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent-mapped', variables: { caseId: 'C-41', secret: 's-2' } },
      { step: 'captureInstance', process: 'call-child', as: 'child' },
      {
        step: 'activateAndComplete', jobType: 'ct.call.childwork', expectVariables: { ref: 'C-41' }, expectAbsentVariables: ['secret', 'caseId'],
        variables: { childResult: 'done', childOther: 'x' },
      },
      { step: 'activateAndComplete', jobType: 'ct.call.check', expectVariables: { outcome: 'done', caseId: 'C-41' }, expectAbsentVariables: ['childResult', 'childOther', 'ref'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'error-in-called-process-caught-by-boundary-on-call-activity',
    description:
      'Given a child process whose worker throws CHILD_FAILED with no catch in the child, and an error boundary CHILD_FAILED on the ' +
      'call activity, then the child instance is terminated and the parent leaves through the boundary.',
    // "If the process instance is created via call activity, the error can also be caught in the calling parent process instance."
    zeebeDoc: [doc.errorEvents, doc.callActivities],
    resources: ['call-parent-error.bpmn', 'call-child.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent-error' },
      { step: 'captureInstance', process: 'call-child', as: 'child' },
      { step: 'activateAndThrowError', jobType: 'ct.call.childwork', errorCode: 'CHILD_FAILED', expectInstance: 'child' },
      { step: 'activateAndComplete', jobType: 'ct.callerr.recover', expectInstance: 'main' },
      { step: 'expectInstance', state: 'terminated', instance: 'child' },
      { step: 'expectTerminated', elements: ['callChild'] },
      { step: 'expectNotPassed', elements: ['check'] },
      { step: 'expectNoIncident' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'escalation-in-called-process-caught-by-boundary-on-call-activity',
    description:
      'Given a child that throws escalation SUPERVISE and a non-interrupting escalation boundary for it on the call activity, then ' +
      'the parent runs the boundary path while the child continues; the parent completes after both.',
    // Escalation events "are used to communicate to a higher flow scope"; as with errors, a process instance created by
    // a call activity propagates them to the calling parent.
    zeebeDoc: [doc.escalationEvents, doc.callActivities],
    resources: ['call-parent-escalation.bpmn', 'call-child-escalating.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent-escalation' },
      { step: 'captureInstance', process: 'call-child-escalating', as: 'child' },
      { step: 'activateAndComplete', jobType: 'ct.calle.supervise', expectInstance: 'main' },
      { step: 'activateAndComplete', jobType: 'ct.calle.childwork', expectInstance: 'child' },
      { step: 'expectInstance', state: 'completed', instance: 'child' },
      { step: 'activateAndComplete', jobType: 'ct.calle.check', expectInstance: 'main' },
      { step: 'expectCompletedCount', elementId: 'superviseRequested', count: 1 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-timer-on-call-activity-terminates-the-child',
    description:
      'Given a call activity with an interrupting three-day timer boundary, when the child is still running after three days, then ' +
      'the call activity and the child instance are terminated and the parent leaves through the boundary.',
    // "When an interrupting boundary event is triggered, the call activity and the created process instance are terminated.
    // The variables of the created process instance are not propagated to the call activity."
    zeebeDoc: doc.callActivities,
    resources: ['call-parent-timer.bpmn', 'call-child.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent-timer', variables: { caseId: 'C-43' } },
      { step: 'captureInstance', process: 'call-child', as: 'child' },
      { step: 'setVariables', instance: 'child', variables: { childNote: 'halfway' } },
      { step: 'advanceClock', ms: 3 * 24 * 3600_000 + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.callt.escalate', expectInstance: 'main', expectAbsentVariables: ['childNote'] },
      { step: 'expectInstance', state: 'terminated', instance: 'child' },
      { step: 'expectTerminated', elements: ['callChild'] },
      { step: 'expectNoJob', jobType: 'ct.call.childwork' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'cancelling-the-parent-terminates-the-called-child',
    description: 'Given a parent waiting on a call activity whose child waits at a task, when the parent is cancelled, then the child instance is terminated too.',
    // Call activity: when the call activity is terminated, "the created process instance [is] terminated".
    zeebeDoc: doc.callActivities,
    resources: ['call-parent.bpmn', 'call-child.bpmn'],
    steps: [
      { step: 'createInstance', process: 'call-parent', variables: { caseId: 'C-42' } },
      { step: 'captureInstance', process: 'call-child', as: 'child' },
      { step: 'expectActive', elements: ['childWork'], instance: 'child' },
      { step: 'cancelInstance' },
      { step: 'expectInstance', state: 'terminated' },
      { step: 'expectInstance', state: 'terminated', instance: 'child' },
      { step: 'expectNoJob', jobType: 'ct.call.childwork' },
    ],
  },
];
