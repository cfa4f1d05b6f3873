import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared';
import { applyMergePatch } from './merge-patch';

describe('JSON merge patch (RFC 7386)', () => {
  it.each([
    [
      'adds a label (kubectl label)',
      { metadata: { name: 'x' } },
      { metadata: { labels: { b: '2' } } },
      { metadata: { name: 'x', labels: { b: '2' } } },
    ],
    [
      'null deletes',
      { metadata: { labels: { a: '1', b: '2' } } },
      { metadata: { labels: { a: null } } },
      { metadata: { labels: { b: '2' } } },
    ],
    ['null for a missing key is a no-op', { a: 1 }, { b: null }, { a: 1 }],
    ['arrays replace', { spec: { list: [1, 2, 3] } }, { spec: { list: [4] } }, { spec: { list: [4] } }],
    [
      'scale subresource',
      { spec: { replicas: 1 }, status: { replicas: 1 } },
      { spec: { replicas: 5 } },
      { spec: { replicas: 5 }, status: { replicas: 1 } },
    ],
    ['an object replaces a scalar', { a: 'x' }, { a: { b: 1 } }, { a: { b: 1 } }],
    ['a scalar replaces an object', { a: { b: 1 } }, { a: 'x' }, { a: 'x' }],
    ['nulls inside an added object are dropped', {}, { a: { b: null, c: 1 } }, { a: { c: 1 } }],
    [
      'nested merge',
      { a: { b: { c: 1, d: 2 } } },
      { a: { b: { d: 3, e: 4 } } },
      { a: { b: { c: 1, d: 3, e: 4 } } },
    ],
    ['empty patch', { a: 1 }, {}, { a: 1 }],
  ])('%s', (_name, original, patch, expected) => {
    const before = structuredClone(original);
    expect(applyMergePatch(original, patch)).toEqual(expected);
    expect(original).toEqual(before);
  });

  it.each([
    ['null patch', null, 'Invalid JSON Patch'],
    [
      'array patch',
      [1],
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    [
      'string patch',
      'x',
      'error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}',
    ],
  ])('%s → 400', (_name, patch, message) => {
    expect(() => applyMergePatch({}, patch)).toThrow(StatusError);
    try {
      applyMergePatch({}, patch);
    } catch (err) {
      expect((err as StatusError).toStatus()).toMatchObject({ code: 400, reason: 'BadRequest', message });
    }
  });
});
