import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import { poddisruptionbudgets as pdbs } from './poddisruptionbudgets';

const pdb = (spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T11:59:58Z' },
  spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
  ...(status ? { status } : {}),
});

describe('PodDisruptionBudget', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['min available', { minAvailable: 2 }, []],
    ['percent', { maxUnavailable: '20%' }, []],
    [
      'both',
      { minAvailable: 1, maxUnavailable: 1 },
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{...}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    [
      'negative',
      { minAvailable: -1 },
      ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'over 100%',
      { maxUnavailable: '120%' },
      [
        'spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"120%"}: must not be greater than 100%',
      ],
    ],
    [
      'eviction policy',
      { minAvailable: 1, unhealthyPodEvictionPolicy: 'Sometimes' },
      [
        'spec.unhealthyPodEvictionPolicy: Unsupported value: "Sometimes": supported values: "AlwaysAllow", "IfHealthyBudget"',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(createThrough(pdbs, pdb(spec)))).toEqual(expected);
  });

  it('starts with a zero status and prints the columns', () => {
    const obj = pdb({ minAvailable: '50%' });
    createThrough(pdbs, obj);
    expect(obj.status).toEqual({
      disruptionsAllowed: 0,
      currentHealthy: 0,
      desiredHealthy: 0,
      expectedPods: 0,
    });
    obj.status = { disruptionsAllowed: 1 };
    expect(pdbs.table?.cells(obj, now)).toEqual(['web', '50%', 'N/A', 1, '2s']);
  });
});
