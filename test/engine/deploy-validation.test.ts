/** Deployment: every problem is reported at once, naming the element; versions follow Zeebe's rules. */
import { describe, expect, test } from '@jest/globals';
import { createEmbeddedEngine, EngineError, type DeploymentProblem } from '../../engine/index.js';
import { definitions, serviceChain } from './bpmn.js';
import { boundaryProcess, eventGatewayProcess } from '../fixtures/declared-flows.js';

async function deployError(xml: string): Promise<EngineError> {
  const engine = createEmbeddedEngine();
  await engine.start();
  try {
    await engine.deploy([{ name: 'bad.bpmn', content: xml }]);
  } catch (err) {
    return err as EngineError;
  } finally {
    await engine.stop();
  }
  throw new Error('deployment was accepted');
}

describe('deployment validation', () => {
  test('given a process with several mistakes, when deployed, then every problem is listed with its element id', async () => {
    const xml = definitions(`<bpmn:process id="bad" isExecutable="true">
<bpmn:startEvent id="start"/>
<bpmn:serviceTask id="noType"/>
<bpmn:exclusiveGateway id="gw"/>
<bpmn:userTask id="a"/>
<bpmn:userTask id="b"/>
<bpmn:callActivity id="call"/>
<bpmn:complexGateway id="complex"/>
<bpmn:scriptTask id="script"><bpmn:extensionElements><zeebe:script expression="=1 +" resultVariable="r"/></bpmn:extensionElements></bpmn:scriptTask>
<bpmn:endEvent id="end"/>
<bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="noType"/>
<bpmn:sequenceFlow id="f2" sourceRef="noType" targetRef="gw"/>
<bpmn:sequenceFlow id="toA" sourceRef="gw" targetRef="a"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">=x &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>
<bpmn:sequenceFlow id="toB" sourceRef="gw" targetRef="b"/>
<bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="call"/>
<bpmn:sequenceFlow id="f4" sourceRef="call" targetRef="script"/>
<bpmn:sequenceFlow id="f5" sourceRef="script" targetRef="end"/>
</bpmn:process>`);
    const err = await deployError(xml);
    expect(err).toBeInstanceOf(EngineError);
    expect(err.code).toBe('engine.deploy_invalid');
    const ids = (err.details as DeploymentProblem[]).map((p) => p.elementId);
    expect(ids).toEqual(expect.arrayContaining(['noType', 'toB', 'toA', 'call', 'complex', 'script']));
    for (const p of err.details as DeploymentProblem[]) expect(p.resourceName).toBe('bad.bpmn');
  });

  test('given a boundary event or event-based gateway without <bpmn:outgoing> children, when deployed, then it is rejected as Zeebe rejects it, saying what to add', async () => {
    const boundary = (await deployError(boundaryProcess('bare_boundary', false))).details as DeploymentProblem[];
    expect(boundary.map((p) => p.elementId)).toEqual(['late']);
    expect(boundary[0]!.message).toContain('<bpmn:outgoing>f3</bpmn:outgoing>');
    const gateway = (await deployError(eventGatewayProcess('bare_gateway', false))).details as DeploymentProblem[];
    expect(gateway.map((p) => p.elementId)).toEqual(['wait']);
    expect(gateway[0]!.message).toContain('<bpmn:outgoing>toReply</bpmn:outgoing> <bpmn:outgoing>toTimeout</bpmn:outgoing>');
  });

  test('given the same boundary event and event-based gateway listing their flows, when deployed, then both are accepted', async () => {
    const engine = createEmbeddedEngine();
    await engine.start();
    try {
      const result = await engine.deploy([
        { name: 'boundary.bpmn', content: boundaryProcess('listed_boundary', true) },
        { name: 'gateway.bpmn', content: eventGatewayProcess('listed_gateway', true) },
      ]);
      expect(result.processes.map((p) => p.bpmnProcessId)).toEqual(['listed_boundary', 'listed_gateway']);
    } finally {
      await engine.stop();
    }
  });

  test('given a document with a DOCTYPE, when deployed, then it is rejected before parsing', async () => {
    const xml = serviceChain('p', ['t']).replace('<bpmn:definitions', '<!DOCTYPE x [<!ENTITY e "boom">]>\n<bpmn:definitions');
    const err = await deployError(xml);
    expect(err.code).toBe('engine.deploy_invalid');
  });

  test('given text that is not BPMN, when deployed, then the problem names the resource', async () => {
    const err = await deployError('<hello/>');
    expect(err.code).toBe('engine.deploy_invalid');
    expect((err.details as DeploymentProblem[])[0]!.resourceName).toBe('bad.bpmn');
  });

  test('given a deployed process, when the identical resource is deployed again, then no new version is created; a change makes version 2', async () => {
    const engine = createEmbeddedEngine();
    await engine.start();
    const v1 = await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['t']) }]);
    const again = await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['t']) }]);
    const v2 = await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['t', 'u']) }]);
    expect(v1.processes[0]!.version).toBe(1);
    expect(again.processes[0]).toEqual(v1.processes[0]);
    expect(v2.processes[0]!.version).toBe(2);
    const other = await engine.deploy([{ name: 'p.bpmn', content: serviceChain('p', ['t']) }], 'tenant-b');
    expect(other.processes[0]!.version).toBe(1);
    await engine.stop();
  });
});
