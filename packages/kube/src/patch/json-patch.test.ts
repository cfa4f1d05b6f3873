import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared';
import { applyJsonPatch } from './json-patch';

interface D {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { name: string; image: string }[] } } };
}

const deploy = (): D => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', annotations: { a: '1' } },
  spec: { replicas: 1, template: { spec: { containers: [{ name: 'c', image: 'x' }] } } },
});

describe('JSON patch', () => {
  it.each([
    [
      'replace a scalar',
      [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      (d: D): void => void (d.spec.replicas = 3),
    ],
    [
      'add a map key',
      [{ op: 'add', path: '/metadata/annotations/b', value: '2' }],
      (d: D): void => void Object.assign(d.metadata.annotations, { b: '2' }),
    ],
    [
      'remove a key',
      [{ op: 'remove', path: '/metadata/annotations/a' }],
      (d: D): void => void (d.metadata.annotations = {} as Record<string, string>),
    ],
    [
      'append to a list with -',
      [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'e', image: 'y' } }],
      (d: D): void => void d.spec.template.spec.containers.push({ name: 'e', image: 'y' }),
    ],
    [
      'a passing test then a replace',
      [
        { op: 'test', path: '/spec/replicas', value: 1 },
        { op: 'replace', path: '/spec/replicas', value: 2 },
      ],
      (d: D): void => void (d.spec.replicas = 2),
    ],
    [
      'rollout undo: replace template and annotations',
      [
        {
          op: 'replace',
          path: '/spec/template',
          value: { spec: { containers: [{ name: 'c', image: 'old' }] } },
        },
        { op: 'replace', path: '/metadata/annotations', value: { rev: '1' } },
      ],
      (d: D): void => {
        d.spec.template.spec.containers[0].image = 'old';
        d.metadata.annotations = { rev: '1' } as Record<string, string>;
      },
    ],
    [
      'move',
      [{ op: 'move', from: '/metadata/annotations/a', path: '/metadata/annotations/z' }],
      (d: D): void => void (d.metadata.annotations = { z: '1' } as Record<string, string>),
    ],
    [
      'copy',
      [{ op: 'copy', from: '/metadata/annotations/a', path: '/metadata/annotations/z' }],
      (d: D): void => void Object.assign(d.metadata.annotations, { z: '1' }),
    ],
    ['an empty patch', [], () => undefined],
    [
      'a test for null passes on a missing field',
      [{ op: 'test', path: '/spec/paused', value: null }],
      () => undefined,
    ],
    [
      'add without a value writes null',
      [{ op: 'add', path: '/metadata/annotations/b' }],
      (d: D): void => void Object.assign(d.metadata.annotations, { b: null }),
    ],
  ])('%s', (_name, ops, mutate) => {
    const original = deploy();
    const expected = deploy();
    mutate(expected);
    expect(applyJsonPatch(original, ops)).toEqual(expected);
    expect(original).toEqual(deploy());
  });

  const rejected = 'the server rejected our request due to an error in our request';
  it.each([
    ['failed test', [{ op: 'test', path: '/spec/replicas', value: 5 }], 422, 'Invalid', rejected],
    [
      'replace of a missing path',
      [{ op: 'replace', path: '/spec/paused', value: true }],
      422,
      'Invalid',
      rejected,
    ],
    ['remove of a missing path', [{ op: 'remove', path: '/metadata/labels' }], 422, 'Invalid', rejected],
    [
      'add under a missing parent',
      [{ op: 'add', path: '/metadata/labels/a', value: 'x' }],
      422,
      'Invalid',
      rejected,
    ],
    [
      'index out of range',
      [{ op: 'add', path: '/spec/template/spec/containers/5', value: {} }],
      422,
      'Invalid',
      rejected,
    ],
    ['unknown op', [{ op: 'frob', path: '/spec' }], 422, 'Invalid', rejected],
    [
      'not a list',
      { op: 'add' },
      400,
      'BadRequest',
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    ],
    [
      'an element that is not an object',
      [1],
      400,
      'BadRequest',
      'json: cannot unmarshal number into Go value of type jsonpatch.Operation',
    ],
    [
      'too many operations',
      Array.from({ length: 10_001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' })),
      413,
      'RequestEntityTooLarge',
      'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    ],
  ])('%s → %i', (_name, ops, code, reason, message) => {
    let caught: unknown;
    try {
      applyJsonPatch(deploy(), ops);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StatusError);
    expect((caught as StatusError).toStatus()).toMatchObject({ code, reason, message });
  });
});
