import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, updateThrough } from '../apps/test-support';
import { storageclasses } from './storageclasses';

const sc = (extra: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: 'standard',
    creationTimestamp: '2026-01-01T11:00:00Z',
    ...(annotations ? { annotations } : {}),
  },
  provisioner: 'sphere.io/local',
  ...extra,
});

describe('StorageClass', () => {
  it('defaults reclaim policy and binding mode', () => {
    const obj = sc();
    expect(createThrough(storageclasses, obj)).toEqual([]);
    expect(obj).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it.each<[string, KubeObject, string[]]>([
    ['no provisioner', sc({ provisioner: '' }), ['provisioner: Required value']],
    [
      'recycle',
      sc({ reclaimPolicy: 'Recycle' }),
      ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ],
    [
      'binding',
      sc({ volumeBindingMode: 'Later' }),
      [
        'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(messages(createThrough(storageclasses, obj))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['allowVolumeExpansion', { allowVolumeExpansion: true }, []],
    [
      'parameters',
      { parameters: { type: 'ssd' } },
      ['parameters: Forbidden: updates to parameters are forbidden.'],
    ],
    [
      'provisioner',
      { provisioner: 'other.io/x' },
      ['provisioner: Forbidden: updates to provisioner are forbidden.'],
    ],
    [
      'reclaimPolicy',
      { reclaimPolicy: 'Retain' },
      ['reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.'],
    ],
    [
      'volumeBindingMode',
      { volumeBindingMode: 'WaitForFirstConsumer' },
      ['volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable'],
    ],
  ])('update of %s', (_name, change, expected) => {
    const old = sc();
    createThrough(storageclasses, old);
    const next = { ...copy(old), ...change };
    expect(messages(updateThrough(storageclasses, next, old))).toEqual(expected);
  });

  it('prints the columns with a (default) marker', () => {
    const obj = sc({}, { 'storageclass.kubernetes.io/is-default-class': 'true' });
    expect(storageclasses.table?.cells(obj, now)).toEqual([
      'standard (default)',
      'sphere.io/local',
      'Delete',
      'Immediate',
      false,
      '60m',
    ]);
    expect(
      storageclasses.table?.cells(sc({ reclaimPolicy: 'Retain', allowVolumeExpansion: true }), now),
    ).toEqual(['standard', 'sphere.io/local', 'Retain', 'Immediate', true, '60m']);
  });
});
