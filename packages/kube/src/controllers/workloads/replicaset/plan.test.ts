import { describe, expect, it } from 'vitest';
import { NOW, pod, type PodState } from '../fixtures.test-support';
import type { ReplicaSet } from '../types';
import { planReplicaSet, withReplicaFailure } from './plan';
import { podsToDelete } from './rank';

const owner = { kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid' };
const rs = (replicas: number, minReadySeconds = 0): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web-abc', namespace: 'default', uid: 'rs-uid', generation: 4 },
  spec: {
    replicas,
    minReadySeconds,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web', tier: 'fe' } }, spec: { containers: [] } },
  },
});
const mine = (s: Partial<PodState> & { name: string }) =>
  pod({ labels: { app: 'web', tier: 'fe' }, owner, node: 'n1', ready: true, ...s });

describe('planReplicaSet', () => {
  it.each([
    { replicas: 3, have: 0, create: 3, del: 0 },
    { replicas: 3, have: 3, create: 0, del: 0 },
    { replicas: 1, have: 3, create: 0, del: 2 },
    { replicas: 800, have: 0, create: 500, del: 0 },
  ])(
    'replicas=$replicas with $have pods creates $create and deletes $del',
    ({ replicas, have, create, del }) => {
      const owned = Array.from({ length: have }, (_, i) => mine({ name: `p${i}` }));
      const plan = planReplicaSet({
        rs: rs(replicas),
        owned,
        orphans: [],
        expectationsSatisfied: true,
        now: NOW,
      });
      expect(plan.create).toBe(create);
      expect(plan.delete).toHaveLength(del);
    },
  );

  it('does nothing but status while earlier actions are unobserved', () => {
    const plan = planReplicaSet({
      rs: rs(3),
      owned: [],
      orphans: [],
      expectationsSatisfied: false,
      now: NOW,
    });
    expect(plan.create).toBe(0);
    expect(plan.status.replicas).toBe(0);
  });

  it('does not count finished or terminating pods', () => {
    const owned = [
      mine({ name: 'a', phase: 'Failed' }),
      mine({ name: 'b', terminating: true }),
      mine({ name: 'c' }),
    ];
    const plan = planReplicaSet({ rs: rs(2), owned, orphans: [], expectationsSatisfied: true, now: NOW });
    expect(plan.create).toBe(1);
    expect(plan.status.replicas).toBe(1);
  });

  it('adopts matching orphans and releases pods that stopped matching', () => {
    const orphans = [pod({ name: 'o1', labels: { app: 'web' } }), pod({ name: 'o2', labels: { app: 'db' } })];
    const owned = [mine({ name: 'gone', labels: { app: 'other' } })];
    const plan = planReplicaSet({ rs: rs(1), owned, orphans, expectationsSatisfied: true, now: NOW });
    expect(plan.adopt.map((p) => p.metadata.name)).toEqual(['o1']);
    expect(plan.release.map((p) => p.metadata.name)).toEqual(['gone']);
    expect(plan.create).toBe(0);
  });

  it('reports status with fully labeled, ready and available (after minReadySeconds) replicas', () => {
    const owned = [
      mine({ name: 'old', readyFor: 60 }),
      mine({ name: 'recent', readyFor: 5 }),
      mine({ name: 'pending', ready: false }),
      mine({ name: 'partial', labels: { app: 'web' } }),
    ];
    const plan = planReplicaSet({ rs: rs(4, 10), owned, orphans: [], expectationsSatisfied: true, now: NOW });
    expect(plan.status).toEqual({
      replicas: 4,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 2,
      observedGeneration: 4,
    });
    expect(plan.requeueAfterMs).toBe(5000);
  });
});

describe('podsToDelete (scale-down order)', () => {
  it.each<{ name: string; pods: PodState[]; first: string }>([
    {
      name: 'unscheduled first',
      pods: [{ name: 'bound', node: 'n1' }, { name: 'unbound' }],
      first: 'unbound',
    },
    {
      name: 'pending before running',
      pods: [
        { name: 'running', node: 'n1', phase: 'Running' },
        { name: 'pending', node: 'n1', phase: 'Pending' },
      ],
      first: 'pending',
    },
    {
      name: 'not ready before ready',
      pods: [
        { name: 'ready', node: 'n1', phase: 'Running', ready: true },
        { name: 'unready', node: 'n1', phase: 'Running' },
      ],
      first: 'unready',
    },
    {
      name: 'lower deletion cost first',
      pods: [
        {
          name: 'costly',
          node: 'n1',
          ready: true,
          annotations: { 'controller.kubernetes.io/pod-deletion-cost': '10' },
        },
        { name: 'cheap', node: 'n2', ready: true },
      ],
      first: 'cheap',
    },
    {
      name: 'doubled-up nodes first',
      pods: [
        { name: 'alone', node: 'n1', ready: true, readyFor: 10 },
        { name: 'crowded', node: 'n2', ready: true, readyFor: 100 },
        { name: 'crowded2', node: 'n2', ready: true, readyFor: 100 },
      ],
      first: 'crowded',
    },
    {
      name: 'ready for less time first',
      pods: [
        { name: 'long', node: 'n1', ready: true, readyFor: 300 },
        { name: 'short', node: 'n2', ready: true, readyFor: 10 },
      ],
      first: 'short',
    },
    {
      name: 'more restarts first',
      pods: [
        { name: 'stable', node: 'n1', ready: true, restarts: 0 },
        { name: 'flaky', node: 'n2', ready: true, restarts: 5 },
      ],
      first: 'flaky',
    },
    {
      name: 'newest first',
      pods: [
        { name: 'older', node: 'n1', age: 500 },
        { name: 'newer', node: 'n2', age: 5 },
      ],
      first: 'newer',
    },
  ])('$name', ({ pods, first }) => {
    expect(podsToDelete(pods.map(pod), 1)[0].metadata.name).toBe(first);
  });
});

describe('withReplicaFailure', () => {
  const base = { replicas: 1, observedGeneration: 1 };
  it('sets the condition on failure and keeps its time while the failure repeats', () => {
    const failed = withReplicaFailure(base, { reason: 'FailedCreate', message: 'quota' }, NOW);
    expect(failed.conditions).toEqual([
      {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message: 'quota',
        lastTransitionTime: '2026-01-01T00:10:00Z',
      },
    ]);
    const again = withReplicaFailure(
      failed,
      { reason: 'FailedCreate', message: 'quota' },
      new Date(NOW.getTime() + 5000),
    );
    expect(again.conditions).toEqual(failed.conditions);
    expect(withReplicaFailure(again, undefined, NOW).conditions).toBeUndefined();
  });
});
