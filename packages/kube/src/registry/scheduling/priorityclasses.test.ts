import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, updateThrough } from '../apps/test-support';
import { priorityclasses } from './priorityclasses';

const pc = (name: string, extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name, creationTimestamp: '2026-01-01T11:00:00Z' },
  ...extra,
});

describe('PriorityClass', () => {
  it('defaults the preemption policy', () => {
    const obj = pc('high', { value: 1000 });
    expect(createThrough(priorityclasses, obj)).toEqual([]);
    expect(obj.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it.each<[string, KubeObject, string[]]>([
    [
      'too high',
      pc('huge', { value: 2_000_000_000 }),
      ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000'],
    ],
    [
      'reserved prefix',
      pc('system-mine', { value: 1 }),
      [
        'metadata.name: Invalid value: "system-mine": priority class names with \'system-\' prefix are reserved for system use only',
      ],
    ],
    ['system class', pc('system-node-critical', { value: 2_000_001_000 }), []],
    [
      'bad policy',
      pc('p', { value: 1, preemptionPolicy: 'Always' }),
      ['preemptionPolicy: Unsupported value: "Always": supported values: "Never", "PreemptLowerPriority"'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(messages(createThrough(priorityclasses, obj))).toEqual(expected);
  });

  it('keeps the value', () => {
    const old = pc('high', { value: 1000 });
    createThrough(priorityclasses, old);
    const next = copy(old);
    next.value = 2000;
    expect(messages(updateThrough(priorityclasses, next, old))).toEqual([
      'value: Forbidden: may not be changed in an update.',
    ]);
  });

  it('prints the columns', () => {
    const obj = pc('high', { value: 1000, globalDefault: true });
    createThrough(priorityclasses, obj);
    expect(priorityclasses.table?.cells(obj, now)).toEqual([
      'high',
      1000,
      true,
      '60m',
      'PreemptLowerPriority',
    ]);
  });
});
