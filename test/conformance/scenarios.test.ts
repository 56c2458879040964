/**
 * The scenario data checked without any engine: every BPMN resource is well-formed for bpmn-moddle with the Zeebe
 * extension (no warnings), and every process id, element id and job type a step names exists in the scenario's
 * resources — so that a failing conformance test points at the engine, not at a typo in a scenario.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import * as bpmnModdleModule from 'bpmn-moddle';
import { USER_TASK_JOB_TYPE } from '../../engine/port.js';
import { scenarios } from './scenarios/index.js';
import type { Scenario, Step } from './types.js';

const require = createRequire(import.meta.url);
const zeebeSchema = require('zeebe-bpmn-moddle/resources/zeebe.json') as Record<string, unknown>;
const BPMN_DIR = fileURLToPath(new URL('./bpmn/', import.meta.url));
// bpmn-moddle 10 is ESM with a named export only (`export { SimpleBpmnModdle as BpmnModdle }`).
type Moddle = { fromXML(xml: string): Promise<{ rootElement: { $type: string }; warnings: { message: string }[] }> };
const BpmnModdle = (bpmnModdleModule as unknown as { BpmnModdle: new (packages: Record<string, unknown>) => Moddle }).BpmnModdle;

/** The slice of bpmn-moddle's tree the flow-reference check reads. */
interface FlowContainer {
  $type: string;
  id?: string;
  flowElements?: FlowContainer[];
  sourceRef?: FlowContainer;
  targetRef?: FlowContainer;
  incoming?: FlowContainer[];
  outgoing?: FlowContainer[];
}

interface ResourceFacts {
  processIds: Set<string>;
  elementIds: Set<string>;
  jobTypes: Set<string>;
}

function factsOf(resources: string[]): ResourceFacts {
  const facts: ResourceFacts = { processIds: new Set(), elementIds: new Set(), jobTypes: new Set() };
  for (const name of resources) {
    const xml = readFileSync(BPMN_DIR + name, 'utf8');
    for (const m of xml.matchAll(/<bpmn:process id="([^"]+)"/g)) facts.processIds.add(m[1]!);
    for (const m of xml.matchAll(/<bpmn:[A-Za-z]+ id="([^"]+)"/g)) facts.elementIds.add(m[1]!);
    for (const m of xml.matchAll(/<zeebe:taskDefinition type="([^"]+)"/g)) facts.jobTypes.add(m[1]!);
    // job-based user tasks: any user task without zeebe:userTask is a job of the reserved type
    if (xml.includes('<bpmn:userTask') && !xml.includes('<zeebe:userTask')) facts.jobTypes.add(USER_TASK_JOB_TYPE);
  }
  return facts;
}

function namedElements(step: Step): string[] {
  switch (step.step) {
    case 'expectCompleted': case 'expectPassed': case 'expectNotPassed': case 'expectTerminated': case 'expectActive':
      return step.elements;
    case 'expectCompletedCount': return [step.elementId];
    case 'expectIncident': return [step.elementId];
    case 'resolveIncident': case 'setVariables': return step.elementId ? [step.elementId] : [];
    case 'modifyInstance': return [...(step.activate ?? []), ...(step.terminate ?? [])];
    case 'createInstance': return step.startAt ?? [];
    case 'activateAndComplete': case 'activateAndFail': case 'activateAndThrowError': case 'activateAndAbandon':
      return step.expectElementId ? [step.expectElementId] : [];
    default: return [];
  }
}

function problemsOf(scenario: Scenario): string[] {
  const resources = [...scenario.resources, ...scenario.steps.flatMap((s) => (s.step === 'deploy' ? s.resources : []))];
  const facts = factsOf(resources);
  const problems: string[] = [];
  for (const step of scenario.steps) {
    if ((step.step === 'createInstance' || step.step === 'captureInstance' || step.step === 'expectInstanceCount') && !facts.processIds.has(step.process)) {
      problems.push(`unknown process '${step.process}'`);
    }
    if ('jobType' in step && !facts.jobTypes.has(step.jobType)) problems.push(`unknown job type '${step.jobType}'`);
    for (const id of namedElements(step)) if (!facts.elementIds.has(id)) problems.push(`unknown element '${id}'`);
  }
  if ((Array.isArray(scenario.zeebeDoc) ? scenario.zeebeDoc : [scenario.zeebeDoc]).some((url) => !url.startsWith('https://docs.camunda.io/docs/8.5/'))) {
    problems.push('zeebeDoc must cite the Zeebe 8.5 documentation');
  }
  return problems;
}

describe('conformance scenario data', () => {
  test('there are at least 40 scenarios and their names are unique kebab-case', () => {
    const names = scenarios.map((s) => s.name);
    expect(names.length).toBeGreaterThanOrEqual(40);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(n))).toEqual([]);
  });

  test.each(readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn')))('%s parses with the Zeebe moddle extension without warnings', async (file) => {
    const moddle = new BpmnModdle({ zeebe: zeebeSchema });
    const { rootElement, warnings } = await moddle.fromXML(readFileSync(BPMN_DIR + file, 'utf8'));
    expect(warnings.map((w) => w.message)).toEqual([]);
    expect(rootElement.$type).toBe('bpmn:Definitions');
  });

  // Zeebe's deployment validation reads a node's flows from its <bpmn:incoming>/<bpmn:outgoing> references (as
  // Camunda Modeler writes them), not from the sequence flows' sourceRef/targetRef: a boundary event or event-based
  // gateway without them is rejected ("Must have at least one outgoing sequence flow").
  test.each(readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn')))('%s lists every sequence flow on its source and target nodes', async (file) => {
    const moddle = new BpmnModdle({ zeebe: zeebeSchema });
    const { rootElement } = await moddle.fromXML(readFileSync(BPMN_DIR + file, 'utf8'));
    const missing: string[] = [];
    const visit = (container: FlowContainer): void => {
      for (const element of container.flowElements ?? []) {
        if (element.$type === 'bpmn:SequenceFlow') {
          if (!element.sourceRef?.outgoing?.includes(element)) missing.push(`${element.sourceRef?.id} outgoing ${element.id}`);
          if (!element.targetRef?.incoming?.includes(element)) missing.push(`${element.targetRef?.id} incoming ${element.id}`);
        }
        visit(element);
      }
    };
    for (const process of (rootElement as unknown as { rootElements: FlowContainer[] }).rootElements) visit(process);
    expect(missing).toEqual([]);
  });

  test.each(scenarios.map((s) => [s.name, s] as const))('%s names only processes, elements and job types its resources define', (_name, scenario) => {
    expect(problemsOf(scenario)).toEqual([]);
  });

  test('every BPMN resource is used by some scenario', () => {
    const used = new Set(scenarios.flatMap((s) => [...s.resources, ...s.steps.flatMap((step) => (step.step === 'deploy' ? step.resources : []))]));
    expect(readdirSync(BPMN_DIR).filter((f) => f.endsWith('.bpmn') && !used.has(f))).toEqual([]);
  });
});
