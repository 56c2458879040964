/**
 * Validation parity on a set of forms: each fixture lists submissions and the per-field errors the Form.io
 * renderer reports for them (rules as documented by Form.io: required, pattern, min/max length and value, email,
 * only available items, conditional visibility, calculated values, data grid rows, containers). The server runs
 * @formio/core's own processors, the same rule code the renderer (@formio/js) delegates to.
 */
import { describe, expect, it, jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { validateSubmission, type FormDefinition } from '../../../forms/index.js';

interface Fixture {
  description: string;
  form: FormDefinition;
  cases: {
    name: string;
    data: Record<string, unknown>;
    errors: [string, string][];
    expectData?: Record<string, unknown>;
    expectAbsent?: string[];
  }[];
}

const dir = new URL('../../fixtures/forms/', import.meta.url);
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as Fixture] as const);

// @formio/core logs (console.error) when a number validator meets an empty value; the outcome is still correct.
jest.spyOn(console, 'error').mockImplementation(() => undefined);

describe.each(fixtures)('form %s', (_file, fixture) => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))('given %s, then the same per-field errors', (_name, c) => {
    const result = validateSubmission(fixture.form, c.data);
    const got = result.errors.map((e) => [e.path, e.rule]).sort();
    expect(got).toEqual([...c.errors].sort());
    expect(result.ok).toBe(c.errors.length === 0);
    for (const error of result.errors) expect(error.message).not.toBe('');
    if (c.expectData) expect(result.data).toMatchObject(c.expectData);
    for (const key of c.expectAbsent ?? []) expect(result.data).not.toHaveProperty(key);
  });
});

describe('normalised data', () => {
  it('given fields the form does not define, when validated, then they are dropped from the data', () => {
    const form = fixtures.find(([f]) => f === 'resident-registration.json')![1].form;
    const result = validateSubmission(form, { name: '张三', mobile: '13812345678', isAdmin: true });
    expect(result.ok).toBe(true);
    expect(result.data).not.toHaveProperty('isAdmin');
    expect(result.data).toMatchObject({ name: '张三', mobile: '13812345678' });
  });

  it('given a submission, when validated, then the caller\'s object is not modified', () => {
    const form = fixtures.find(([f]) => f === 'case-intake.json')![1].form;
    const submitted = { category: 'hazard', affectedHouseholds: 2, priorityScore: 1, description: '楼道堆物严重' };
    const copy = structuredClone(submitted);
    validateSubmission(form, submitted);
    expect(submitted).toEqual(copy);
  });
});
