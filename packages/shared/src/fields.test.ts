import { describe, expect, it } from 'vitest';
import { formatFieldSelector, matchesFieldSelector, parseFieldSelector } from './fields';

describe('parseFieldSelector', () => {
  it.each([
    ['', []],
    ['metadata.name=x', [{ field: 'metadata.name', op: '=', value: 'x' }]],
    ['a==b', [{ field: 'a', op: '=', value: 'b' }]],
    ['status.phase!=Running', [{ field: 'status.phase', op: '!=', value: 'Running' }]],
    ['spec.nodeName=', [{ field: 'spec.nodeName', op: '=', value: '' }]],
    [
      'b=2,a=1',
      [
        { field: 'a', op: '=', value: '1' },
        { field: 'b', op: '=', value: '2' },
      ],
    ],
    ['a=x\\,y', [{ field: 'a', op: '=', value: 'x,y' }]],
    ['a=x\\=y\\\\', [{ field: 'a', op: '=', value: 'x=y\\' }]],
  ])('parses %j', (input, expected) => {
    expect(parseFieldSelector(input)).toEqual(expected);
  });

  it.each([
    ['a', "invalid selector: 'a'; can't understand 'a'"],
    ['a=1,b', "invalid selector: 'a=1,b'; can't understand 'b'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\x', 'invalid field selector: invalid escape sequence: \\x'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('rejects %j', (input, message) => {
    expect(() => parseFieldSelector(input)).toThrow(message);
  });

  it('round-trips escapes through formatFieldSelector', () => {
    const reqs = [{ field: 'a', op: '!=' as const, value: 'x,y=z' }];
    expect(parseFieldSelector(formatFieldSelector(reqs))).toEqual(reqs);
  });
});

describe('matchesFieldSelector', () => {
  const fields: Record<string, string> = { 'metadata.name': 'p1', 'status.phase': 'Running' };
  const get = (f: string) => fields[f];
  it.each([
    ['metadata.name=p1', true],
    ['metadata.name=p2', false],
    ['status.phase!=Running', false],
    ['status.phase!=Pending', true],
    ['spec.nodeName=', true],
    ['spec.nodeName!=', false],
    ['metadata.name=p1,status.phase=Running', true],
  ])('%j → %s', (selector, expected) => {
    expect(matchesFieldSelector(parseFieldSelector(selector), get)).toBe(expected);
  });
});
