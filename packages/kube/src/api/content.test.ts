import { describe, expect, it } from 'vitest';
import { decodeBody, negotiate } from './content';

describe('negotiate', () => {
  it.each([
    [undefined, 'object'],
    ['application/json', 'object'],
    [
      'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
      'table',
    ],
    ['application/vnd.kubernetes.protobuf,application/json', 'object'],
    ['application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json', 'metadata'],
    ['application/json, */*;q=0.8', 'object'],
  ] as const)('%s → %s', (accept, shape) => {
    expect(negotiate(accept)).toBe(shape);
  });

  it('refuses protobuf-only clients with 406', () => {
    expect(() => negotiate('application/vnd.kubernetes.protobuf')).toThrow(
      expect.objectContaining({ code: 406 }),
    );
  });
});

describe('decodeBody', () => {
  it('reads JSON and YAML, and apply patches in either', () => {
    expect(decodeBody(Buffer.from('{"a":1}'), 'application/json')).toEqual({ a: 1 });
    expect(decodeBody(Buffer.from('a: 1\nb: [x]\n'), 'application/yaml')).toEqual({ a: 1, b: ['x'] });
    expect(decodeBody(Buffer.from('a: 1'), 'application/apply-patch+yaml')).toEqual({ a: 1 });
  });
  it('answers malformed bodies with 400 and unknown types with 415', () => {
    expect(() => decodeBody(Buffer.from('{'), 'application/json')).toThrow(
      expect.objectContaining({ code: 400 }),
    );
    expect(() => decodeBody(Buffer.from('x'), 'text/plain')).toThrow(expect.objectContaining({ code: 415 }));
  });
});
