/**
 * The benchmark process in two dialects: start → exclusive gateway → one of three user tasks → end.
 * Zeebe's (FEEL conditions, job-based user tasks) for our engine; bpmn-engine's for the baseline, whose
 * conditions call a plain JS service through its expression syntax (measured faster than its vm-sandboxed
 * script conditions, so the baseline is not handicapped). Same structure, same routing.
 */
const task = (id: string): string => `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="${id}"/><zeebe:formDefinition formKey="form-${id}"/></bpmn:extensionElements></bpmn:userTask>`;

export const ZEEBE_TRIAGE = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://gongzhi.example/bench">
<bpmn:process id="triage" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:exclusiveGateway id="route" default="toC"/>
${task('taskA')}${task('taskB')}${task('taskC')}
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="route"/>
<bpmn:sequenceFlow id="toA" sourceRef="route" targetRef="taskA"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=kind = "a"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toB" sourceRef="route" targetRef="taskB"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=kind = "b"</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toC" sourceRef="route" targetRef="taskC"/>
<bpmn:sequenceFlow id="fa" sourceRef="taskA" targetRef="end"/>
<bpmn:sequenceFlow id="fb" sourceRef="taskB" targetRef="end"/>
<bpmn:sequenceFlow id="fc" sourceRef="taskC" targetRef="end"/>
</bpmn:process>
</bpmn:definitions>`;

export const BPMN_ENGINE_TRIAGE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="d" targetNamespace="https://gongzhi.example/bench">
<process id="triage" isExecutable="true">
<startEvent id="start"/>
<exclusiveGateway id="route" default="toC"/>
<userTask id="taskA"/><userTask id="taskB"/><userTask id="taskC"/>
<endEvent id="end"/>
<sequenceFlow id="f0" sourceRef="start" targetRef="route"/>
<sequenceFlow id="toA" sourceRef="route" targetRef="taskA"><conditionExpression xsi:type="tFormalExpression">\${environment.services.kindIs(environment.variables.kind,"a")}</conditionExpression></sequenceFlow>
<sequenceFlow id="toB" sourceRef="route" targetRef="taskB"><conditionExpression xsi:type="tFormalExpression">\${environment.services.kindIs(environment.variables.kind,"b")}</conditionExpression></sequenceFlow>
<sequenceFlow id="toC" sourceRef="route" targetRef="taskC"/>
<sequenceFlow id="fa" sourceRef="taskA" targetRef="end"/>
<sequenceFlow id="fb" sourceRef="taskB" targetRef="end"/>
<sequenceFlow id="fc" sourceRef="taskC" targetRef="end"/>
</process>
</definitions>`;

export const KINDS = ['a', 'b', 'c'] as const;

/** The service the bpmn-engine conditions call. */
export const BPMN_ENGINE_SERVICES = { kindIs: (kind: unknown, expected: unknown): boolean => kind === expected };
