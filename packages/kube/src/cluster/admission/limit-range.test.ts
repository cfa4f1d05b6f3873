import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { Store } from '../../storage/types';
import type { AdmissionRequest } from '../../pipeline/deps';
import type { ResourceDescriptor } from '../../registry/types';
import { limitRangeAdmission } from './limit-range';

const store = (limits: unknown[]): Store =>
  ({
    list: () => ({
      items: [
        { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'ns' }, spec: { limits } },
      ],
      resourceVersion: '1',
    }),
  }) as unknown as Store;

const pod = (resources?: unknown): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns' },
  spec: { containers: [{ name: 'nginx', ...(resources ? { resources } : {}) }] },
});

function run(limits: unknown[], object: KubeObject, plural = 'pods') {
  const request = {
    operation: 'create',
    descriptor: { group: '', plural, namespaced: true } as ResourceDescriptor,
    subresource: '',
    object,
    user: { username: 'u', groups: [] },
    dryRun: false,
  } as unknown as AdmissionRequest;
  return limitRangeAdmission(store(limits)).admit(request);
}

describe('LimitRanger admission', () => {
  it('fills default requests and limits and records them', () => {
    const p = pod();
    run(
      [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }],
      p,
    );
    expect((p.spec as { containers: { resources: unknown }[] }).containers[0].resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '256Mi' },
    });
    expect(p.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container nginx; cpu, memory limit for container nginx',
    );
  });

  it.each([
    {
      name: 'below min',
      limits: [{ type: 'Container', min: { cpu: '100m' } }],
      resources: { requests: { cpu: '50m' } },
      error: 'pods "p" is forbidden: minimum cpu usage per Container is 100m, but request is 50m',
    },
    {
      name: 'above max',
      limits: [{ type: 'Container', max: { memory: '1Gi' } }],
      resources: { limits: { memory: '2Gi' } },
      error: 'pods "p" is forbidden: maximum memory usage per Container is 1Gi, but limit is 2Gi',
    },
    {
      name: 'two problems aggregate',
      limits: [{ type: 'Container', max: { memory: '1Gi', cpu: '1' } }],
      resources: { limits: { memory: '2Gi', cpu: '2' } },
      error:
        'pods "p" is forbidden: [maximum memory usage per Container is 1Gi, but limit is 2Gi, maximum cpu usage per Container is 1, but limit is 2]',
    },
    {
      name: 'ratio',
      limits: [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }],
      resources: { requests: { cpu: '100m' }, limits: { cpu: '1' } },
      error: 'cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000',
    },
    {
      name: 'within range',
      limits: [{ type: 'Container', min: { cpu: '10m' }, max: { cpu: '1' } }],
      resources: { requests: { cpu: '50m' }, limits: { cpu: '500m' } },
      error: undefined,
    },
  ])('$name', ({ limits, resources, error }) => {
    const call = () => run(limits, pod(resources));
    if (error) expect(call).toThrow(error);
    else expect(call).not.toThrow();
  });

  it('checks claim storage against PersistentVolumeClaim limits', () => {
    const pvc: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'c', namespace: 'ns' },
      spec: { resources: { requests: { storage: '20Gi' } } },
    };
    expect(() =>
      run([{ type: 'PersistentVolumeClaim', max: { storage: '10Gi' } }], pvc, 'persistentvolumeclaims'),
    ).toThrow(
      'persistentvolumeclaims "c" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but limit is 20Gi',
    );
  });
});
