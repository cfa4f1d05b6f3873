import { describe, expect, it } from 'vitest';
import { NOW, pod } from '../fixtures.test-support';
import type { Pod, StatefulSet } from '../types';
import { planStatefulSet, type StatefulAction } from './plan';

const owner = { kind: 'StatefulSet', name: 'web', uid: 'sts-uid' };
const tpl = (image: string) => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image }] },
});
const current = { name: 'web-old', template: tpl('v1') };
const update = { name: 'web-new', template: tpl('v2') };

function sts(o: {
  replicas: number;
  parallel?: boolean;
  onDelete?: boolean;
  partition?: number;
  claims?: boolean;
  whenScaled?: string;
}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'sts-uid', generation: 2 },
    spec: {
      replicas: o.replicas,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'web' } },
      template: tpl('v2'),
      podManagementPolicy: o.parallel ? 'Parallel' : 'OrderedReady',
      updateStrategy: o.onDelete
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } },
      volumeClaimTemplates: o.claims
        ? [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }]
        : [],
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: o.whenScaled ?? 'Retain' },
    },
    status: { replicas: 0, currentRevision: 'web-old' },
  };
}

/** `web-<i>` at a revision; `ready` defaults to true. */
const member = (
  i: number,
  rev: 'old' | 'new',
  state: { ready?: boolean; terminating?: boolean; phase?: 'Failed' } = {},
): Pod =>
  pod({
    name: `web-${i}`,
    owner,
    node: 'n1',
    labels: { app: 'web', 'controller-revision-hash': `web-${rev}` },
    ready: state.ready ?? true,
    terminating: state.terminating,
    phase: state.phase ?? ((state.ready ?? true) ? 'Running' : 'Pending'),
  });

const describeActions = (actions: StatefulAction[]) =>
  actions.map((a) => `${a.type === 'delete' ? `delete:${a.why}` : a.type} ${a.pod.metadata.name}`);

const plan = (set: StatefulSet, pods: Pod[], claimExists: (n: string) => boolean = () => false) =>
  planStatefulSet({ set, pods, claimExists, current, update, now: NOW });

