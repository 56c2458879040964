import { describe, expect, it } from '@jest/globals';
import { evaluateFeel } from '../../engine/feel/index.js';

/** Each row: expression, expected JSON result. Expected values follow the Camunda 8 FEEL built-in docs. */
type Row = [string, unknown];
const evaluatesTo = (rows: Row[]) =>
  it.each(rows)('%s → %j', (source, expected) => {
    expect(evaluateFeel(source, {})).toEqual(expected);
  });

describe('boolean and null built-ins (Camunda extensions)', () => {
  evaluatesTo([
    ['is defined(1)', true],
    ['is defined(null)', false],
    ['is defined(x)', false],
    ['is defined(x.y)', false],
    ['is defined({a: 1}.a)', true],
    ['get or else("this", "default")', 'this'],
    ['get or else(null, "default")', 'default'],
    ['get or else(x, "prio-99")', 'prio-99'],
    ['get or else(null, null)', null],
    ['get or else(value: null, default: 2)', 2],
    ['get or else(false, true)', false],
    ['not(true)', false],
    ['not(null)', null],
    ['not(1)', null],
  ]);
});

describe('string built-ins', () => {
  evaluatesTo([
    ['substring("foobar", 3)', 'obar'],
    ['substring("foobar", 3, 3)', 'oba'],
    ['substring("foobar", -2, 1)', 'a'],
    ['substring("共治街道", 3)', '街道'],
    ['string length("foo")', 3],
    ['string length("共治")', 2],
    ['upper case("aBc4")', 'ABC4'],
    ['lower case("aBc4")', 'abc4'],
    ['contains("foobar", "of")', false],
    ['contains("foobar", "ob")', true],
    ['starts with("foobar", "fo")', true],
    ['ends with("foobar", "r")', true],
    ['matches("foobar", "^fo*b")', true],
    ['matches("FooBar", "foo", "i")', true],
    ['replace("abcd", "(ab)|(a)", "[1=$1][2=$2]")', '[1=ab][2=]cd'],
    ['replace("0123456789", "(\\d{3})(\\d{3})(\\d{4})", "($1) $2-$3")', '(012) 345-6789'],
    ['split("John Doe", "\\s")', ['John', 'Doe']],
    ['split("a;b;c;;", ";")', ['a', 'b', 'c', '', '']],
    ['string join(["a", "b", "c"])', 'abc'],
    ['string join(["a", "b", "c"], ", ")', 'a, b, c'],
    ['string join(["a", null, "c"], "-")', 'a-c'],
    ['string join(["a"], "X", "[", "]")', '[a]'],
    ['string join(["a", "b"], ", ", "[", "]")', '[a, b]'],
    ['string join([], ", ", "[", "]")', '[]'],
    ['string join([1, 2], ",")', null],
    ['string join(list: ["a", "b"], delimiter: "+")', 'a+b'],
    ['extract("references are 1234, 1256, 1378", "12[0-9]*")', ['1234', '1256']],
    ['extract("no digits", "[0-9]+")', []],
    ['extract("abc", "(")', null],
    ['trim("  hello world  ")', 'hello world'],
    ['trim(" hello\\tworld \\n")', 'hello\tworld'],
    ['trim(1)', null],
    ['is blank("")', true],
    ['is blank("  ")', true],
    ['is blank("hello")', false],
    ['to base64("FEEL")', 'RkVFTA=='],
    ['string(1.1)', '1.1'],
    ['string(null)', null],
    ['string(date("2024-05-01"))', '2024-05-01'],
    ['string(duration("PT90M"))', 'PT1H30M'],
    ['number("1500.5")', 1500.5],
    ['number("abc")', null],
    ['"共" + "治"', '共治'],
  ]);

  it('uuid() returns a fresh RFC 4122 v4 string each time', () => {
    const first = evaluateFeel('uuid()', {});
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(evaluateFeel('uuid()', {})).not.toBe(first);
  });
});

