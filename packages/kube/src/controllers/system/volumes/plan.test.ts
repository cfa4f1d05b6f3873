import { describe, expect, it } from 'vitest';
import {
  findVolume,
  planClaim,
  planVolume,
  provisionVolume,
  pvcProtection,
  pvProtection,
  type Claim,
  type StorageClass,
  type Volume,
} from './plan';

const claim = (spec: Partial<Claim['spec']> = {}, meta: Partial<Claim['metadata']> = {}): Claim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'default', uid: 'c1', finalizers: [pvcProtection], ...meta },
  spec: {
    accessModes: ['ReadWriteOnce'],
    resources: { requests: { storage: '5Gi' } },
    storageClassName: 'fast',
    ...spec,
  },
  status: { phase: 'Pending' },
});

const volume = (
  name: string,
  storage: string,
  extra: Partial<Volume['spec']> = {},
  labels?: Record<string, string>,
): Volume => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, finalizers: [pvProtection], labels },
  spec: {
    capacity: { storage },
    accessModes: ['ReadWriteOnce', 'ReadOnlyMany'],
    storageClassName: 'fast',
    ...extra,
  },
  status: { phase: 'Available' },
});

const sc = (name: string, mode = 'Immediate', extra: Partial<StorageClass> = {}): StorageClass => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner: name === 'local' ? 'openebs.io/local' : 'disk.csi.qingcloud.com',
  volumeBindingMode: mode,
  reclaimPolicy: 'Delete',
  ...extra,
});

const kinds = (a: { kind: string }[]) => a.map((x) => x.kind);

describe('findVolume', () => {
  it.each([
    {
      name: 'smallest sufficient volume',
      vols: [volume('big', '100Gi'), volume('ok', '10Gi'), volume('small', '1Gi')],
      spec: {},
      want: 'ok',
    },
    {
      name: 'class must match',
      vols: [volume('other', '10Gi', { storageClassName: 'slow' })],
      spec: {},
      want: undefined,
    },
    {
      name: 'access modes must be offered',
      vols: [volume('rwo', '10Gi')],
      spec: { accessModes: ['ReadWriteMany'] },
      want: undefined,
    },
    {
      name: 'selector must match labels',
      vols: [volume('a', '10Gi', {}, { tier: 'gold' }), volume('b', '10Gi')],
      spec: { selector: { matchLabels: { tier: 'gold' } } },
      want: 'a',
    },
    {
      name: 'claimed volumes are skipped',
      vols: [volume('taken', '10Gi', { claimRef: { namespace: 'x', name: 'y', uid: 'u' } })],
      spec: {},
      want: undefined,
    },
  ])('$name', ({ vols, spec, want }) => {
    expect(findVolume(claim(spec as Partial<Claim['spec']>), vols)?.metadata.name).toBe(want);
  });
});

describe('planClaim', () => {
  it('provisions for an Immediate class with the class reclaim policy and source', () => {
    const actions = planClaim({
      claim: claim({ storageClassName: 'csi' }),
      volumes: [],
      classes: [sc('csi')],
      users: [],
    });
    expect(kinds(actions)).toEqual(['annotateClaim', 'event', 'createVolume']);
    const pv = (actions[2] as { volume: Volume }).volume;
    expect(pv.metadata.name).toBe('pvc-c1');
    expect(pv.spec).toMatchObject({
      capacity: { storage: '5Gi' },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'csi',
      claimRef: { name: 'data', uid: 'c1' },
      csi: { driver: 'disk.csi.qingcloud.com' },
    });
  });

  it('waits for a consumer under WaitForFirstConsumer, then provisions on its node', () => {
    const waiting = planClaim({
      claim: claim({ storageClassName: 'local' }),
      volumes: [],
      classes: [sc('local', 'WaitForFirstConsumer')],
      users: [{ name: 'p', finished: false }],
    });
    expect(waiting).toEqual([
      {
        kind: 'event',
        type: 'Normal',
        reason: 'WaitForFirstConsumer',
        message: 'waiting for first consumer to be created before binding',
      },
    ]);
    const scheduled = planClaim({
      claim: claim({ storageClassName: 'local' }),
      volumes: [],
      classes: [sc('local', 'WaitForFirstConsumer')],
      users: [{ name: 'p', nodeName: 'node-2', finished: false }],
    });
    const annotate = scheduled.find((a) => a.kind === 'annotateClaim') as {
      annotations: Record<string, string>;
    };
    expect(annotate.annotations['volume.kubernetes.io/selected-node']).toBe('node-2');
    const pv = (scheduled.find((a) => a.kind === 'createVolume') as { volume: Volume }).volume;
    expect(JSON.stringify(pv.spec.nodeAffinity)).toContain('node-2');
    expect(pv.spec.local).toBeDefined();
  });

  it('binds to a matching static volume instead of provisioning', () => {
    expect(
      kinds(
        planClaim({ claim: claim(), volumes: [volume('pv1', '10Gi')], classes: [sc('fast')], users: [] }),
      ),
    ).toEqual(['bind']);
  });

  it.each([
    { users: [{ name: 'p', finished: false }], remove: false },
    { users: [{ name: 'p', finished: true }], remove: true },
    { users: [], remove: true },
  ])('a deleted claim keeps its protection while in use ($users)', ({ users, remove }) => {
    const actions = planClaim({
      claim: claim({}, { deletionTimestamp: '2026-01-01T00:00:00Z' }),
      volumes: [],
      classes: [],
      users,
    });
    expect(kinds(actions)).toEqual(remove ? ['removeFinalizer'] : []);
  });

  it('expands the volume of a bound claim whose class allows it', () => {
    const pv = volume('pv1', '5Gi', { claimRef: { namespace: 'default', name: 'data', uid: 'c1' } });
    const c = {
      ...claim({ volumeName: 'pv1', resources: { requests: { storage: '8Gi' } } }),
      status: { phase: 'Bound', capacity: { storage: '5Gi' } },
    };
    expect(
      kinds(
        planClaim({
          claim: c,
          volumes: [pv],
          classes: [sc('fast', 'Immediate', { allowVolumeExpansion: true })],
          users: [],
        }),
      ),
    ).toEqual(['resizeVolume']);
    expect(kinds(planClaim({ claim: c, volumes: [pv], classes: [sc('fast')], users: [] }))).toEqual([]);
  });
});

describe('planVolume', () => {
  const bound = (policy: string) => ({
    ...volume('pv1', '5Gi', {
      claimRef: { namespace: 'default', name: 'data', uid: 'c1' },
      persistentVolumeReclaimPolicy: policy,
    }),
    status: { phase: 'Bound' },
  });
  it.each([
    {
      name: 'claim present → stays Bound',
      pv: bound('Delete'),
      claim: claim({ volumeName: 'pv1' }),
      want: [],
    },
    { name: 'claim gone, Delete → delete', pv: bound('Delete'), claim: undefined, want: ['delete'] },
    { name: 'claim gone, Retain → Released', pv: bound('Retain'), claim: undefined, want: ['phase'] },
    {
      name: 'no claimRef → Available and protected',
      pv: { ...volume('pv2', '1Gi'), metadata: { name: 'pv2' }, status: {} },
      claim: undefined,
      want: ['addFinalizer', 'phase'],
    },
  ])('$name', ({ pv, claim: c, want }) => {
    expect(kinds(planVolume(pv, c))).toEqual(want);
  });

  it('uses a local source for local provisioners', () => {
    expect(provisionVolume(claim(), sc('local'), 'node-1').spec.local).toBeDefined();
  });
});
