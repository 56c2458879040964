import { describe, expect, it } from '@jest/globals';
import { FormDefinitionError, lintFormDefinition, validateSubmission } from '../../../forms/index.js';

const text = (key: string, extra: Record<string, unknown> = {}) => ({ type: 'textfield', key, label: key, input: true, ...extra });

describe('publish-time lint of a form definition', () => {
  it('given a clean form with layout and JSON Logic, then there are no problems', () => {
    const form = {
      components: [
        { type: 'panel', key: 'p', input: false, components: [text('a'), text('b', { conditional: { json: { '==': [{ var: 'data.a' }, 'x'] } } })] },
        { type: 'number', key: 'c', input: true, calculateValue: { '+': [1, 2] }, validate: { json: { if: [true, true, 'no'] } } },
      ],
    };
    expect(lintFormDefinition(form)).toEqual([]);
  });

  it('given unknown types, duplicate keys and a bad pattern, then each is reported with its component key', () => {
    const form = { components: [text('a'), text('a'), { type: 'signature', key: 'sig', input: true }, text('p', { validate: { pattern: '([' } })] };
    expect(lintFormDefinition(form).map((p) => [p.key, p.rule])).toEqual([
      ['a', 'duplicate_key'],
      ['sig', 'unknown_type'],
      ['p', 'invalid_pattern'],
    ]);
  });

  it('given the same key in two data grids, then it is not a duplicate (different data scopes)', () => {
    const grid = (key: string) => ({ type: 'datagrid', key, input: true, components: [text('name')] });
    expect(lintFormDefinition({ components: [grid('g1'), grid('g2')] })).toEqual([]);
  });

  it.each([
    ['validate.custom', text('a', { validate: { custom: 'valid = true' } })],
    ['calculateValue', text('a', { calculateValue: 'value = data.b' })],
    ['customDefaultValue', text('a', { customDefaultValue: 'value = 1' })],
    ['customConditional', text('a', { customConditional: 'show = true' })],
    ['logic', text('a', { logic: [{ name: 'l', trigger: { type: 'javascript', javascript: 'result = true' } }] })],
    ['interpolation', text('a', { label: '{{ process.exit() }}' })],
  ])('given form-author JavaScript in %s, then it is rejected', (_setting, component) => {
    expect(lintFormDefinition({ components: [component] })).toEqual([
      expect.objectContaining({ key: 'a', rule: 'javascript_not_allowed' }),
    ]);
  });

  it.each([
    ['a lodash call that reaches Function and runs it', { calculateValue: { _invokeMap: [[{ _invoke: [{ var: '' }, 'constructor.constructor', 'process.exit(1)'] }], 'call'] } }],
    ['an unbounded allocation', { validate: { json: { _repeat: ['x', 1e10] } } }],
    ['a prototype walk in a path', { conditional: { json: { var: 'data.constructor.constructor' } } }],
    ['an object that is not an operation', { calculateValue: { '+': [1, 2], '*': [3, 4] } }],
  ])('given JSON Logic with %s, then it is rejected', (_what, settings) => {
    expect(lintFormDefinition({ components: [text('a', settings)] })).toEqual([
      expect.objectContaining({ key: 'a', rule: 'jsonlogic_not_allowed' }),
    ]);
  });

  it('given a JSON Logic escape in a definition, when validating, then it is refused before any logic runs', () => {
    const escape = { _invokeMap: [[{ _invoke: [{ var: '' }, 'constructor.constructor', 'process.exit(1)'] }], 'call'] };
    expect(() => validateSubmission({ components: [text('a', { calculateValue: escape, calculateServer: true })] }, { a: 'x' })).toThrow(FormDefinitionError);
  });

  it('given a definition with JavaScript (while(true) or process.exit), when validating, then it is refused and nothing runs', () => {
    const loop = { components: [text('a', { validate: { custom: 'while(true){}' } })] };
    const exit = { components: [text('a', { calculateValue: 'process.exit(1)' })] };
    expect(() => validateSubmission(loop, { a: 'x' })).toThrow(FormDefinitionError);
    expect(() => validateSubmission(exit, { a: 'x' })).toThrow(FormDefinitionError);
  });
});
