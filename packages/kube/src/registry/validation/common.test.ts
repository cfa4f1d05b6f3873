import { describe, expect, it } from 'vitest';
import {
  goStringMap,
  immutable,
  isValidPortName,
  semanticEqual,
  validateLabelSelector,
  validateTemplateMatchesSelector,
} from './common';

describe('semanticEqual', () => {
  it.each([
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [undefined, [], true],
    [null, {}, true],
    [{ a: undefined }, {}, true],
    [{ a: [] }, {}, true],
    [[1], [2], false],
    ['x', 'y', false],
    [{ a: { b: 1 } }, { a: { b: 2 } }, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(semanticEqual(a, b)).toBe(expected);
  });
});

describe('immutable', () => {
  it('reports the new value as upstream does', () => {
    expect(immutable('spec.clusterIP', '10.0.0.1', '10.0.0.2')).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.clusterIP',
        message: 'Invalid value: "10.0.0.2": field is immutable',
      },
    ]);
    expect(immutable('spec.selector', { a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('isValidPortName', () => {
  it.each([
    ['http', []],
    ['web-80', []],
    ['80', ['must contain at least one letter (a-z)']],
    ['Http', ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']],
    ['a--b', ['must not contain consecutive hyphens']],
    ['-a', ['must not begin or end with a hyphen']],
    ['a'.repeat(16), ['must be no more than 15 characters']],
  ])('%j', (name, expected) => {
    expect(isValidPortName(name)).toEqual(expected);
  });
});

describe('label selectors', () => {
  it.each([
    [{ matchLabels: { app: 'x' } }, []],
    [
      { matchExpressions: [{ key: 'a', operator: 'In' }] },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
      [
        "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    ],
    [
      { matchExpressions: [{ key: 'a', operator: 'Maybe' }] },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Maybe": not a valid selector operator'],
    ],
  ])('%j', (selector, expected) => {
    expect(validateLabelSelector(selector, 'spec.selector').map((c) => `${c.field}: ${c.message}`)).toEqual(
      expected,
    );
  });

  it('checks that the template labels match the selector', () => {
    const path = 'spec.template.metadata.labels';
    expect(
      validateTemplateMatchesSelector({ matchLabels: { app: 'web' } }, { app: 'web', x: 'y' }, path),
    ).toEqual([]);
    expect(validateTemplateMatchesSelector({ matchLabels: { app: 'web' } }, { app: 'db' }, path)).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: path,
        message: 'Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
      },
    ]);
    expect(goStringMap(undefined)).toBe('map[string]string(nil)');
  });
});
