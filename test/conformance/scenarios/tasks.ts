/** Tasks: service, user (job-based), script, send, receive; variable mappings on a task. */
import { USER_TASK_JOB_TYPE } from '../../../engine/port.js';
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

export const taskScenarios: Scenario[] = [
  {
    name: 'service-task-job-with-headers-completes',
    description:
      'Given a service task with task headers, when its job is completed with variables, then the worker saw the headers and the ' +
      'instance variables, the completion variables are merged into the process instance and the instance completes.',
    // Task headers are handed to the worker with the job; job variables are merged into the instance (no output mapping).
    zeebeDoc: [doc.serviceTasks, doc.variables],
    resources: ['service-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'svc-basic', variables: { caseId: 'C-1' } },
      {
        step: 'activateAndComplete', jobType: 'ct.svc', expectElementId: 'svc',
        expectHeaders: { caseType: 'urban', priority: 'high' }, expectVariables: { caseId: 'C-1' }, variables: { verdict: 'accepted' },
      },
      { step: 'activateAndComplete', jobType: 'ct.svc.check', expectVariables: { caseId: 'C-1', verdict: 'accepted' } },
      { step: 'expectCompleted', elements: ['start', 'svc', 'check', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'user-task-job-carries-assignment-form-and-schedule-headers',
    description:
      'Given a job-based user task with assignment, form key, due date and a custom header, when it is activated with the job type ' +
      'io.camunda.zeebe:userTask, then the job carries them as Zeebe\'s io.camunda.zeebe:* headers (candidate lists as JSON arrays).',
    // "All user task-specific data like assignments and scheduling information is provided in the job as task headers"
    // (job worker implementation). Header names are Zeebe's Protocol.USER_TASK_*_HEADER_NAME constants.
    zeebeDoc: doc.userTasks,
    resources: ['user-task-headers.bpmn'],
    steps: [
      { step: 'createInstance', process: 'ut-headers', variables: { clerk: 'zhang' } },
      {
        step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, expectElementId: 'review',
        expectHeaders: {
          'io.camunda.zeebe:assignee': 'zhang',
          'io.camunda.zeebe:candidateGroups': '["grid","centre"]',
          'io.camunda.zeebe:candidateUsers': '["li","wang"]',
          'io.camunda.zeebe:formKey': 'gongzhi:intake-form',
          'io.camunda.zeebe:dueDate': '2026-12-01T10:30:15+08:00',
          stage: 'intake',
        },
        variables: { approved: true },
      },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'user-task-headers-from-feel-expressions',
    description:
      'Given a job-based user task whose candidate groups come from a list variable and whose due and follow-up dates are FEEL ' +
      'expressions, then the headers hold the evaluated values (a JSON array; ISO 8601 date-times with offset).',
    zeebeDoc: doc.userTasks,
    resources: ['user-task-expressions.bpmn'],
    steps: [
      { step: 'createInstance', process: 'ut-expressions', variables: { groups: ['dispatch', 'centre'], followUp: '2026-12-02T09:00:30+08:00' } },
      {
        step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, expectElementId: 'dispatch',
        expectHeaders: {
          'io.camunda.zeebe:candidateGroups': '["dispatch","centre"]',
          'io.camunda.zeebe:formKey': 'gongzhi:dispatch',
          'io.camunda.zeebe:dueDate': '2026-12-04T10:30:15+08:00',
          'io.camunda.zeebe:followUpDate': '2026-12-02T09:00:30+08:00',
        },
      },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'script-task-evaluates-feel-into-result-variable',
    description: 'Given a script task with a FEEL expression and a result variable, when reached, then the result is set and the flow continues without a job.',
    zeebeDoc: doc.scriptTasks,
    resources: ['script-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'script-feel', variables: { a: 2, b: 3 } },
      { step: 'activateAndComplete', jobType: 'ct.script.check', expectVariables: { sum: 5 } },
      { step: 'expectCompleted', elements: ['calc', 'check'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'script-task-feel-with-camunda-built-in-functions',
    description:
      'Given a script task building a context with FEEL built-ins (string join, get or else, is defined, sum, upper case, date + ' +
      'duration across a month end, a for loop), then the result matches Zeebe\'s FEEL engine value by value.',
    // Camunda extensions: string join, get or else, is defined; date + P1M clamps to the month's last day.
    zeebeDoc: [doc.scriptTasks, doc.feelBooleanFunctions],
    resources: ['feel-builtins.bpmn'],
    steps: [
      { step: 'createInstance', process: 'feel-builtins', variables: { tags: ['noise', 'night'], amounts: [1, 2, 3], grid: 'g-01' } },
      {
        step: 'activateAndComplete', jobType: 'ct.feel.check',
        expectVariables: {
          r: { joined: 'noise-night', fallback: 'd', defined: false, total: 6, upper: 'G-01', due: '2026-02-28', big: [false, true, true] },
        },
      },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'send-task-is-a-job-like-a-service-task',
    description: 'Given a send task with a task definition, when reached, then a job of its type is created; completing it continues the flow.',
    zeebeDoc: doc.sendTasks,
    resources: ['send-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'send-basic' },
      { step: 'activateAndComplete', jobType: 'ct.send', expectElementId: 'notify' },
      { step: 'expectCompleted', elements: ['start', 'notify', 'end'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'receive-task-waits-for-its-message',
    description:
      'Given a receive task subscribed by name and correlation key, when a message with another key is published nothing happens; ' +
      'when the matching message is published, its variables are merged and the flow continues.',
    zeebeDoc: [doc.receiveTasks, doc.messages],
    resources: ['receive-task.bpmn'],
    steps: [
      { step: 'createInstance', process: 'receive-basic', variables: { caseId: 'C-7' } },
      { step: 'expectActive', elements: ['waitReceipt'] },
      { step: 'publishMessage', name: 'receipt.confirmed', correlationKey: 'C-8', variables: { wrong: true } },
      { step: 'expectNoJob', jobType: 'ct.receive.check' },
      { step: 'publishMessage', name: 'receipt.confirmed', correlationKey: 'C-7', variables: { receiptNo: 'R-1' } },
      { step: 'activateAndComplete', jobType: 'ct.receive.check', expectVariables: { receiptNo: 'R-1' }, expectAbsentVariables: ['wrong'] },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'io-mappings-build-nested-targets-and-restrict-propagation',
    description:
      'Given a task with input mappings to nested targets and output mappings to nested targets, then the worker sees the built ' +
      'local context, and after completion only the mapped outputs reach the process (neither the job result nor the inputs).',
    // Input mappings create local variables; with output mappings, only the mapped variables are propagated; a dotted
    // target creates/updates the nested property.
    zeebeDoc: doc.variables,
    resources: ['io-mapping.bpmn'],
    steps: [
      { step: 'createInstance', process: 'io-nested', variables: { applicant: { name: 'Li' } } },
      {
        step: 'activateAndComplete', jobType: 'ct.io.prepare',
        expectVariables: { request: { person: { name: 'Li' }, priority: 3 } },
        variables: { result: { code: 'OK', note: 'checked' } },
      },
      {
        step: 'activateAndComplete', jobType: 'ct.io.check',
        expectVariables: { case: { outcome: { code: 'OK' }, note: 'checked' }, applicant: { name: 'Li' } },
        expectAbsentVariables: ['result', 'request'],
      },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
