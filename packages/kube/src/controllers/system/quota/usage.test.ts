import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { countedResource, formatUsage, objectUsage, sumUsage } from './usage';

const pod = (containers: unknown[], phase = 'Running', init: unknown[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, initContainers: init },
  status: { phase },
});

describe('quota usage', () => {
  it.each([
    {
      name: 'sums container requests and limits',
      obj: pod([
        { name: 'a', resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1' } } },
        { name: 'b', resources: { requests: { cpu: '400m' } } },
      ]),
      want: {
        pods: 1,
        'count/pods': 1,
        'requests.cpu': 0.5,
        cpu: 0.5,
        'requests.memory': 64 * 1024 ** 2,
        memory: 64 * 1024 ** 2,
        'limits.cpu': 1,
      },
    },
    { name: 'a finished pod counts nothing', obj: pod([{ name: 'a' }], 'Succeeded'), want: {} },
    {
      name: 'init containers raise the request to their maximum',
      obj: pod([{ name: 'a', resources: { requests: { cpu: '100m' } } }], 'Pending', [
        { name: 'i', resources: { requests: { cpu: '2' } } },
      ]),
      want: { pods: 1, 'count/pods': 1, 'requests.cpu': 2, cpu: 2 },
    },
  ])('$name', ({ obj, want }) => {
    expect(objectUsage('pods', '', obj)).toEqual(want);
  });

  it('counts claims and their storage per class', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c' },
      spec: { storageClassName: 'local', resources: { requests: { storage: '1Gi' } } },
    };
    expect(objectUsage('persistentvolumeclaims', '', pvc)).toMatchObject({
      persistentvolumeclaims: 1,
      'requests.storage': 1024 ** 3,
      'local.storageclass.storage.k8s.io/requests.storage': 1024 ** 3,
    });
  });

  it('counts grouped resources as count/<plural>.<group>', () => {
    expect(
      objectUsage('deployments', 'apps', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
      }),
    ).toEqual({ 'count/deployments.apps': 1 });
  });

  it('sums only limited resources, starting at zero', () => {
    expect(sumUsage([{ pods: 1, cpu: 1 }, { pods: 1 }], ['pods', 'secrets'])).toEqual({
      pods: 2,
      secrets: 0,
    });
  });

  it.each([
    { name: 'count/deployments.apps', want: { resource: 'deployments', group: 'apps' } },
    { name: 'pods', want: { resource: 'pods', group: '' } },
    { name: 'limits.memory', want: { resource: 'pods', group: '' } },
    { name: 'requests.storage', want: { resource: 'persistentvolumeclaims', group: '' } },
  ])('countedResource($name)', ({ name, want }) => {
    expect(countedResource(name)).toEqual(want);
  });

  it.each([
    { name: 'requests.memory', value: 128 * 1024 ** 2, want: '128Mi' },
    { name: 'requests.cpu', value: 0.5, want: '500m' },
    { name: 'pods', value: 3, want: '3' },
  ])('formatUsage($name, $value) = $want', ({ name, value, want }) => {
    expect(formatUsage(name, value)).toBe(want);
  });
});
