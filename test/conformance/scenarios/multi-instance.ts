/** Multi-instance activities: parallel and sequential, input/output collections, loopCounter, completion condition. */
import { USER_TASK_JOB_TYPE } from '../../../engine/port.js';
import type { Scenario } from '../types.js';
import { doc } from './docs.js';

export const multiInstanceScenarios: Scenario[] = [
  {
    name: 'parallel-multi-instance-collects-output-in-input-order',
    description:
      'Given a parallel multi-instance task over three items with inputElement item and outputElement result, then nothing ' +
      'completes before the workers do, and results holds the outputs in the order of the input collection; the instance ' +
      'variables (item, result, loopCounter) stay local to each instance.',
    // "the result is inserted into the outputCollection at the same index as the inputElement ... even for parallel".
    zeebeDoc: doc.multiInstance,
    resources: ['mi-parallel.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-parallel', variables: { items: ['a', 'b', 'c'] } },
      { step: 'expectCompletedCount', elementId: 'each', count: 0 },
      { step: 'activateAndComplete', jobType: 'ct.mi.each', count: 3, echo: { result: 'item', lastSeen: 'item' } },
      // "By default, new variables (e.g. provided by a job worker) are created in the scope of the process instance and are
      // visible to all instances ... as well as outside of it": lastSeen is the last completion's.
      { step: 'activateAndComplete', jobType: 'ct.mi.check', expectVariables: { results: ['a', 'b', 'c'], items: ['a', 'b', 'c'], lastSeen: 'c' }, expectAbsentVariables: ['item', 'result', 'loopCounter'] },
      { step: 'expectCompletedCount', elementId: 'each', count: 3, bpmnElementType: 'SERVICE_TASK' },
      { step: 'expectCompletedCount', elementId: 'each', count: 1, bpmnElementType: 'MULTI_INSTANCE_BODY' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'sequential-multi-instance-runs-one-at-a-time-with-loop-counter',
    description:
      'Given a sequential multi-instance task over three items, then the instances run in collection order with loopCounter ' +
      '1..3, and the output collection gathers them in order.',
    // "Every instance has a local variable loopCounter. It holds the index in the inputCollection ... starting with 1."
    zeebeDoc: doc.multiInstance,
    resources: ['mi-sequential.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-sequential', variables: { items: ['x', 'y', 'z'] } },
      { step: 'activateAndComplete', jobType: 'ct.mi.each', expectVariables: { item: 'x', loopCounter: 1 }, echo: { result: 'loopCounter' } },
      { step: 'activateAndComplete', jobType: 'ct.mi.each', expectVariables: { item: 'y', loopCounter: 2 }, echo: { result: 'loopCounter' } },
      { step: 'activateAndComplete', jobType: 'ct.mi.each', expectVariables: { item: 'z', loopCounter: 3 }, echo: { result: 'loopCounter' } },
      { step: 'activateAndComplete', jobType: 'ct.mi.check', expectVariables: { results: [1, 2, 3] } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'parallel-multi-instance-receive-task-subscribes-per-instance',
    description:
      'Given a parallel multi-instance receive task whose correlation key is the input element (one signer per instance), when ' +
      'the message for one signer is published, then only that instance completes; the body completes after the last signer.',
    // Correlation keys are evaluated on activating the catch element — here per instance, from its local inputElement.
    zeebeDoc: [doc.multiInstance, doc.messages],
    resources: ['mi-receive.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-receive', variables: { signers: ['wang', 'li', 'zhao'] } },
      { step: 'expectActive', elements: ['waitSignature'] },
      { step: 'publishMessage', name: 'form.signed', correlationKey: 'li', timeToLive: 0 },
      { step: 'expectCompletedCount', elementId: 'waitSignature', count: 1, bpmnElementType: 'RECEIVE_TASK' },
      { step: 'expectNoJob', jobType: 'ct.mir.after' },
      { step: 'publishMessage', name: 'form.signed', correlationKey: 'zhao', timeToLive: 0 },
      { step: 'publishMessage', name: 'form.signed', correlationKey: 'wang', timeToLive: 0 },
      { step: 'activateAndComplete', jobType: 'ct.mir.after', expectAbsentVariables: ['signer'] },
      { step: 'expectCompletedCount', elementId: 'waitSignature', count: 3, bpmnElementType: 'RECEIVE_TASK' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'sequential-multi-instance-user-tasks-assigned-per-element',
    description:
      'Given a sequential multi-instance job-based user task over departments with assignee =dept.head and candidate groups ' +
      '=[dept.code], then each department\'s job carries its own assignment headers, and the opinions are collected in order.',
    zeebeDoc: [doc.multiInstance, doc.userTasks],
    resources: ['mi-user-tasks.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-user-tasks', variables: { departments: [{ code: 'urban', head: 'wang' }, { code: 'water', head: 'li' }] } },
      {
        step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, variables: { opinion: 'ok-urban' },
        expectHeaders: { 'io.camunda.zeebe:assignee': 'wang', 'io.camunda.zeebe:candidateGroups': '["urban"]', 'io.camunda.zeebe:formKey': 'gongzhi:dept-handle' },
      },
      {
        step: 'activateAndComplete', jobType: USER_TASK_JOB_TYPE, variables: { opinion: 'ok-water' },
        expectHeaders: { 'io.camunda.zeebe:assignee': 'li', 'io.camunda.zeebe:candidateGroups': '["water"]' },
      },
      { step: 'activateAndComplete', jobType: 'ct.miut.summarize', expectVariables: { opinions: ['ok-urban', 'ok-water'] } },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'multi-instance-over-an-empty-collection-is-skipped',
    description: 'Given a multi-instance task over an empty collection, then no job is created and the flow continues with an empty output collection.',
    // "If the inputCollection value is empty, the multi-instance body is completed immediately and no instances are
    // created"; "an empty array is propagated as outputCollection".
    zeebeDoc: doc.multiInstance,
    resources: ['mi-parallel.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-parallel', variables: { items: [] } },
      { step: 'activateAndComplete', jobType: 'ct.mi.check', expectVariables: { results: [] } },
      { step: 'expectCompletedCount', elementId: 'each', count: 1, bpmnElementType: 'MULTI_INSTANCE_BODY' },
      { step: 'expectCompletedCount', elementId: 'each', count: 0, bpmnElementType: 'SERVICE_TASK' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'multi-instance-completion-condition-terminates-the-rest',
    description:
      'Given a parallel multi-instance over three items with completionCondition numberOfCompletedInstances >= 2, when two ' +
      'instances complete, then the third is terminated, the body completes and the flow continues.',
    // "Any instances that are still active are terminated and the multi-instance body is completed when the expression
    // evaluates to true."
    zeebeDoc: doc.multiInstance,
    resources: ['mi-completion.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-completion', variables: { items: ['a', 'b', 'c'] } },
      { step: 'activateAndComplete', jobType: 'ct.mi.each', count: 2, echo: { result: 'item' } },
      { step: 'activateAndComplete', jobType: 'ct.mi.check' },
      { step: 'expectNoJob', jobType: 'ct.mi.each' },
      { step: 'expectTerminated', elements: ['each'] },
      { step: 'expectCompletedCount', elementId: 'each', count: 2, bpmnElementType: 'SERVICE_TASK' },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
  {
    name: 'interrupting-boundary-on-multi-instance-terminates-all-without-partial-output',
    description:
      'Given a parallel multi-instance task with an interrupting message boundary, when one instance has completed and the message ' +
      'arrives, then the other instances and the body are terminated and no output collection reaches the process.',
    // "When an interrupting boundary event is triggered, the multi-instance body and all active instances are terminated.
    // The outputCollection variable is not propagated to the parent scope (i.e. no partial output)."
    zeebeDoc: doc.multiInstance,
    resources: ['mi-boundary.bpmn'],
    steps: [
      { step: 'createInstance', process: 'mi-boundary', variables: { items: ['a', 'b', 'c'], batchId: 'B-1' } },
      { step: 'activateAndComplete', jobType: 'ct.mib.each', echo: { result: 'item' } },
      { step: 'publishMessage', name: 'batch.recalled', correlationKey: 'B-1' },
      { step: 'activateAndComplete', jobType: 'ct.mib.review', expectAbsentVariables: ['results', 'item', 'result'] },
      { step: 'expectNoJob', jobType: 'ct.mib.each' },
      { step: 'expectNotPassed', elements: ['check'] },
      { step: 'expectCompletedCount', elementId: 'each', count: 1 },
      { step: 'expectInstance', state: 'completed' },
    ],
  },
];
