import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { desiredTaints, evictionTime, isStale } from './lifecycle';

const now = new Date('2026-01-01T00:10:00Z');
const node = (ready: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n' },
  spec: extra,
  status: { conditions: [{ type: 'Ready', status: ready }] },
});

describe('desiredTaints', () => {
  it.each([
    ['healthy node: none', node('True'), false, []],
    [
      'stale lease: unreachable NoSchedule + NoExecute',
      node('True'),
      true,
      ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute'],
    ],
    [
      'Ready False: not-ready',
      node('False'),
      false,
      ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute'],
    ],
    [
      'cordoned: unschedulable',
      node('True', { unschedulable: true }),
      false,
      ['node.kubernetes.io/unschedulable:NoSchedule'],
    ],
    [
      'user taints are kept',
      node('True', { taints: [{ key: 'gpu', effect: 'NoSchedule' }] }),
      false,
      ['gpu:NoSchedule'],
    ],
    [
      'recovered node loses unreachable taints',
      node('True', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
      false,
      [],
    ],
  ])('%s', (_n, n, stale, expected) => {
    expect(desiredTaints(n, stale, now).map((t) => `${t.key}:${t.effect}`)).toEqual(expected);
  });

  it('keeps timeAdded of a taint that stays', () => {
    const n = node('Unknown', {
      taints: [
        { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-01-01T00:00:00Z' },
      ],
    });
    expect(desiredTaints(n, true, now).find((t) => t.effect === 'NoExecute')?.timeAdded).toBe(
      '2026-01-01T00:00:00Z',
    );
  });
});

describe('evictionTime', () => {
  const taint = {
    key: 'node.kubernetes.io/unreachable',
    effect: 'NoExecute',
    timeAdded: '2026-01-01T00:09:00Z',
  };
  it.each([
    ['no toleration: now', [], now.toISOString()],
    [
      'tolerationSeconds 300 from timeAdded',
      [{ key: taint.key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      '2026-01-01T00:14:00.000Z',
    ],
    ['unbounded toleration: never', [{ operator: 'Exists' }], undefined],
  ])('%s', (_n, tolerations, expected) => {
    expect(evictionTime(tolerations, [taint], now)?.toISOString()).toBe(expected);
  });

  it('ignores NoSchedule taints', () => {
    expect(evictionTime([], [{ key: 'x', effect: 'NoSchedule' }], now)).toBeUndefined();
  });
});

describe('isStale', () => {
  it.each([
    [new Date('2026-01-01T00:09:30Z'), false],
    [new Date('2026-01-01T00:09:00Z'), true],
    [undefined, true],
  ])('%s', (renew, expected) => {
    expect(isStale(renew, now, 40_000)).toBe(expected);
  });
});
