import { describe, expect, it } from 'vitest';
import { compareKubeVersions, ResourceRegistry } from './resource-registry';
import type { ResourceDescriptor } from './types';

const d = (
  group: string,
  version: string,
  kind: string,
  plural: string,
  extra: Partial<ResourceDescriptor> = {},
) =>
  ({
    group,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced: true,
    ...extra,
  }) as ResourceDescriptor;

describe('compareKubeVersions', () => {
  it('orders GA before beta before alpha, newer first', () => {
    const sorted = ['v1alpha1', 'v1beta1', 'v2', 'v1', 'v1beta2', 'v11alpha2', 'foo'].sort(
      compareKubeVersions,
    );
    expect(sorted).toEqual(['v2', 'v1', 'v1beta2', 'v1beta1', 'v11alpha2', 'v1alpha1', 'foo']);
  });
});

describe('ResourceRegistry', () => {
  it('looks up by path, kind and storage key and tracks dynamic resources', () => {
    const reg = new ResourceRegistry([
      d('autoscaling', 'v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers'),
      d('autoscaling', 'v1', 'HorizontalPodAutoscaler', 'horizontalpodautoscalers', {
        storageVersion: false,
      }),
    ]);
    expect(reg.lookup('autoscaling', 'v1', 'horizontalpodautoscalers')?.version).toBe('v1');
    expect(reg.storageDescriptor('autoscaling/horizontalpodautoscalers')?.version).toBe('v2');
    let changes = 0;
    reg.onChange(() => changes++);
    reg.setDynamic('foos.example.com', [d('example.com', 'v1', 'Foo', 'foos', { custom: true })]);
    expect(reg.lookupKind('example.com', 'v1', 'Foo')?.plural).toBe('foos');
    expect(reg.groupVersions().map((gv) => `${gv.group}/${gv.version}`)).toEqual([
      'autoscaling/v2',
      'autoscaling/v1',
      'example.com/v1',
    ]);
    reg.setDynamic('foos.example.com', []);
    expect(reg.lookup('example.com', 'v1', 'foos')).toBeUndefined();
    expect(changes).toBe(2);
  });
});
