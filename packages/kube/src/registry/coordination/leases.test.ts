import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import { leases } from './leases';

const lease = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name: 'node-1', namespace: 'kube-node-lease', creationTimestamp: '2026-01-01T11:00:00Z' },
  spec,
});

describe('Lease', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid', { holderIdentity: 'node-1', leaseDurationSeconds: 40 }, []],
    [
      'zero duration',
      { leaseDurationSeconds: 0 },
      ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    ],
    [
      'negative transitions',
      { leaseTransitions: -1 },
      ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(createThrough(leases, lease(spec)))).toEqual(expected);
  });

  it('prints the holder', () => {
    expect(leases.table?.cells(lease({ holderIdentity: 'node-1' }), now)).toEqual([
      'node-1',
      'node-1',
      '60m',
    ]);
    expect(leases.table?.cells(lease({}), now)[1]).toBe('');
  });
});
