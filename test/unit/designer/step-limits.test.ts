import { describe, expect, it } from '@jest/globals';
import { mergeStepLimits, stepLimitsOf } from '../../../designer/src/modeler/step-limits.js';
import { parseBpmn, processXml } from './moddle.js';

const task = (id: string, header?: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements>${header === undefined ? '' : `<zeebe:taskHeaders><zeebe:header key="timeLimit" value="${header.replace(/"/g, '&quot;')}" /></zeebe:taskHeaders>`}</bpmn:extensionElements></bpmn:userTask>`;

describe('step time limits from the designer into the time-limit table', () => {
  it('given user tasks with and without a designed limit, when read, then only valid limits are taken, warnAt defaulting to 0.8', async () => {
    const defs = await parseBpmn(processXml([
      task('handle', '{"amount":3,"clock":"workingDays","warnAt":0.75}'),
      task('check', '{"amount":4,"clock":"workingHours"}'),
      task('plain'),
      task('broken', '{"amount":0,"clock":"workingDays"}'),
    ]));
    expect(stepLimitsOf(defs)).toEqual([
      { step: 'handle', amount: 3, clock: 'workingDays', warnAt: 0.75 },
      { step: 'check', amount: 4, clock: 'workingHours', warnAt: 0.8 },
    ]);
  });

  it('given an existing table with specific and catch-all rules, when merged, then designed steps replace only their catch-all rules', () => {
    const existing = {
      id: 'p', name: '城管案件时限', source: '某市规定', processId: 'p',
      rules: [
        { step: 'handle', category: '*', caseKind: '*', level: '*', urgent: '*' as const, limit: { amount: 5, clock: 'workingDays' }, warnAt: 0.8 },
        { step: 'handle', category: '市容环境', caseKind: '*', level: '*', urgent: true, limit: { amount: 2, clock: 'naturalHours' }, warnAt: 0.8 },
        { step: 'other', category: '*', caseKind: '*', level: '*', urgent: '*' as const, limit: { amount: 1, clock: 'workingDays' }, warnAt: 0.8 },
      ],
    };
    const merged = mergeStepLimits(existing, 'p', '新名字', [{ step: 'handle', amount: 3, clock: 'workingDays', warnAt: 0.75 }]);
    expect(merged).toMatchObject({ id: 'p', name: '城管案件时限', source: '某市规定', processId: 'p' });
    expect(merged.rules.map((r) => `${r.step}/${r.category}/${r.limit.amount}`)).toEqual(['handle/市容环境/2', 'other/*/1', 'handle/*/3']);
    expect(mergeStepLimits(undefined, 'q', '新流程', []).rules).toEqual([]);
  });
});
