import { describe, expect, it } from '@jest/globals';
import { validateSubmission, type FormDefinition } from '../../../forms/index.js';

const form: FormDefinition = {
  components: [
    { type: 'textfield', key: 'reporter', label: '上报人', input: true, validate: { required: true } },
    { type: 'textfield', key: 'opinion', label: '处理意见', input: true, validate: { required: true } },
    { type: 'textfield', key: 'internalNote', label: '内部备注', input: true, validate: { required: true } },
    {
      type: 'datagrid', key: 'visits', label: '走访记录', input: true, components: [
        { type: 'textfield', key: 'visitor', label: '走访人', input: true, validate: { required: true } },
        { type: 'textfield', key: 'result', label: '结果', input: true },
      ],
    },
  ],
};
const stepPermissions = { reporter: 'readonly', internalNote: 'hidden', visitor: 'readonly' } as const;
const current = { reporter: '张三', internalNote: '重点关注', visits: [{ visitor: '网格员李四' }] };

describe('per-step field permissions', () => {
  it('given a client that echoes read-only values unchanged and omits hidden ones, then it is valid and restricted fields are not in the data', () => {
    const result = validateSubmission(
      form,
      { reporter: '张三', opinion: '已调解', visits: [{ visitor: '网格员李四', result: '已解决' }] },
      { stepPermissions, current },
    );
    expect(result.errors).toEqual([]);
    expect(result.data).toEqual({ opinion: '已调解', visits: [{ result: '已解决' }] });
  });

  it('given a client that changes a read-only field, a hidden field and a read-only grid cell, then each is refused by path and none is in the data', () => {
    const result = validateSubmission(
      form,
      { reporter: '王五', opinion: '已调解', internalNote: '改掉', visits: [{ visitor: '冒名', result: 'x' }] },
      { stepPermissions, current },
    );
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.path, e.rule]).sort()).toEqual([
      ['internalNote', 'hidden'],
      ['reporter', 'readonly'],
      ['visits[0].visitor', 'readonly'],
    ]);
    expect(result.data).not.toHaveProperty('reporter');
    expect(result.data).not.toHaveProperty('internalNote');
    expect(result.data.visits).toEqual([{ result: 'x' }]);
  });

  it('given required rules on fields the step cannot edit, then their absence is not an error, but an editable required field still is', () => {
    const result = validateSubmission(form, {}, { stepPermissions, current });
    expect(result.errors.map((e) => [e.path, e.rule])).toEqual([['opinion', 'required']]);
  });
});
