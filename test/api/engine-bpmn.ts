/** BPMN for the engine API tests: a review job, then a gateway whose FEEL conditions need `amount`. */
export function triageXml(processId = 'triage', jobType = 'review'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://gongzhi.test">
  <bpmn:process id="${processId}" name="分拨" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="review" name="审核">
      <bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements>
      <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:exclusiveGateway id="size"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>big</bpmn:outgoing><bpmn:outgoing>small</bpmn:outgoing></bpmn:exclusiveGateway>
    <bpmn:endEvent id="end_big"><bpmn:incoming>big</bpmn:incoming></bpmn:endEvent>
    <bpmn:endEvent id="end_small"><bpmn:incoming>small</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="size" />
    <bpmn:sequenceFlow id="big" sourceRef="size" targetRef="end_big"><bpmn:conditionExpression>= amount &gt; 10</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="small" sourceRef="size" targetRef="end_small"><bpmn:conditionExpression>= amount &lt;= 10</bpmn:conditionExpression></bpmn:sequenceFlow>
  </bpmn:process>
</bpmn:definitions>`;
}

/** The same process with the review task's job type missing: invalid, naming `review`. */
export function missingJobTypeXml(): string {
  return triageXml('broken').replace(/<bpmn:extensionElements>.*?<\/bpmn:extensionElements>/s, '');
}

export const HOSTILE_XML = `<?xml version="1.0"?>
<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d"><bpmn:process id="lol" name="&c;" isExecutable="true"/></bpmn:definitions>`;
