import { describe, expect, it } from '@jest/globals';
import { diffDefinitions } from '../../../designer/src/modeler/diff.js';
import { parseBpmn, processXml } from './moddle.js';

const task = (id: string, form: string, name = '核查') =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:formDefinition formKey="${form}" /></bpmn:extensionElements></bpmn:userTask>`;

describe('designer diff of a variant against its template', () => {
  it('given an identical copy, when diffed, then nothing changed', async () => {
    const xml = processXml([task('a', 'f1'), task('b', 'f2')]);
    expect(diffDefinitions(await parseBpmn(xml), await parseBpmn(xml))).toEqual([]);
  });

  it('given a variant with a new step, a renamed step, a rebound form and a dropped step, when diffed, then each is reported', async () => {
    const template = await parseBpmn(processXml([task('a', 'f1'), task('b', 'f2'), task('c', 'f3')]));
    const variant = await parseBpmn(processXml([task('a', 'f1', '县级核查'), task('b', 'f9'), task('extra', 'f4', '新增步骤')]));
    const byId = Object.fromEntries(diffDefinitions(template, variant).map((c) => [c.id, c]));
    expect(byId.a).toMatchObject({ change: 'changed', properties: ['name'] });
    expect(byId.b).toMatchObject({ change: 'changed', properties: ['extensionElements'] });
    expect(byId.c).toMatchObject({ change: 'removed', type: 'bpmn:UserTask' });
    expect(byId.extra).toMatchObject({ change: 'added', name: '新增步骤' });
    // the flows were rewired: f1 now points to extra instead of c, which is a changed reference
    expect(byId.f2).toMatchObject({ change: 'changed', properties: ['targetRef'] });
  });
});
