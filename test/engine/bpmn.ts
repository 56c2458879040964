/** Small BPMN documents for the engine's own tests (the conformance suite has the full catalogue). */

export const ZEEBE_NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

export function definitions(body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions ${ZEEBE_NS} id="defs" targetNamespace="https://gongzhi.example/test">
${extra}
${body}
</bpmn:definitions>`;
}

/** start → service task(s) of the given job types in a row → end. */
export function serviceChain(processId: string, jobTypes: string[]): string {
  const tasks = jobTypes
    .map((t, i) => `<bpmn:serviceTask id="task${i}"><bpmn:extensionElements><zeebe:taskDefinition type="${t}"/></bpmn:extensionElements></bpmn:serviceTask>`)
    .join('\n');
  const ids = ['start', ...jobTypes.map((_, i) => `task${i}`), 'end'];
  const flows = ids.slice(1).map((id, i) => `<bpmn:sequenceFlow id="f${i}" sourceRef="${ids[i]}" targetRef="${id}"/>`).join('\n');
  return definitions(`<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="start"/>
${tasks}
<bpmn:endEvent id="end"/>
${flows}
</bpmn:process>`);
}

/** start → intermediate timer catch (timeDuration or timeDate) → service task `after` → end. */
export function timerProcess(processId: string, kind: 'timeDuration' | 'timeDate', value: string, jobType: string): string {
  return definitions(`<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
<bpmn:serviceTask id="after"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}"/></bpmn:extensionElements></bpmn:serviceTask>
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
<bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="after"/>
<bpmn:sequenceFlow id="f3" sourceRef="after" targetRef="end"/>
</bpmn:process>`);
}

/** The benchmark's shape: start → exclusive gateway → one of three user tasks → end. */
export function triageProcess(processId: string): string {
  const task = (id: string, group: string): string =>
    `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${group}"/><zeebe:formDefinition formKey="form-${id}"/></bpmn:extensionElements></bpmn:userTask>`;
  return definitions(`<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="route" default="toC"/>
${task('taskA', 'a')}
${task('taskB', 'b')}
${task('taskC', 'c')}
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="route"/>
<bpmn:sequenceFlow id="toA" sourceRef="route" targetRef="taskA"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=kind = "a"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toB" sourceRef="route" targetRef="taskB"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=kind = "b"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toC" sourceRef="route" targetRef="taskC"/>
<bpmn:sequenceFlow id="fa" sourceRef="taskA" targetRef="end"/>
<bpmn:sequenceFlow id="fb" sourceRef="taskB" targetRef="end"/>
<bpmn:sequenceFlow id="fc" sourceRef="taskC" targetRef="end"/>
</bpmn:process>`);
}
