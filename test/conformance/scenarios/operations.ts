/** Operations on running instances: retries and incidents, FEEL mapping errors, modification (退回), cancel. */
import { USER_TASK_JOB_TYPE } from '../../../engine/port.js';
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

export const operationScenarios: Scenario[] = [
  {
    name: 'job-failures-use-retries-then-raise-incident-until-retries-are-restored',
    description:
      'Given a job failed with 1 retry left, then it is activatable again; failed with 0 retries, then an incident JOB_NO_RETRIES is ' +
      'raised; after updateJobRetries and resolveIncident, the job is activatable again and its completion continues the flow.',
    // "If a job fails and has no retries remaining, an incident is created ... Increase the remaining retries of the job.
    // Mark the incident as resolved."
    zeebeDoc: [doc.incidents, doc.jobWorkers],
    resources: ['job-retries.bpmn'],
    steps: [
      { step: 'createInstance', process: 'job-retries' },
      { step: 'activateAndFail', jobType: 'ct.retry.flaky', retries: 1, errorMessage: 'registry unavailable' },
      { step: 'expectNoIncident' },
      { step: 'activateAndFail', jobType: 'ct.retry.flaky', retries: 0, errorMessage: 'registry unavailable' },
      { step: 'expectIncident', errorType: 'JOB_NO_RETRIES', elementId: 'flaky' },
      { step: 'expectNoJob', jobType: 'ct.retry.flaky' },
      { step: 'resolveIncident', elementId: 'flaky', updateJobRetries: 1 },
      { step: 'activateAndComplete', jobType: 'ct.retry.flaky' },
      { step: 'activateAndComplete', jobType: 'ct.retry.after' },
      { step: 'expectNoIncident' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'job-retry-backoff-delays-the-next-activation',
    description: 'Given a job failed with retries left and a ten-minute retry back-off, then it cannot be activated before ten minutes have passed, and can after.',
    // FailJob: "retryBackOff: the backoff timeout (in ms) for the next retry".
    zeebeDoc: [doc.jobWorkers, doc.zeebeApi],
    resources: ['job-retries.bpmn'],
    steps: [
      { step: 'createInstance', process: 'job-retries' },
      { step: 'activateAndFail', jobType: 'ct.retry.flaky', retries: 2, retryBackOffMs: 10 * 60_000 },
      { step: 'expectNoJob', jobType: 'ct.retry.flaky' },
      { step: 'advanceClock', ms: 5 * 60_000 },
      { step: 'expectNoJob', jobType: 'ct.retry.flaky' },
      { step: 'advanceClock', ms: 5 * 60_000 + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.retry.flaky' },
      { step: 'activateAndComplete', jobType: 'ct.retry.after' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'abandoned-job-becomes-activatable-after-its-timeout',
    description: 'Given a job activated with a five-minute timeout whose worker never answers, then it is not activatable within the timeout, and is again after it.',
    // "If the job is not completed or failed within the configured job activation timeout, Zeebe reassigns the job to
    // another job worker."
    zeebeDoc: doc.jobWorkers,
    resources: ['job-retries.bpmn'],
    steps: [
      { step: 'createInstance', process: 'job-retries' },
      { step: 'activateAndAbandon', jobType: 'ct.retry.flaky', timeoutMs: 5 * 60_000 },
      { step: 'expectNoJob', jobType: 'ct.retry.flaky' },
      { step: 'advanceClock', ms: 5 * 60_000 + 1000 },
      { step: 'activateAndComplete', jobType: 'ct.retry.flaky' },
      { step: 'activateAndComplete', jobType: 'ct.retry.after' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'running-instance-keeps-its-version-new-instances-use-the-latest',
    description:
      'Given an instance of version n waiting at a task, when a changed process with the same id is deployed, then a new instance ' +
      'runs the new version while the running one keeps the old (the task headers tell them apart).',
    // Process versioning: "a new instance ... of the latest version"; a running instance is not migrated.
    zeebeDoc: [doc.processInstanceCreation, doc.callActivities],
    resources: ['service-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'svc-basic', instance: 'old' },
      { step: 'expectActive', elements: ['svc'], instance: 'old' },
      { step: 'deploy', resources: ['service-task-v2.bpmn'] },
      { step: 'createInstance', process: 'svc-basic', instance: 'new' },
      { step: 'expectActive', elements: ['svc'], instance: 'new' },
      { step: 'activateAndComplete', jobType: 'ct.svc', expectHeaders: { caseType: 'urban' }, expectInstance: 'old' },
      { step: 'activateAndComplete', jobType: 'ct.svc', expectHeaders: { caseType: 'rural' }, expectInstance: 'new' },
    ],
  },
  {
    name: 'failing-input-mapping-raises-incident-until-variables-are-fixed',
    description:
      'Given a task input mapping `assert(docNo, docNo != null)` and no docNo, then an incident IO_MAPPING_ERROR is raised at the ' +
      'task and no job exists; after setting docNo and resolving, the mapping succeeds and the worker sees documentNumber.',
    // assert() is a Camunda FEEL extension that fails the evaluation; a failed input mapping is an incident.
    zeebeDoc: [doc.feelBooleanFunctions, doc.incidents, doc.variables],
    resources: ['io-mapping-error.bpmn'],
    steps: [
      { step: 'createInstance', process: 'io-error' },
      { step: 'expectIncident', errorType: 'IO_MAPPING_ERROR', elementId: 'register' },
      { step: 'expectNoJob', jobType: 'ct.ioerr.register' },
      { step: 'setVariables', variables: { docNo: 'D-1' } },
      { step: 'resolveIncident', elementId: 'register' },
      { step: 'activateAndComplete', jobType: 'ct.ioerr.register', expectVariables: { documentNumber: 'D-1' } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'failing-script-expression-raises-incident-until-variables-are-fixed',
    description:
      'Given a script task whose FEEL expression fails (assert on a missing variable), then an incident EXTRACT_VALUE_ERROR is ' +
      'raised at the script task; after setting the variable and resolving, the script is evaluated again and the flow continues.',
    zeebeDoc: [doc.scriptTasks, doc.incidents, doc.feelBooleanFunctions],
    resources: ['script-error.bpmn'],
    steps: [
      { step: 'createInstance', process: 'script-error' },
      { step: 'expectIncident', errorType: 'EXTRACT_VALUE_ERROR', elementId: 'score' },
      { step: 'setVariables', variables: { severity: 4 } },
      { step: 'resolveIncident', elementId: 'score' },
      { step: 'activateAndComplete', jobType: 'ct.scripterr.after', expectVariables: { score: 40 } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'modify-instance-returns-to-an-earlier-user-task',
    description:
      'Given an instance at the approval user task, when it is modified to activate the earlier draft task and terminate the approval ' +
      '(退回), then a new draft user-task job appears, and completing draft then approve completes the instance.',
    // Process instance modification: activate elements and terminate element instances in one command.
    zeebeDoc: doc.processInstanceModification,
    resources: ['modify-return.bpmn'],
    steps: [
      { step: 'createInstance', process: 'modify-return' },
      { step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, expectElementId: 'draft', expectHeaders: { 'io.camunda.zeebe:formKey': 'gongzhi:draft' } },
      { step: 'expectActive', elements: ['approve'] },
      { step: 'modifyInstance', activate: ['draft'], terminate: ['approve'] },
      { step: 'expectTerminated', elements: ['approve'] },
      { step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, expectElementId: 'draft' },
      { step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, expectElementId: 'approve' },
      { step: 'expectCompletedCount', elementId: 'draft', count: 2 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'modify-instance-activates-an-element-inside-a-finished-subprocess',
    description:
      'Given an instance past its subprocess, when it is modified to activate the task inside the subprocess and terminate the ' +
      'current task, then the subprocess is activated again around it, and completing it flows on to the task after the subprocess.',
    // Modification: "activate an element ... Zeebe also activates the element's flow scopes (e.g. the subprocess) if
    // they are not active".
    zeebeDoc: doc.processInstanceModification,
    resources: ['set-variables.bpmn'],
    steps: [
      { step: 'createInstance', process: 'set-variables' },
      { step: 'activateAndComplete', jobType: 'ct.setvar.work' },
      { step: 'expectActive', elements: ['check'] },
      { step: 'modifyInstance', activate: ['work'], terminate: ['check'] },
      { step: 'expectActive', elements: ['sub', 'work'] },
      { step: 'activateAndComplete', jobType: 'ct.setvar.work' },
      { step: 'activateAndComplete', jobType: 'ct.setvar.check' },
      { step: 'expectCompletedCount', elementId: 'sub', count: 2 },
      { step: 'expectTerminated', elements: ['check'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'cancel-instance-terminates-it-and-its-jobs',
    description: 'Given an instance waiting at a service task, when it is cancelled, then it is terminated and its job can no longer be activated.',
    zeebeDoc: [doc.processInstanceCreation, doc.zeebeApi],
    resources: ['service-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'svc-basic' },
      { step: 'expectActive', elements: ['svc'] },
      { step: 'cancelInstance' },
      { step: 'expectInstance', state: 'terminated' },
      { step: 'expectTerminated', elements: ['svc'] },
      { step: 'expectNoJob', jobType: 'ct.svc' },
    ],
  },
  {
    name: 'start-instructions-begin-at-a-chosen-element',
    description: 'Given start instructions naming the second task, when the instance is created, then it starts there, skipping the none start event and the first task.',
    // CreateProcessInstance startInstructions: "the process instance is started at the given elements".
    zeebeDoc: [doc.processInstanceCreation, doc.zeebeApi],
    resources: ['service-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'svc-basic', startAt: ['check'], variables: { caseId: 'C-50' } },
      { step: 'activateAndComplete', jobType: 'ct.svc.check', expectVariables: { caseId: 'C-50' } },
      { step: 'expectNotPassed', elements: ['start', 'svc'] },
      { step: 'expectInstance', state: 'completed' },
      { step: 'expectNoJob', jobType: 'ct.svc' },
    ],
  },
];