describe('planStatefulSet', () => {
  it.each([
    {
      name: 'OrderedReady creates ordinal 0 first',
      set: sts({ replicas: 3 }),
      pods: [],
      actions: ['create web-0'],
    },
    {
      name: 'waits while ordinal 0 is not ready',
      set: sts({ replicas: 3 }),
      pods: [member(0, 'new', { ready: false })],
      actions: [],
    },
    {
      name: 'creates ordinal 1 once 0 is Running and Ready',
      set: sts({ replicas: 3 }),
      pods: [member(0, 'new')],
      actions: ['create web-1'],
    },
    {
      name: 'Parallel creates every missing ordinal at once',
      set: sts({ replicas: 3, parallel: true }),
      pods: [],
      actions: ['create web-0', 'create web-1', 'create web-2'],
    },
    {
      name: 'scale-down removes the highest ordinal first, one at a time',
      set: sts({ replicas: 1 }),
      pods: [member(0, 'new'), member(1, 'new'), member(2, 'new')],
      actions: ['delete:scale web-2'],
    },
    {
      name: 'scale-down waits for a terminating pod',
      set: sts({ replicas: 1 }),
      pods: [member(0, 'new'), member(1, 'new'), member(2, 'new', { terminating: true })],
      actions: [],
    },
    {
      name: 'scale-down waits for unhealthy lower ordinals',
      set: sts({ replicas: 1 }),
      pods: [member(0, 'new', { ready: false }), member(1, 'new'), member(2, 'new')],
      actions: [],
    },
    {
      name: 'rolling update replaces the highest outdated ordinal',
      set: sts({ replicas: 3 }),
      pods: [member(0, 'old'), member(1, 'old'), member(2, 'old')],
      actions: ['delete:update web-2'],
    },
    {
      name: 'rolling update waits for the replaced pod to be ready',
      set: sts({ replicas: 3 }),
      pods: [member(0, 'old'), member(1, 'old'), member(2, 'new', { ready: false })],
      actions: [],
    },
    {
      name: 'rolling update continues downwards',
      set: sts({ replicas: 3 }),
      pods: [member(0, 'old'), member(1, 'old'), member(2, 'new')],
      actions: ['delete:update web-1'],
    },
    {
      name: 'a partition protects lower ordinals',
      set: sts({ replicas: 3, partition: 2 }),
      pods: [member(0, 'old'), member(1, 'old'), member(2, 'new')],
      actions: [],
    },
    {
      name: 'OnDelete never replaces running pods',
      set: sts({ replicas: 3, onDelete: true }),
      pods: [member(0, 'old'), member(1, 'old'), member(2, 'old')],
      actions: [],
    },
    {
      name: 'failed pods are deleted to be recreated',
      set: sts({ replicas: 2 }),
      pods: [member(0, 'new', { phase: 'Failed' }), member(1, 'new')],
      actions: ['delete:failed web-0'],
    },
  ])('$name', ({ set, pods, actions }) => {
    expect(describeActions(plan(set, pods).actions)).toEqual(actions);
  });

  it.each([
    { partition: 2, ordinal: 1, revision: 'web-old' },
    { partition: 2, ordinal: 2, revision: 'web-new' },
    { partition: 0, ordinal: 1, revision: 'web-new' },
  ])(
    'recreates ordinal $ordinal at $revision with partition $partition',
    ({ partition, ordinal, revision }) => {
      const pods = [0, 1, 2].filter((i) => i !== ordinal).map((i) => member(i, 'new'));
      const set = sts({ replicas: 3, partition, parallel: true });
      const created = plan(set, pods).actions.find((a) => a.type === 'create');
      expect(created?.pod.metadata.labels?.['controller-revision-hash']).toBe(revision);
    },
  );

  it('gives pods their identity and claims, creating missing claims first', () => {
    const [action] = plan(sts({ replicas: 1, claims: true }), []).actions;
    expect(action.type).toBe('create');
    if (action.type !== 'create') return;
    expect(action.claims.map((c) => c.metadata.name)).toEqual(['data-web-0']);
    expect(action.claims[0].metadata.labels).toEqual({ app: 'web' });
    expect(action.pod.spec).toMatchObject({
      hostname: 'web-0',
      subdomain: 'nginx',
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data-web-0' } }],
    });
    expect(action.pod.metadata.labels).toEqual({
      app: 'web',
      'statefulset.kubernetes.io/pod-name': 'web-0',
      'apps.kubernetes.io/pod-index': '0',
      'controller-revision-hash': 'web-new',
    });
    expect(action.pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        name: 'web',
        uid: 'sts-uid',
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    const existing = plan(sts({ replicas: 1, claims: true }), [], () => true).actions[0];
    expect(existing.type === 'create' && existing.claims).toEqual([]);
  });

  it('hands claims to the pod when whenScaled is Delete', () => {
    const set = sts({ replicas: 1, claims: true, whenScaled: 'Delete' });
    const [action] = plan(set, [member(0, 'new'), member(1, 'new')], () => true).actions;
    expect(action).toMatchObject({ type: 'delete', why: 'scale', claimsToPod: ['data-web-1'] });
  });

  it('reports status and completes the rolling update', () => {
    const mid = plan(sts({ replicas: 3 }), [member(0, 'old'), member(1, 'new'), member(2, 'new')]);
    expect(mid.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 1,
      updatedReplicas: 2,
      currentRevision: 'web-old',
      updateRevision: 'web-new',
      observedGeneration: 2,
    });
    const done = plan(sts({ replicas: 3 }), [member(0, 'new'), member(1, 'new'), member(2, 'new')]);
    expect(done.status).toMatchObject({
      currentReplicas: 3,
      updatedReplicas: 3,
      currentRevision: 'web-new',
      availableReplicas: 3,
    });
  });
});
