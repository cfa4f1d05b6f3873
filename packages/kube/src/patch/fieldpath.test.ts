import { describe, expect, it } from 'vitest';
import { FieldSet, pathToString } from './fieldpath';
import { compareObjects, fieldSetOf } from './typed-walk';
import { deploymentSchema, fixtureRegistry } from './test-fixtures';

describe('field paths', () => {
  it.each([
    [['f:spec', 'f:replicas'], '.spec.replicas'],
    [['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'], '.spec.containers[name="c"].image'],
    [['f:ports', 'k:{"containerPort":80,"protocol":"TCP"}'], '.ports[containerPort=80,protocol="TCP"]'],
    [['f:metadata', 'f:finalizers', 'v:"x"'], '.metadata.finalizers[="x"]'],
    [['f:args', 'i:2'], '.args[2]'],
  ])('%j prints as %s', (path, text) => {
    expect(pathToString(path)).toBe(text);
  });

  it('encodes and decodes FieldsV1, with "." for members that have children', () => {
    const set = new FieldSet()
      .insert(['f:spec', 'f:replicas'])
      .insert(['f:spec', 'f:containers', 'k:{"name":"c"}'])
      .insert(['f:spec', 'f:containers', 'k:{"name":"c"}', 'f:image'])
      .insert(['f:metadata', 'f:labels', 'f:a']);
    const encoded = set.toFieldsV1();
    expect(JSON.stringify(encoded)).toBe(
      '{"f:metadata":{"f:labels":{"f:a":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"c\\"}":{".":{},"f:image":{}}},"f:replicas":{}}}',
    );
    const decoded = FieldSet.fromFieldsV1(encoded);
    expect(decoded.paths()).toEqual(set.paths());
    expect(decoded.has(['f:spec', 'f:containers', 'k:{"name":"c"}'])).toBe(true);
    expect(decoded.has(['f:spec', 'f:containers'])).toBe(false);
  });

  it('set algebra', () => {
    const a = new FieldSet().insert(['f:a']).insert(['f:b', 'f:c']);
    const b = new FieldSet().insert(['f:b', 'f:c']).insert(['f:d']);
    expect(a.union(b).paths()).toEqual([['f:a'], ['f:d'], ['f:b', 'f:c']]);
    expect(a.difference(b).paths()).toEqual([['f:a']]);
    expect(a.intersection(b).paths()).toEqual([['f:b', 'f:c']]);
    expect(a.hasPrefix(['f:b'])).toBe(true);
    expect(a.difference(a).isEmpty()).toBe(true);
  });
});

describe('fieldSetOf', () => {
  it('matches what kube-apiserver records for an applied Deployment', () => {
    const applied = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', labels: { app: 'd' }, finalizers: ['x'] },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'd' } },
        strategy: {},
        template: {
          metadata: { labels: { app: 'd' } },
          spec: {
            containers: [{ name: 'c', image: 'nginx', args: ['a'], ports: [{ containerPort: 80 }] }],
            tolerations: [{ key: 't' }],
          },
        },
      },
    };
    expect(fieldSetOf(applied, deploymentSchema, fixtureRegistry).toFieldsV1()).toEqual({
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:finalizers': { 'v:"x"': {} }, 'f:labels': { 'f:app': {} }, 'f:name': {} },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:strategy': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              'k:{"name":"c"}': {
                '.': {},
                'f:args': {},
                'f:image': {},
                'f:name': {},
                'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
              },
            },
            'f:tolerations': {},
          },
        },
      },
    });
  });

  it('fields without a schema are granular maps with atomic lists', () => {
    expect(fieldSetOf({ spec: { a: { b: 1 }, l: [1, 2] } }, undefined, fixtureRegistry).paths()).toEqual([
      ['f:spec'],
      ['f:spec', 'f:a'],
      ['f:spec', 'f:l'],
      ['f:spec', 'f:a', 'f:b'],
    ]);
  });
});

describe('compareObjects', () => {
  it('reports added, modified and removed paths', () => {
    const before = {
      spec: {
        replicas: 1,
        template: {
          spec: {
            containers: [
              { name: 'a', image: '1' },
              { name: 'b', image: '1' },
            ],
          },
        },
      },
    };
    const after = {
      spec: {
        replicas: 2,
        template: {
          spec: {
            containers: [
              { name: 'a', image: '2' },
              { name: 'c', image: '1' },
            ],
          },
        },
      },
    };
    const diff = compareObjects(before, after, deploymentSchema, fixtureRegistry);
    const containers = ['f:spec', 'f:template', 'f:spec', 'f:containers'];
    expect(diff.modified.paths()).toEqual([
      ['f:spec', 'f:replicas'],
      [...containers, 'k:{"name":"a"}', 'f:image'],
    ]);
    expect(diff.added.paths()).toEqual([
      [...containers, 'k:{"name":"c"}'],
      [...containers, 'k:{"name":"c"}', 'f:image'],
      [...containers, 'k:{"name":"c"}', 'f:name'],
    ]);
    expect(diff.removed.has([...containers, 'k:{"name":"b"}'])).toBe(true);
    expect(diff.removed.has([...containers, 'k:{"name":"b"}', 'f:image'])).toBe(true);
  });
});
