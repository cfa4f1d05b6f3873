import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { SchedulerCache } from './cache';
import { decide, filterNode, fitErrorMessage, podFacts } from './decide';

function node(
  name: string,
  opts: {
    cpu?: string;
    memory?: string;
    pods?: string;
    labels?: Record<string, string>;
    taints?: unknown[];
    unschedulable?: boolean;
    ready?: string;
  } = {},
): KubeObject {
  const alloc = { cpu: opts.cpu ?? '4', memory: opts.memory ?? '8Gi', pods: opts.pods ?? '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
    spec: {
      ...(opts.taints ? { taints: opts.taints } : {}),
      ...(opts.unschedulable ? { unschedulable: true } : {}),
    },
    status: {
      allocatable: alloc,
      capacity: alloc,
      conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
    },
  };
}

function pod(
  name: string,
  spec: Record<string, unknown> = {},
  meta: Partial<KubeObject['metadata']> = {},
): KubeObject {
  const { cpu, memory, ...rest } = spec as { cpu?: string; memory?: string };
  const requests = { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests } }], ...rest },
  };
}

function cacheWith(nodes: KubeObject[], placed: [KubeObject, string][] = []): SchedulerCache {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.setNode(n);
  for (const [p, n] of placed) cache.place(p, n);
  return cache;
}

describe('filterNode', () => {
  const zoneA = { 'topology.kubernetes.io/zone': 'a' };
  it.each([
    ['fits an empty ready node', pod('p', { cpu: '1' }), node('n'), undefined],
    ['unschedulable node', pod('p'), node('n', { unschedulable: true }), 'node(s) were unschedulable'],
    [
      'not ready without taint',
      pod('p'),
      node('n', { ready: 'False' }),
      'node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    ],
    [
      'untolerated NoSchedule taint',
      pod('p'),
      node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      'node(s) had untolerated taint {dedicated: gpu}',
    ],
    [
      'tolerated taint',
      pod('p', {
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      }),
      node('n', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      undefined,
    ],
    [
      'PreferNoSchedule taint is no filter',
      pod('p'),
      node('n', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }),
      undefined,
    ],
    [
      'nodeSelector mismatch',
      pod('p', { nodeSelector: { disk: 'ssd' } }),
      node('n'),
      "node(s) didn't match Pod's node affinity/selector",
    ],
    [
      'nodeSelector match',
      pod('p', { nodeSelector: { disk: 'ssd' } }),
      node('n', { labels: { disk: 'ssd' } }),
      undefined,
    ],
    [
      'required node affinity In',
      pod('p', {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b'] }] },
              ],
            },
          },
        },
      }),
      node('n', { labels: zoneA }),
      "node(s) didn't match Pod's node affinity/selector",
    ],
    ['insufficient cpu', pod('p', { cpu: '5' }), node('n'), 'Insufficient cpu'],
    ['insufficient memory', pod('p', { memory: '9Gi' }), node('n'), 'Insufficient memory'],
    ['too many pods', pod('p'), node('n', { pods: '0' }), 'Too many pods'],
  ])('%s', (_name, p, n, reason) => {
    const cache = cacheWith([n]);
    const failure = filterNode(podFacts(p), cache.nodes.get(n.metadata.name ?? '')!);
    expect(failure?.reasons.join(', ')).toBe(reason);
  });

  it('counts requests of pods already on the node', () => {
    const n = node('n', { cpu: '2' });
    const cache = cacheWith([n], [[pod('a', { cpu: '1500m' }), 'n']]);
    expect(filterNode(podFacts(pod('p', { cpu: '600m' })), cache.nodes.get('n')!)?.reasons).toEqual([
      'Insufficient cpu',
    ]);
    cache.unplace('default/a');
    expect(filterNode(podFacts(pod('p', { cpu: '600m' })), cache.nodes.get('n')!)).toBeUndefined();
  });
});

