import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared';
import type { SchemaNode } from '../schema/types';
import { applyStrategicMergePatch } from './strategic-merge-patch';
import { fixtureRegistry } from './test-fixtures';

const podSpec: SchemaNode = { ref: 'PodSpec' };
const meta: SchemaNode = { ref: 'ObjectMeta' };
const smp = (original: unknown, patch: unknown, schema: SchemaNode | undefined = podSpec) =>
  applyStrategicMergePatch(original, patch, schema, fixtureRegistry);
const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `${name}:1`, ...extra });

describe('strategic merge patch: maps and scalars', () => {
  it.each([
    ['adds a key to a map', { labels: { a: '1' } }, { labels: { b: '2' } }, { labels: { a: '1', b: '2' } }],
    ['null deletes a key', { labels: { a: '1', b: '2' } }, { labels: { a: null } }, { labels: { b: '2' } }],
    [
      'null for a missing key is ignored',
      { labels: { a: '1' } },
      { labels: { z: null } },
      { labels: { a: '1' } },
    ],
    ['null deletes a whole map', { labels: { a: '1' }, name: 'x' }, { labels: null }, { name: 'x' }],
    ['scalar replaces', { name: 'x' }, { name: 'y' }, { name: 'y' }],
    ['a map replaces a scalar of another type', { name: 'x' }, { name: { a: 1 } }, { name: { a: 1 } }],
    ['new nested map is added without nulls', {}, { labels: { a: '1', b: null } }, { labels: { a: '1' } }],
    [
      '$patch: replace on a map replaces it',
      { labels: { a: '1', b: '2' } },
      { labels: { c: '3', $patch: 'replace' } },
      { labels: { c: '3' } },
    ],
    [
      '$patch: delete on a map leaves it empty',
      { labels: { a: '1' }, name: 'x' },
      { labels: { $patch: 'delete' } },
      { labels: {}, name: 'x' },
    ],
    [
      '$patch: merge on a map is the default',
      { labels: { a: '1' } },
      { labels: { b: '2', $patch: 'merge' } },
      { labels: { a: '1', b: '2' } },
    ],
    ['an empty patch changes nothing', { labels: { a: '1' } }, {}, { labels: { a: '1' } }],
    ['a null patch changes nothing', { labels: { a: '1' } }, null, { labels: { a: '1' } }],
  ])('%s', (_name, original, patch, expected) => {
    expect(smp(original, patch, meta)).toEqual(expected);
  });
});

