import { describe, expect, it } from 'vitest';
import { NOW, pod } from '../fixtures.test-support';
import type { DaemonSet, IntOrString, Node, Pod } from '../types';
import { nodeEligibility } from './eligibility';
import { planDaemonSet } from './plan';

const owner = { kind: 'DaemonSet', name: 'agent', uid: 'ds-uid' };
const node = (
  name: string,
  o: { labels?: Record<string, string>; taints?: { key: string; value?: string; effect: string }[] } = {},
): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(o.labels ?? {}) } },
  spec: { taints: o.taints ?? [] },
});

function ds(
  o: {
    maxUnavailable?: IntOrString;
    maxSurge?: IntOrString;
    onDelete?: boolean;
    nodeSelector?: Record<string, string>;
  } = {},
): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid', generation: 3 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [], ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}) },
      },
      updateStrategy: o.onDelete
        ? { type: 'OnDelete' }
        : {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: o.maxUnavailable ?? 1, maxSurge: o.maxSurge ?? 0 },
          },
    },
  };
}

const daemon = (
  nodeName: string,
  hash: string,
  s: { ready?: boolean; phase?: 'Failed'; age?: number } = {},
): Pod =>
  pod({
    name: `agent-${nodeName}-${hash}-${s.age ?? 60}`,
    node: nodeName,
    owner,
    labels: { app: 'agent', 'controller-revision-hash': hash },
    ready: s.ready ?? true,
    phase: s.phase,
    age: s.age,
  });

const run = (set: DaemonSet, nodes: Node[], pods: Pod[]) =>
  planDaemonSet({ ds: set, nodes, pods, hash: 'new', expectationsSatisfied: true, now: NOW });

describe('nodeEligibility', () => {
  it.each([
    { name: 'plain node', n: node('a'), run: true, stay: true },
    {
      name: 'unschedulable (tolerated by default)',
      n: node('a', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }),
      run: true,
      stay: true,
    },
    {
      name: 'not-ready NoExecute (tolerated by default)',
      n: node('a', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }),
      run: true,
      stay: true,
    },
    {
      name: 'foreign NoSchedule taint',
      n: node('a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] }),
      run: false,
      stay: true,
    },
    {
      name: 'foreign NoExecute taint',
      n: node('a', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }),
      run: false,
      stay: false,
    },
    {
      name: 'PreferNoSchedule is ignored',
      n: node('a', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }),
      run: true,
      stay: true,
    },
  ])('$name', ({ n, run: shouldRun, stay }) => {
    expect(nodeEligibility({}, n)).toEqual({ shouldRun, shouldContinueRunning: stay });
  });

  it('honours nodeSelector and required node affinity', () => {
    const spec = {
      nodeSelector: { disk: 'ssd' },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] }],
          },
        },
      },
    };
    expect(nodeEligibility(spec, node('a', { labels: { disk: 'ssd', zone: 'z1' } })).shouldRun).toBe(true);
    expect(nodeEligibility(spec, node('a', { labels: { disk: 'ssd', zone: 'z2' } })).shouldRun).toBe(false);
    expect(nodeEligibility(spec, node('a', { labels: { zone: 'z1' } })).shouldRun).toBe(false);
  });
});

describe('planDaemonSet', () => {
  it('creates a pod on every eligible node and removes misplaced ones', () => {
    const nodes = [node('a'), node('b', { labels: { role: 'db' } }), node('c', { labels: { role: 'db' } })];
    const plan = run(ds({ nodeSelector: { role: 'db' } }), nodes, [daemon('a', 'new'), daemon('b', 'new')]);
    expect(plan.create).toEqual(['c']);
    expect(plan.delete.map((p) => p.spec.nodeName)).toEqual(['a']);
    expect(plan.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 1,
      numberMisscheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      updatedNumberScheduled: 1,
      numberUnavailable: 1,
      observedGeneration: 3,
    });
  });

  it('keeps one pod per node and replaces failed ones', () => {
    const plan = run(
      ds(),
      [node('a'), node('b')],
      [
        daemon('a', 'new', { age: 100 }),
        daemon('a', 'new', { age: 10 }),
        daemon('b', 'new', { phase: 'Failed' }),
      ],
    );
    expect(plan.delete.map((p) => p.metadata.name).sort()).toEqual(['agent-a-new-10', 'agent-b-new-60']);
    expect(plan.create).toEqual(['b']);
  });

  it.each([
    { maxUnavailable: 1, deletes: 1 },
    { maxUnavailable: 2, deletes: 2 },
    { maxUnavailable: '50%', deletes: 2 },
  ])('rolls out within maxUnavailable=$maxUnavailable', ({ maxUnavailable, deletes }) => {
    const nodes = ['a', 'b', 'c', 'd'].map((n) => node(n));
    const plan = run(
      ds({ maxUnavailable }),
      nodes,
      nodes.map((n) => daemon(n.metadata.name!, 'old')),
    );
    expect(plan.delete).toHaveLength(deletes);
    expect(plan.create).toEqual([]);
  });

  it('counts unavailable nodes against maxUnavailable and always replaces unavailable old pods', () => {
    const nodes = ['a', 'b', 'c'].map((n) => node(n));
    const plan = run(ds({ maxUnavailable: 1 }), nodes, [
      daemon('a', 'new', { ready: false }),
      daemon('b', 'old', { ready: false }),
      daemon('c', 'old'),
    ]);
    expect(plan.delete.map((p) => p.spec.nodeName)).toEqual(['b']);
  });

  it('surges: new pod first, old one removed once the new is available', () => {
    const nodes = ['a', 'b'].map((n) => node(n));
    const first = run(ds({ maxUnavailable: 0, maxSurge: 1 }), nodes, [
      daemon('a', 'old'),
      daemon('b', 'old'),
    ]);
    expect(first.create).toEqual(['a']);
    expect(first.delete).toEqual([]);
    const second = run(ds({ maxUnavailable: 0, maxSurge: 1 }), nodes, [
      daemon('a', 'old'),
      daemon('a', 'new', { age: 5 }),
      daemon('b', 'old'),
    ]);
    expect(second.delete.map((p) => p.metadata.name)).toEqual(['agent-a-old-60']);
    expect(second.create).toEqual([]);
  });

  it('OnDelete leaves outdated pods alone', () => {
    const plan = run(ds({ onDelete: true }), [node('a')], [daemon('a', 'old')]);
    expect(plan.delete).toEqual([]);
    expect(plan.status.updatedNumberScheduled).toBe(0);
  });
});

describe('planDaemonSet replacement', () => {
  it('waits for a terminating pod to go before starting its replacement', () => {
    const leaving = {
      ...daemon('a', 'old'),
      metadata: { ...daemon('a', 'old').metadata, deletionTimestamp: NOW.toISOString() },
    };
    expect(run(ds(), [node('a')], [leaving]).create).toEqual([]);
    expect(run(ds(), [node('a')], []).create).toEqual(['a']);
  });
});
