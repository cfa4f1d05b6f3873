import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { persistentvolumeclaims as pvcs, persistentvolumes as pvs } from './volumes';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };
const update: StrategyContext = { now, operation: 'update', subresource: '' };

function obj(
  spec: Record<string, unknown>,
  status: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    metadata: { name: 'v', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z', ...meta },
    spec,
    status,
  };
}

const claimSpec = {
  accessModes: ['ReadWriteOnce'],
  resources: { requests: { storage: '1Gi' } },
  storageClassName: 'standard',
};

describe('persistent volumes', () => {
  it('defaults reclaim policy and volume mode, starts Pending', () => {
    const pv = obj({
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteOnce'],
      hostPath: { path: '/d' },
    });
    pvs.prepareForCreate?.(pv, create);
    pvs.defaults?.(pv, create);
    expect(pv.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(pv.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2024-05-01T12:00:00Z' });
    expect(pvs.validate?.(pv, undefined, create)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'no capacity',
      { accessModes: ['ReadWriteOnce'], hostPath: { path: '/d' } },
      ['spec.capacity: Required value'],
    ],
    [
      'no access modes',
      { capacity: { storage: '1Gi' }, hostPath: { path: '/d' } },
      ['spec.accessModes: Required value'],
    ],
    [
      'bad access mode',
      { capacity: { storage: '1Gi' }, accessModes: ['ReadAlways'], hostPath: { path: '/d' } },
      [
        'spec.accessModes: Unsupported value: "ReadAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      ],
    ],
    [
      'no source',
      { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
      ['spec: Required value: must specify a volume type'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(pvs.validate?.(obj(spec), undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual(
      expected,
    );
  });

  it('prints the PV row', () => {
    const pv = obj(
      {
        capacity: { storage: '5Gi' },
        accessModes: ['ReadWriteMany', 'ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        claimRef: { namespace: 'default', name: 'data' },
        storageClassName: 'standard',
        volumeMode: 'Filesystem',
      },
      { phase: 'Bound' },
    );
    expect(pvs.table?.cells(pv, now)).toEqual([
      'v',
      '5Gi',
      'RWO,RWX',
      'Delete',
      'Bound',
      'default/data',
      'standard',
      '<unset>',
      '',
      '60m',
      'Filesystem',
    ]);
  });
});

describe('persistent volume claims', () => {
  it('requires storage and access modes', () => {
    expect(pvcs.validate?.(obj({}), undefined, create)?.map((c) => `${c.field}: ${c.message}`)).toEqual([
      'spec.accessModes: Required value',
      'spec.resources[storage]: Required value',
    ]);
  });

  it.each<
    [string, Record<string, unknown>, Record<string, unknown>, (s: Record<string, unknown>) => void, string[]]
  >([
    ['binding a volume name once', claimSpec, { phase: 'Pending' }, (s) => (s.volumeName = 'pv-1'), []],
    [
      'changing access modes',
      claimSpec,
      { phase: 'Pending' },
      (s) => (s.accessModes = ['ReadWriteMany']),
      [
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ],
    ],
    [
      'expanding a bound claim',
      { ...claimSpec, volumeName: 'pv-1' },
      { phase: 'Bound' },
      (s) => ((s.resources as { requests: Record<string, string> }).requests.storage = '2Gi'),
      [],
    ],
    [
      'shrinking a bound claim',
      { ...claimSpec, volumeName: 'pv-1' },
      { phase: 'Bound' },
      (s) => ((s.resources as { requests: Record<string, string> }).requests.storage = '512Mi'),
      ['spec.resources.requests.storage: Forbidden: field can not be less than previous value'],
    ],
    [
      'rebinding to another volume',
      { ...claimSpec, volumeName: 'pv-1' },
      { phase: 'Bound' },
      (s) => (s.volumeName = 'pv-2'),
      [
        'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ],
    ],
  ])('update: %s', (_name, spec, status, change, expected) => {
    const old = obj(structuredClone(spec), status);
    const next = obj(structuredClone(spec), status);
    change(next.spec as Record<string, unknown>);
    expect(pvcs.validate?.(next, old, update)?.map((c) => `${c.field}: ${c.message}`)).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'pending',
      claimSpec,
      { phase: 'Pending' },
      {},
      ['v', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>'],
    ],
    [
      'bound',
      { ...claimSpec, volumeName: 'pv-1', volumeMode: 'Filesystem' },
      { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] },
      {},
      ['v', 'Bound', 'pv-1', '1Gi', 'RWO', 'standard', '<unset>', '60m', 'Filesystem'],
    ],
    [
      'terminating, class from the beta annotation',
      claimSpec,
      { phase: 'Bound' },
      {
        deletionTimestamp: '2024-05-01T11:59:00Z',
        annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' },
      },
      ['v', 'Terminating', '', '', '', 'fast', '<unset>', '60m', '<unset>'],
    ],
  ])('prints a %s claim', (_name, spec, status, meta, expected) => {
    expect(pvcs.table?.cells(obj(spec, status, meta), now)).toEqual(expected);
  });
});

describe('quantities are stored canonically', () => {
  it('canonicalizes PV capacity and PVC requests', () => {
    const pv = obj({ capacity: { storage: '1.5Gi' } });
    pvs.defaults?.(pv, create);
    expect(pv.spec).toMatchObject({ capacity: { storage: '1536Mi' } });
    const pvc = obj({ resources: { requests: { storage: 1e9 } } });
    pvcs.defaults?.(pvc, create);
    expect(pvc.spec).toMatchObject({ resources: { requests: { storage: '1G' } } });
    expect(() => pvcs.defaults?.(obj({ resources: { requests: { storage: 'lots' } } }), create)).toThrow(
      'PersistentVolumeClaim in version "v1" cannot be handled as a PersistentVolumeClaim: quantities must match',
    );
  });
});
