/**
 * A small case process for the case/intake API tests: milestones through the built-in `gongzhi-case` worker,
 * one department step (`test-work`, worked by the test as a department system would), and a wait for the
 * citizen's dissatisfaction that reopens handling.
 */
const ms = (id: string, milestone: string, incoming: string, outgoing: string) => `
    <bpmn:serviceTask id="${id}" name="${milestone}">
      <bpmn:extensionElements><zeebe:taskDefinition type="gongzhi-case" /><zeebe:taskHeaders><zeebe:header key="milestone" value="${milestone}" /></zeebe:taskHeaders></bpmn:extensionElements>
      <bpmn:incoming>${incoming}</bpmn:incoming><bpmn:outgoing>${outgoing}</bpmn:outgoing>
    </bpmn:serviceTask>`;
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}" />`;

export function caseProcessXml(processId = 'case-test'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://gongzhi.test">
  <bpmn:process id="${processId}" name="案件测试" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${ms('filed', 'filed', 'f1', 'f2')}
    ${ms('dispatched', 'dispatched', 'f2', 'f3')}
    <bpmn:serviceTask id="work" name="处置">
      <bpmn:extensionElements><zeebe:taskDefinition type="test-work" /></bpmn:extensionElements>
      <bpmn:incoming>f3</bpmn:incoming><bpmn:incoming>f8</bpmn:incoming><bpmn:outgoing>f4</bpmn:outgoing>
    </bpmn:serviceTask>
    ${ms('closed', 'closed', 'f4', 'f5')}
    <bpmn:intermediateCatchEvent id="dissatisfied"><bpmn:incoming>f5</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
    ${ms('reopened', 'reopened', 'f6', 'f7')}
    ${ms('rework', 'rework', 'f7', 'f8')}
    ${flow('f1', 'start', 'filed')}${flow('f2', 'filed', 'dispatched')}${flow('f3', 'dispatched', 'work')}${flow('f4', 'work', 'closed')}
    ${flow('f5', 'closed', 'dissatisfied')}${flow('f6', 'dissatisfied', 'reopened')}${flow('f7', 'reopened', 'rework')}${flow('f8', 'rework', 'work')}
  </bpmn:process>
  <bpmn:message id="m" name="case-dissatisfied"><bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements></bpmn:message>
</bpmn:definitions>`;
}
