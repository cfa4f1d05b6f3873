import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { namespaces } from './namespaces';
import { nodeRoles, nodes, nodeStatus } from './nodes';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };
const update: StrategyContext = { now, operation: 'update', subresource: '' };
const finalize: StrategyContext = { now, operation: 'update', subresource: 'finalize' };

describe('namespaces', () => {
  it('adds the kubernetes finalizer, Active phase and name label on create', () => {
    const ns: KubeObject = { metadata: { name: 'team-a', labels: { x: '1' } } };
    namespaces.prepareForCreate?.(ns, create);
    namespaces.defaults?.(ns, create);
    expect(ns).toMatchObject({
      metadata: { labels: { x: '1', 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('keeps spec.finalizers on plain updates, lets /finalize change them', () => {
    const old: KubeObject = { metadata: { name: 'n' }, spec: { finalizers: ['kubernetes'] } };
    const plain: KubeObject = { metadata: { name: 'n' }, spec: { finalizers: [] } };
    namespaces.prepareForUpdate?.(plain, old, update);
    expect(plain.spec).toEqual({ finalizers: ['kubernetes'] });
    const fin: KubeObject = { metadata: { name: 'n' }, spec: { finalizers: [] } };
    namespaces.prepareForUpdate?.(fin, old, finalize);
    expect(fin.spec).toEqual({ finalizers: [] });
  });

  it('rejects unqualified custom finalizers', () => {
    const ns: KubeObject = {
      metadata: { name: 'n' },
      spec: { finalizers: ['kubernetes', 'mine', 'example.com/mine'] },
    };
    expect(namespaces.validate?.(ns, undefined, create)).toEqual([
      {
        reason: 'FieldValueInvalid',
        field: 'spec.finalizers[1]',
        message: 'Invalid value: "mine": name is neither a standard finalizer name nor is it fully qualified',
      },
    ]);
  });

  it('has no deletecollection verb, a finalize subresource, label names and a status column', () => {
    expect(namespaces.verbs).not.toContain('deletecollection');
    expect(namespaces.subresources?.map((s) => s.name)).toEqual(['finalize']);
    expect(namespaces.nameFormat).toBe('label');
    const ns: KubeObject = {
      metadata: { name: 'n', creationTimestamp: '2024-05-01T11:59:30Z' },
      status: { phase: 'Terminating' },
    };
    expect(namespaces.table?.cells(ns, now)).toEqual(['n', 'Terminating', '30s']);
    expect(namespaces.fieldSelectors?.['status.phase']?.(ns)).toBe('Terminating');
  });
});

function node(
  labels: Record<string, string>,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
): KubeObject {
  return { metadata: { name: 'node-1', labels, creationTimestamp: '2024-04-30T12:00:00Z' }, spec, status };
}

describe('nodes', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, string]>([
    ['ready', {}, { conditions: [{ type: 'Ready', status: 'True' }] }, 'Ready'],
    ['not ready', {}, { conditions: [{ type: 'Ready', status: 'False' }] }, 'NotReady'],
    ['unknown condition status', {}, { conditions: [{ type: 'Ready', status: 'Unknown' }] }, 'NotReady'],
    ['no Ready condition', {}, {}, 'Unknown'],
    [
      'cordoned',
      { unschedulable: true },
      { conditions: [{ type: 'Ready', status: 'True' }] },
      'Ready,SchedulingDisabled',
    ],
  ])('status when %s', (_name, spec, status, expected) => {
    expect(nodeStatus(node({}, spec, status))).toBe(expected);
  });

  it.each([
    [{}, []],
    [
      { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/master': '' },
      ['control-plane', 'master'],
    ],
    [{ 'kubernetes.io/role': 'worker', 'node-role.kubernetes.io/': 'x' }, ['worker']],
  ])('roles of %j', (labels, expected) => {
    expect(nodeRoles(node(labels, {}, {}))).toEqual(expected);
  });

  it('prints the node row with wide details', () => {
    const n = node(
      { 'node-role.kubernetes.io/worker': '' },
      {},
      {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'InternalIP', address: '10.0.0.2' },
          { type: 'Hostname', address: 'node-1' },
        ],
        nodeInfo: {
          kubeletVersion: 'v1.32.0',
          osImage: 'Sphere Simulated',
          kernelVersion: '',
          containerRuntimeVersion: 'sim://1.0',
        },
      },
    );
    expect(nodes.table?.cells(n, now)).toEqual([
      'node-1',
      'Ready',
      'worker',
      '24h',
      'v1.32.0',
      '10.0.0.2',
      '<none>',
      'Sphere Simulated',
      '<unknown>',
      'sim://1.0',
    ]);
  });

  it('selects on spec.unschedulable and checks taints', () => {
    expect(nodes.fieldSelectors?.['spec.unschedulable']?.(node({}, { unschedulable: true }, {}))).toBe(
      'true',
    );
    expect(nodes.fieldSelectors?.['spec.unschedulable']?.(node({}, {}, {}))).toBe('false');
    const bad = node({}, { taints: [{ key: 'k', effect: 'Sometimes' }, { effect: 'NoSchedule' }] }, {});
    expect(nodes.validate?.(bad, undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.taints[0].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
      'spec.taints[1].key: Required value',
    ]);
    expect(nodes.namespaced).toBe(false);
  });
});
