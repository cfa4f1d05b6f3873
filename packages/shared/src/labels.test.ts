import { describe, expect, it } from 'vitest';
import {
  formatLabelSelector,
  labelsToSelectorString,
  matchesLabelSelector,
  matchesRequirements,
  parseSelector,
  selectorToRequirements,
  type LabelSelector,
} from './labels';
import { StatusError } from './status';

describe('parseSelector', () => {
  it.each([
    ['', []],
    ['a=b', [{ key: 'a', operator: '=', values: ['b'] }]],
    ['a==b', [{ key: 'a', operator: '=', values: ['b'] }]],
    ['a!=b', [{ key: 'a', operator: '!=', values: ['b'] }]],
    ['a', [{ key: 'a', operator: 'exists', values: [] }]],
    ['!a', [{ key: 'a', operator: '!', values: [] }]],
    ['a=', [{ key: 'a', operator: '=', values: [''] }]],
    ['a in (y,x)', [{ key: 'a', operator: 'in', values: ['x', 'y'] }]],
    ['a notin (x)', [{ key: 'a', operator: 'notin', values: ['x'] }]],
    ['a in ()', [{ key: 'a', operator: 'in', values: [''] }]],
    ['a>5', [{ key: 'a', operator: 'gt', values: ['5'] }]],
    [
      ' b = 1 , a ',
      [
        { key: 'a', operator: 'exists', values: [] },
        { key: 'b', operator: '=', values: ['1'] },
      ],
    ],
    ['x in (foo,,baz)', [{ key: 'x', operator: 'in', values: ['', 'baz', 'foo'] }]],
    ['app.kubernetes.io/name=web', [{ key: 'app.kubernetes.io/name', operator: '=', values: ['web'] }]],
    ['in=in', [{ key: 'in', operator: '=', values: ['in'] }]],
  ])('parses %j', (input, expected) => {
    expect(parseSelector(input)).toEqual(expected);
  });

  it.each([
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    ['env IN (a)', "unable to parse requirement: found 'IN', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (x', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in x', "unable to parse requirement: found 'x' expected: '('"],
    ['a=b c', "found 'c', expected: ',' or 'end of string'"],
    ['a=b,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['!a=b', "found '=', expected: ',' or 'end of string'"],
    [
      'a>x',
      "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer",
    ],
    [
      'A_=b',
      "unable to parse requirement: <nil>: Invalid value: \"A_\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
    [
      'a=@@',
      "unable to parse requirement: values[0][a]: Invalid value: \"@@\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    ],
  ])('rejects %j with the apiserver message', (input, message) => {
    let caught: unknown;
    try {
      parseSelector(input);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(StatusError);
    expect((caught as StatusError).code).toBe(400);
    expect((caught as StatusError).message).toBe(message);
  });
});

describe('matchesRequirements', () => {
  const labels = { app: 'web', tier: 'front', n: '7' };
  it.each([
    ['', true],
    ['app=web', true],
    ['app=db', false],
    ['app!=db', true],
    ['missing!=x', true],
    ['app in (db,web)', true],
    ['app notin (web)', false],
    ['missing notin (web)', true],
    ['tier', true],
    ['!tier', false],
    ['!missing', true],
    ['n>5', true],
    ['n<5', false],
    ['app=web,tier=back', false],
  ])('%j → %s', (selector, expected) => {
    expect(matchesRequirements(parseSelector(selector), labels)).toBe(expected);
  });
  it('treats missing labels as an empty map', () => {
    expect(matchesRequirements(parseSelector('!a'), undefined)).toBe(true);
    expect(matchesRequirements(parseSelector('a'), null)).toBe(false);
  });
});

describe('LabelSelector objects', () => {
  const selector: LabelSelector = {
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['b', 'a'] },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  };
  it('converts to requirements', () => {
    expect(selectorToRequirements(selector)).toEqual([
      { key: 'app', operator: '=', values: ['web'] },
      { key: 'tier', operator: 'in', values: ['b', 'a'] },
      { key: 'legacy', operator: '!', values: [] },
    ]);
  });
  it.each([
    [selector, { app: 'web', tier: 'a' }, true],
    [selector, { app: 'web', tier: 'c' }, false],
    [selector, { app: 'web', tier: 'a', legacy: '1' }, false],
    [{}, { any: 'thing' }, true],
    [{}, undefined, true],
    [null, { app: 'web' }, false],
    [undefined, { app: 'web' }, false],
  ])('matchesLabelSelector(%j, %j) = %s', (ls, labels, expected) => {
    expect(matchesLabelSelector(ls, labels)).toBe(expected);
  });
  it.each([
    [selector, 'app=web,legacy,tier in (a,b)'.replace('legacy', '!legacy')],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'x', operator: 'NotIn' as const, values: ['z'] }] }, 'x notin (z)'],
    [{ matchExpressions: [{ key: 'x', operator: 'Exists' as const }] }, 'x'],
    [{}, ''],
    [undefined, ''],
  ])('formats %j as %j', (ls, expected) => {
    expect(formatLabelSelector(ls)).toBe(expected);
  });
  it('formatted selectors parse back to equivalent requirements', () => {
    const text = formatLabelSelector(selector);
    expect(matchesRequirements(parseSelector(text), { app: 'web', tier: 'b' })).toBe(true);
    expect(matchesRequirements(parseSelector(text), { app: 'web', tier: 'z' })).toBe(false);
  });
  it('formats label maps', () => {
    expect(labelsToSelectorString({ z: '1', a: 'x' })).toBe('a=x,z=1');
    expect(labelsToSelectorString(undefined)).toBe('');
  });
});