describe('strategic merge patch: lists of maps with a merge key', () => {
  it.each([
    [
      'merges the item with the same name and keeps the order',
      { containers: [c('a'), c('b'), c('d')] },
      { containers: [{ name: 'b', image: 'b:2' }] },
      { containers: [c('a'), c('b', { image: 'b:2' }), c('d')] },
    ],
    [
      'a new item without $setElementOrder goes first (as upstream)',
      { containers: [c('a'), c('b')] },
      { containers: [c('n')] },
      { containers: [c('n'), c('a'), c('b')] },
    ],
    [
      '$setElementOrder places a new item',
      { containers: [c('a'), c('b')] },
      { '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }, { name: 'n' }], containers: [c('n')] },
      { containers: [c('a'), c('b'), c('n')] },
    ],
    [
      '$setElementOrder alone reorders',
      { containers: [c('a'), c('b')] },
      { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
      { containers: [c('b'), c('a')] },
    ],
    [
      'server-only items keep their live place among ordered ones',
      { containers: [c('a'), c('x'), c('b')] },
      {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'b', image: 'b:2' }],
      },
      { containers: [c('a'), c('x'), c('b', { image: 'b:2' })] },
    ],
    [
      'delete + add with $setElementOrder: a server-only item keeps its live slot (upstream in-place edit order)',
      { containers: [c('p'), c('q'), c('r')] },
      {
        '$setElementOrder/containers': [{ name: 'q' }, { name: 's' }],
        containers: [c('s'), { name: 'p', $patch: 'delete' }],
      },
      { containers: [c('q'), c('r'), c('s')] },
    ],
    [
      'server-only items before the ordered ones stay first',
      { containers: [c('x'), c('y'), c('a'), c('b')] },
      { '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }] },
      { containers: [c('x'), c('y'), c('b'), c('a')] },
    ],
    [
      '$setElementOrder may name items that exist nowhere',
      { containers: [c('a'), c('b')] },
      { '$setElementOrder/containers': [{ name: 'b' }, { name: 'ghost' }, { name: 'a' }] },
      { containers: [c('b'), c('a')] },
    ],
    [
      'without $setElementOrder the patch order wins for the items it names',
      { containers: [c('b'), c('x'), c('a')] },
      { containers: [{ name: 'a', image: 'a:2' }, { name: 'b', image: 'b:2' }, c('n')] },
      { containers: [c('x'), c('a', { image: 'a:2' }), c('b', { image: 'b:2' }), c('n')] },
    ],
    [
      '$patch: delete removes the item by merge key',
      { containers: [c('a'), c('b')] },
      { containers: [{ name: 'a', $patch: 'delete' }] },
      { containers: [c('b')] },
    ],
    [
      '$patch: delete of a missing item is a no-op',
      { containers: [c('a')] },
      { containers: [{ name: 'zz', $patch: 'delete' }] },
      { containers: [c('a')] },
    ],
    [
      '$patch: replace element replaces the whole list',
      { containers: [c('a'), c('b')] },
      { containers: [{ $patch: 'replace' }, c('z')] },
      { containers: [c('z')] },
    ],
    [
      'null inside an item deletes that field',
      { containers: [c('a', { imagePullPolicy: 'Always' })] },
      { containers: [{ name: 'a', imagePullPolicy: null }] },
      { containers: [c('a')] },
    ],
    [
      'nested merge lists merge too (env by name)',
      {
        containers: [
          c('a', {
            env: [
              { name: 'X', value: '1' },
              { name: 'Y', value: '2' },
            ],
          }),
        ],
      },
      { containers: [{ name: 'a', env: [{ name: 'Y', value: '3' }] }] },
      {
        containers: [
          c('a', {
            env: [
              { name: 'X', value: '1' },
              { name: 'Y', value: '3' },
            ],
          }),
        ],
      },
    ],
    [
      'ports merge by containerPort',
      { containers: [c('a', { ports: [{ containerPort: 80, name: 'http' }] })] },
      { containers: [{ name: 'a', ports: [{ containerPort: 80, name: 'web' }, { containerPort: 443 }] }] },
      { containers: [c('a', { ports: [{ containerPort: 80, name: 'web' }, { containerPort: 443 }] })] },
    ],
    [
      'atomic lists (tolerations) are replaced',
      { tolerations: [{ key: 'a' }, { key: 'b' }] },
      { tolerations: [{ key: 'c' }] },
      { tolerations: [{ key: 'c' }] },
    ],
    [
      'atomic primitive lists (args) are replaced',
      { containers: [c('a', { args: ['x', 'y'] })] },
      { containers: [{ name: 'a', args: ['z'] }] },
      { containers: [c('a', { args: ['z'] })] },
    ],
    [
      'a list the live object lacks is added with directives applied',
      {},
      {
        '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
        containers: [c('b'), c('a'), { name: 'q', $patch: 'delete' }],
      },
      { containers: [c('b'), c('a')] },
    ],
    [
      'volumes: $retainKeys inside an item switches the volume source',
      { volumes: [{ name: 'v', configMap: { name: 'cm' } }] },
      { volumes: [{ name: 'v', $retainKeys: ['emptyDir', 'name'], emptyDir: {} }] },
      { volumes: [{ name: 'v', emptyDir: {} }] },
    ],
  ])('%s', (_name, original, patch, expected) => {
    const cleanPatch = JSON.parse(JSON.stringify(patch)) as unknown;
    expect(smp(original, cleanPatch)).toEqual(expected);
  });
});

describe('strategic merge patch: primitive lists', () => {
  it.each([
    [
      'merge lists of primitives are unions',
      { finalizers: ['a', 'b'] },
      { finalizers: ['b', 'c'] },
      { finalizers: ['a', 'b', 'c'] },
    ],
    [
      'new primitives go first without an order',
      { finalizers: ['a', 'b'] },
      { finalizers: ['c'] },
      { finalizers: ['c', 'a', 'b'] },
    ],
    [
      '$setElementOrder orders primitives',
      { finalizers: ['a', 'b'] },
      { '$setElementOrder/finalizers': ['a', 'b', 'c'], finalizers: ['c'] },
      { finalizers: ['a', 'b', 'c'] },
    ],
    [
      '$deleteFromPrimitiveList removes values',
      { finalizers: ['a', 'b', 'c'] },
      { '$deleteFromPrimitiveList/finalizers': ['b', 'zz'] },
      { finalizers: ['a', 'c'] },
    ],
    [
      '$deleteFromPrimitiveList together with additions',
      { finalizers: ['a', 'b'] },
      {
        '$setElementOrder/finalizers': ['a', 'c'],
        '$deleteFromPrimitiveList/finalizers': ['b'],
        finalizers: ['c'],
      },
      { finalizers: ['a', 'c'] },
    ],
    [
      '$deleteFromPrimitiveList on a missing list does nothing',
      { name: 'x' },
      { '$deleteFromPrimitiveList/finalizers': ['b'] },
      { name: 'x' },
    ],
  ])('%s', (_name, original, patch, expected) => {
    expect(smp(original, patch, meta)).toEqual(expected);
  });
});

describe('strategic merge patch: fields without a schema', () => {
  it.each([
    ['lists replace', { spec: { items: [1, 2] } }, { spec: { items: [3] } }, { spec: { items: [3] } }],
    [
      'maps merge',
      { spec: { a: 1, b: { c: 1 } } },
      { spec: { b: { d: 2 }, a: null } },
      { spec: { b: { c: 1, d: 2 } } },
    ],
    [
      'node cordon',
      { spec: { podCIDR: 'x' } },
      { spec: { unschedulable: true } },
      { spec: { podCIDR: 'x', unschedulable: true } },
    ],
  ])('%s', (_name, original, patch, expected) => {
    expect(smp(original, patch, undefined)).toEqual(expected);
  });
});

describe('strategic merge patch: errors', () => {
  it.each([
    [
      'patch is a list',
      [1],
      podSpec,
      400,
      'json: cannot unmarshal array into Go value of type map[string]interface {}',
    ],
    ['$retainKeys is not a list', { $retainKeys: 'x' }, meta, 400, 'invalid patch format of retainKeys'],
    [
      'patched key missing from $retainKeys',
      { $retainKeys: ['name'], labels: { a: 'b' } },
      meta,
      400,
      'invalid patch format of retainKeys',
    ],
    [
      '$setElementOrder without a field',
      { $setElementOrderx: [] },
      meta,
      400,
      'invalid patch format of setElementOrder list',
    ],
    [
      '$deleteFromPrimitiveList without a field',
      { $deleteFromPrimitiveListx: [] },
      meta,
      400,
      'invalid patch format of primitive list',
    ],
    ['list of lists', { ownerReferences: [['a']] }, meta, 422, 'lists of lists are not supported'],
    [
      'item without merge key',
      { containers: [{ image: 'x' }] },
      podSpec,
      500,
      'map: map[image:x] does not contain declared merge key: name',
    ],
    [
      'unknown $patch on a map',
      { labels: { $patch: 'foo', a: '1' } },
      meta,
      500,
      'unknown patch type: foo in map: map[$patch:foo a:1]',
    ],
    [
      '$patch: merge in a list',
      { containers: [{ $patch: 'merge' }] },
      podSpec,
      500,
      'merging lists cannot yet be specified in the patch',
    ],
    [
      'mixed element types',
      { finalizers: ['a', 1] },
      meta,
      500,
      'list element types are not identical: [[x] [a 1]]',
    ],
    [
      '$setElementOrder disagrees with the patch order',
      {
        '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
        containers: [{ name: 'b' }, { name: 'a' }],
      },
      podSpec,
      500,
      "The order in patch list:\n[map[name:b] map[name:a]]\n doesn't match $setElementOrder list:\n[map[name:a] map[name:b]]\n",
    ],
  ])('%s', (_name, patch, schema, code, message) => {
    const original = { finalizers: ['x'], containers: [c('a'), c('b')], labels: {} };
    let caught: unknown;
    try {
      smp(original, patch, schema);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StatusError);
    expect((caught as StatusError).code).toBe(code);
    expect((caught as StatusError).message).toBe(message);
  });
});