describe('list built-ins', () => {
  evaluatesTo([
    ['list contains([1, 2, 3], 2)', true],
    ['list contains([1, 2, 3], 5)', false],
    ['count([1, 2, 3])', 3],
    ['count([])', 0],
    ['min([1, 2, 3])', 1],
    ['min(1, 2, 3)', 1],
    ['min([])', null],
    ['max([1, 2, 3])', 3],
    ['max(1, 5, 2)', 5],
    ['sum([1, 2, 3])', 6],
    ['sum(1, 2, 3)', 6],
    ['mean([1, 2, 3])', 2],
    ['mean(1, 2, 3, 4)', 2.5],
    ['append([1], 2, 3)', [1, 2, 3]],
    ['concatenate([1, 2], [3])', [1, 2, 3]],
    ['concatenate([1], [2], [3])', [1, 2, 3]],
    ['insert before([1, 3], 1, 2)', [2, 1, 3]],
    ['remove([1, 2, 3], 2)', [1, 3]],
    ['reverse([1, 2, 3])', [3, 2, 1]],
    ['index of([1, 2, 3, 2], 2)', [2, 4]],
    ['union([1, 2], [2, 3])', [1, 2, 3]],
    ['distinct values([1, 2, 3, 2, 1])', [1, 2, 3]],
    ['duplicate values([1, 2, 3, 2, 1])', [2, 1]],
    ['duplicate values(["a", "b"])', []],
    ['flatten([[1, 2], [[3]], 4])', [1, 2, 3, 4]],
    ['sort([3, 1, 4, 2], function(x, y) x < y)', [1, 2, 3, 4]],
    ['sort(["b", "a"], function(x, y) x < y)', ['a', 'b']],
    ['sublist([4, 5, 6], 1, 2)', [4, 5]],
    ['sublist([4, 5, 6], 2)', [5, 6]],
    ['is empty([])', true],
    ['is empty([1, 2, 3])', false],
    ['is empty("x")', null],
    ['partition([1, 2, 3, 4, 5], 2)', [[1, 2], [3, 4], [5]]],
    ['partition([], 2)', []],
    ['partition([1, 2], 0)', null],
    ['list replace([2, 4, 7, 8], 3, 6)', [2, 4, 6, 8]],
    ['all([true, false])', false],
    ['any([false, true])', true],
  ]);
});

describe('context built-ins', () => {
  evaluatesTo([
    ['get value({foo: 123}, "foo")', 123],
    ['get value({a: 1}, "b")', null],
    ['get entries({foo: 123})', [{ key: 'foo', value: 123 }]],
    ['put({x: 1}, "y", 2)', { x: 1, y: 2 }],
    ['put({x: 1}, "x", 3)', { x: 3 }],
    ['put({x: {y: 1}}, ["x", "z"], 2)', { x: { y: 1, z: 2 } }],
    ['put({}, ["a", "b", "c"], 1)', { a: { b: { c: 1 } } }],
    ['put(1, "y", 2)', null],
    ['put all({x: 1}, {y: 2})', { x: 1, y: 2 }],
    ['put all({x: 1}, {x: 2, y: 3})', { x: 2, y: 3 }],
    ['put all([{x: 1}, {y: 2}])', { x: 1, y: 2 }],
    ['put all({x: 1}, 5)', null],
    ['context merge([{x: 1}, {y: 2}])', { x: 1, y: 2 }],
    ['context put({x: 1}, "y", 2)', { x: 1, y: 2 }],
  ]);

  it('put() never changes the context it was given', () => {
    expect(evaluateFeel('{ before: original, after: put(original, "b", 2), again: original }', { original: { a: 1 } })).toEqual({
      before: { a: 1 },
      after: { a: 1, b: 2 },
      again: { a: 1 },
    });
  });
});

describe('number built-ins', () => {
  evaluatesTo([
    ['decimal(1/3, 2)', 0.33],
    ['decimal(1.5, 0)', 2],
    ['decimal(2.5, 0)', 2],
    ['floor(1.5)', 1],
    ['floor(-1.5)', -2],
    ['ceiling(1.5)', 2],
    ['ceiling(-1.5)', -1],
    ['round half up(5.5, 0)', 6],
    ['round half up(-5.5, 0)', -6],
    ['round half up(1.121, 2)', 1.12],
    ['abs(-10)', 10],
    ['modulo(12, 5)', 2],
    ['modulo(-12, 5)', 3],
    ['modulo(12, -5)', -3],
    ['odd(5)', true],
    ['odd(2)', false],
    ['even(2)', true],
    ['even(5)', false],
  ]);
});
