import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blocksDeployment, lintDefinitions } from '../../../designer/src/lint/lint.js';
import { feelSyntaxErrorAt } from '../../../designer/src/lint/rules/feel-parses.js';
import { parseBpmn, processXml } from './moddle.js';

const complete = (id: string, extra = '') =>
  `<bpmn:userTask id="${id}" name="核查"><bpmn:extensionElements><zeebe:formDefinition formKey="check" /><zeebe:assignmentDefinition candidateGroups="role:clerk@case.unit" />${extra}</bpmn:extensionElements></bpmn:userTask>`;

async function lint(tasks: string[]) {
  return lintDefinitions(await parseBpmn(processXml(tasks)));
}

describe('designer lint rules (bpmnlint with the Gongzhi rules)', () => {
  it('given a user task with a form and an assignment, when linted, then nothing blocks deployment', async () => {
    const problems = await lint([complete('check')]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(blocksDeployment(problems)).toBe(false);
  });

  it('given a user task without form and assignment, when linted, then both are errors on that task', async () => {
    const problems = await lint(['<bpmn:userTask id="bare" name="空任务" />']);
    expect(problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ elementId: 'bare', rule: 'gongzhi/user-task-form', severity: 'error' }),
      expect.objectContaining({ elementId: 'bare', rule: 'gongzhi/user-task-assignment', severity: 'error' }),
    ]));
    expect(blocksDeployment(problems)).toBe(true);
  });

  it('given a FEEL expression that does not parse in an extension element, when linted, then the owning task is named', async () => {
    const bad = '<zeebe:ioMapping><zeebe:output source="=a +" target="b" /></zeebe:ioMapping>';
    const problems = await lint([complete('check', bad)]);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([expect.objectContaining({ elementId: 'check', rule: 'gongzhi/feel-parses' })]);
  });

  it('given a condition and Camunda built-ins that parse, when linted, then no FEEL problem is reported', async () => {
    const ok = '<zeebe:ioMapping><zeebe:output source="=get or else(a, 1) + string length(&quot;x&quot;)" target="b" /></zeebe:ioMapping>';
    expect((await lint([complete('check', ok)])).filter((p) => p.rule === 'gongzhi/feel-parses')).toEqual([]);
    expect(feelSyntaxErrorAt('x > 1 and y = "a"')).toBeUndefined();
    expect(feelSyntaxErrorAt('x >')).toBeDefined();
  });

  it('given elements the engine does not support, when linted, then each is an error naming the element', async () => {
    const problems = await lint([
      '<bpmn:businessRuleTask id="rules" />',
      '<bpmn:intermediateCatchEvent id="signal"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>',
      '<bpmn:serviceTask id="loop"><bpmn:standardLoopCharacteristics /></bpmn:serviceTask>',
    ]);
    const unsupported = problems.filter((p) => p.rule === 'gongzhi/supported-elements').map((p) => p.elementId).sort();
    expect(unsupported).toEqual(['loop', 'rules', 'signal']);
  });

  it('given every BPMN of the engine conformance suite (deployable on both engines), when linted, then no FEEL or supported-element error is a false alarm', async () => {
    const dir = join(import.meta.dirname, '..', '..', 'conformance', 'bpmn');
    const files = readdirSync(dir).filter((f) => f.endsWith('.bpmn'));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const problems = lintDefinitions(await parseBpmn(readFileSync(join(dir, f), 'utf8')));
      expect({ f, problems: problems.filter((p) => p.rule === 'gongzhi/feel-parses' || p.rule === 'gongzhi/supported-elements') }).toEqual({ f, problems: [] });
    }
  });

  it('given the process library (processes/*/process.bpmn), when linted, then every process passes the designer\'s deploy gate', async () => {
    const root = join(import.meta.dirname, '..', '..', '..', 'processes');
    const files = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(root, d.name, 'process.bpmn')).filter((f) => existsSync(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const errors = lintDefinitions(await parseBpmn(readFileSync(f, 'utf8'))).filter((p) => p.severity === 'error');
      expect({ f, errors }).toEqual({ f, errors: [] });
    }
  });
});