describe('inter-pod affinity', () => {
  const nodes = [
    node('n1', { labels: { 'topology.kubernetes.io/zone': 'a' } }),
    node('n2', { labels: { 'topology.kubernetes.io/zone': 'b' } }),
  ];
  const anti = (key: string) => ({
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: key },
      ],
    },
  });
  const aff = (key: string) => ({
    podAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: key },
      ],
    },
  });

  it.each([
    ['anti-affinity by hostname avoids the node of a matching pod', anti('kubernetes.io/hostname'), 'n2'],
    ['anti-affinity by zone avoids the zone', anti('topology.kubernetes.io/zone'), 'n2'],
    ['affinity by zone follows the matching pod', aff('topology.kubernetes.io/zone'), 'n1'],
  ])('%s', (_n, affinity, expected) => {
    const cache = cacheWith(nodes, [[pod('db-0', {}, { labels: { app: 'db' } }), 'n1']]);
    const d = decide(pod('p', { affinity }, { labels: { app: 'db' } }), cache, () => 0.5);
    expect(d).toEqual({ node: expected });
  });

  it('existing pods anti-affinity repels an incoming matching pod', () => {
    const cache = cacheWith(nodes, [
      [pod('db-0', { affinity: anti('kubernetes.io/hostname') }, { labels: { app: 'db' } }), 'n1'],
    ]);
    expect(decide(pod('p', {}, { labels: { app: 'db' } }), cache)).toEqual({ node: 'n2' });
  });

  it('anti-affinity with every node taken is unschedulable', () => {
    const cache = cacheWith(nodes, [
      [pod('db-0', {}, { labels: { app: 'db' } }), 'n1'],
      [pod('db-1', {}, { labels: { app: 'db' } }), 'n2'],
    ]);
    expect(
      decide(pod('p', { affinity: anti('kubernetes.io/hostname') }, { labels: { app: 'db' } }), cache),
    ).toEqual({
      unschedulable:
        "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
    });
  });
});

describe('decide', () => {
  it('reports the upstream message when nothing fits', () => {
    const cache = cacheWith([node('a'), node('b'), node('c')]);
    expect(decide(pod('big', { cpu: '100' }), cache)).toEqual({
      unschedulable:
        '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    });
  });

  it('mixes reasons in sorted order and separates unhelpful preemption', () => {
    const cache = cacheWith([node('a', { unschedulable: true }), node('b'), node('c')]);
    expect(decide(pod('big', { cpu: '100' }), cache)).toEqual({
      unschedulable:
        '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    });
  });

  it('says so when there are no nodes', () => {
    expect(decide(pod('p'), new SchedulerCache())).toEqual({
      unschedulable: 'no nodes available to schedule pods',
    });
  });

  it('spreads pods of one owner over the nodes', () => {
    const cache = cacheWith([node('a'), node('b'), node('c')]);
    const owner = {
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true },
      ],
    };
    const counts = new Map<string, number>();
    for (let i = 0; i < 9; i++) {
      const p = pod(`p${i}`, { cpu: '100m' }, owner);
      const d = decide(p, cache, () => 0.5);
      if (!('node' in d)) throw new Error('unschedulable');
      cache.place(p, d.node);
      counts.set(d.node, (counts.get(d.node) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([3, 3, 3]);
  });

  it('prefers nodes matching preferred node affinity', () => {
    const cache = cacheWith([node('a'), node('b', { labels: { disk: 'ssd' } })]);
    const affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 50, preference: { matchExpressions: [{ key: 'disk', operator: 'Exists' }] } },
        ],
      },
    };
    expect(decide(pod('p', { affinity }), cache)).toEqual({ node: 'b' });
  });

  it('prefers the least allocated node', () => {
    const cache = cacheWith([node('a'), node('b')], [[pod('x', { cpu: '3', memory: '6Gi' }), 'a']]);
    expect(decide(pod('p', { cpu: '100m' }), cache)).toEqual({ node: 'b' });
  });
});

describe('fitErrorMessage', () => {
  it('groups identical reasons', () => {
    expect(
      fitErrorMessage(2, [
        { reasons: ['Insufficient cpu', 'Insufficient memory'], unresolvable: false },
        { reasons: ['Insufficient cpu'], unresolvable: false },
      ]),
    ).toBe(
      '0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });
});
