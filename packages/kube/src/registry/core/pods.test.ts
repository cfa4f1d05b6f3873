import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { podQosClass, pods } from './pods';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };
const update: StrategyContext = { now, operation: 'update', subresource: '' };
const statusUpdate: StrategyContext = { now, operation: 'update', subresource: 'status' };

function newPod(containers: Record<string, unknown>[] = [{ name: 'c', image: 'nginx' }]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default' },
    spec: { containers },
  };
}

function created(p = newPod()): KubeObject {
  pods.prepareForCreate?.(p, create);
  pods.defaults?.(p, create);
  return p;
}

describe('pods descriptor', () => {
  it('defaults a new pod and starts it Pending with a QoS class', () => {
    const p = created();
    expect(p.spec).toMatchObject({
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      enableServiceLinks: true,
      containers: [{ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log' }],
    });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  it.each([
    [[{ name: 'c', image: 'x' }], 'BestEffort'],
    [[{ name: 'c', image: 'x', resources: { requests: { cpu: '100m' } } }], 'Burstable'],
    [[{ name: 'c', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } }], 'Guaranteed'],
    [
      [
        {
          name: 'c',
          image: 'x',
          resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
        },
      ],
      'Burstable',
    ],
    [
      [
        {
          name: 'a',
          image: 'x',
          resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } },
        },
        { name: 'b', image: 'x', resources: { limits: { cpu: '1', memory: '1Gi' } } },
      ],
      'Guaranteed',
    ],
    [[{ name: 'a', image: 'x', resources: { limits: { cpu: '1' } } }], 'Burstable'],
  ])('QoS of %j is %s', (containers, expected) => {
    const p = newPod(containers);
    pods.prepareForCreate?.(p, create);
    expect((p.status as { qosClass: string }).qosClass).toBe(expected);
    expect(podQosClass(p.spec as Record<string, unknown>)).toBe(expected);
  });

  it('mirrors podIP into podIPs on status writes', () => {
    const p = created();
    p.status = { phase: 'Running', podIP: '10.1.0.7', hostIP: '192.168.0.2' };
    pods.defaults?.(p, statusUpdate);
    expect(p.status).toMatchObject({ podIPs: [{ ip: '10.1.0.7' }], hostIPs: [{ ip: '192.168.0.2' }] });
  });

  it('keeps the QoS class on status writes', () => {
    const old = created();
    const next = structuredClone(old);
    next.status = { phase: 'Running', qosClass: 'Guaranteed' };
    pods.prepareForUpdate?.(next, old, statusUpdate);
    expect((next.status as { qosClass: string }).qosClass).toBe('BestEffort');
  });

  it('validates the pod spec on create', () => {
    const p = created(newPod([{ name: 'c' }]));
    expect(pods.validate?.(p, undefined, create)).toEqual([
      { reason: 'FieldValueRequired', field: 'spec.containers[0].image', message: 'Required value' },
    ]);
  });

  it.each<[string, (p: KubeObject) => void, number]>([
    [
      'image change is allowed',
      (p) => ((p.spec as { containers: { image: string }[] }).containers[0].image = 'nginx:2'),
      0,
    ],
    [
      'activeDeadlineSeconds is allowed',
      (p) => ((p.spec as Record<string, unknown>).activeDeadlineSeconds = 30),
      0,
    ],
    [
      'adding a toleration is allowed',
      (p) => (p.spec as { tolerations: unknown[] }).tolerations.push({ key: 'k', operator: 'Exists' }),
      0,
    ],
    [
      'changing restartPolicy is forbidden',
      (p) => ((p.spec as Record<string, unknown>).restartPolicy = 'Never'),
      1,
    ],
    [
      'adding a container is forbidden',
      (p) => (p.spec as { containers: unknown[] }).containers.push({ name: 'd', image: 'x' }),
      1,
    ],
  ])('update: %s', (_name, change, count) => {
    const old = created();
    const next = structuredClone(old);
    change(next);
    pods.defaults?.(next, update);
    const causes = pods.validate?.(next, old, update) ?? [];
    expect(causes).toHaveLength(count);
    if (count) expect(causes[0]).toMatchObject({ field: 'spec', reason: 'FieldValueForbidden' });
  });

  it.each([
    ['spec.nodeName', 'node-1'],
    ['spec.restartPolicy', 'Always'],
    ['spec.schedulerName', 'default-scheduler'],
    ['spec.serviceAccountName', 'default'],
    ['spec.hostNetwork', 'false'],
    ['status.phase', 'Running'],
    ['status.podIP', '10.0.0.1'],
    ['status.nominatedNodeName', ''],
  ])('field selector %s', (field, expected) => {
    const p = created();
    (p.spec as Record<string, unknown>).nodeName = 'node-1';
    p.status = { phase: 'Running', podIPs: [{ ip: '10.0.0.1' }] };
    expect(pods.fieldSelectors?.[field]?.(p)).toBe(expected);
  });

  it('advertises the pod subresources and returns deleted objects', () => {
    expect(pods.subresources?.map((s) => s.name).sort()).toEqual([
      'attach',
      'binding',
      'ephemeralcontainers',
      'eviction',
      'exec',
      'log',
      'portforward',
      'proxy',
    ]);
    expect(pods.subresources?.find((s) => s.name === 'eviction')?.responseKind).toEqual({
      group: 'policy',
      version: 'v1',
      kind: 'Eviction',
    });
    expect(pods.deleteReturnsObject).toBe(true);
    expect(pods.hasStatus).toBe(true);
  });
});
