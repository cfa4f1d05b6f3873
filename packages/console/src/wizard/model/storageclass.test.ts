import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import {
  applyParameters,
  applyScOptions,
  applyStorageSystem,
  isDefaultClass,
  setDefaultPatches,
  storageClassTemplate,
  storageSystemProblems,
  systemOf,
  type StorageClassObject,
} from './storageclass';

const first = (d: KubeObject[]) => d[0] as StorageClassObject;

describe('storage class wizard model', () => {
  it('starts with QingCloud CSI, Delete, no expansion', () => {
    const sc = storageClassTemplate();
    expect(sc.provisioner).toBe('disk.csi.qingcloud.com');
    expect(sc.parameters).toMatchObject({ fsType: 'ext4' });
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.allowVolumeExpansion).toBe(false);
  });

  it('basic options set expansion and reclaim policy, keeping other fields', () => {
    const sc = { ...storageClassTemplate(), mountOptions: ['debug'] } as StorageClassObject;
    const d = applyScOptions([sc], sc, { allowVolumeExpansion: true, reclaimPolicy: 'Retain' });
    expect(first(d)).toMatchObject({
      allowVolumeExpansion: true,
      reclaimPolicy: 'Retain',
      mountOptions: ['debug'],
    });
  });

  it('switching the storage system replaces provisioner, parameters and binding mode', () => {
    const sc = storageClassTemplate();
    const local = first(applyStorageSystem([sc], sc, 'local'));
    expect(local).toMatchObject({
      provisioner: 'openebs.io/local',
      parameters: {},
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    const custom = first(applyStorageSystem([sc], sc, 'custom'));
    expect(custom.provisioner).toBe('');
    // Picking the current system changes nothing (edited parameters survive).
    const edited = { ...sc, parameters: { type: '2' } };
    expect(applyStorageSystem([edited], edited, 'qingcloud')[0]).toBe(edited);
    expect(systemOf('nfs.csi.k8s.io').id).toBe('nfs');
    expect(systemOf('example.com/x').id).toBe('custom');
  });

  it('parameters drop empty keys and values; no parameters → field removed', () => {
    const sc = storageClassTemplate();
    expect(first(applyParameters([sc], sc, { server: 'nfs.local', share: '', '': 'x' })).parameters).toEqual({
      server: 'nfs.local',
    });
    expect(first(applyParameters([sc], sc, {}))).not.toHaveProperty('parameters');
  });

  it.each([
    ['', ['PROVISIONER_REQUIRED']],
    ['kubernetes.io/no-provisioner', []],
    ['bad provisioner', ['PROVISIONER_INVALID']],
  ])('provisioner %j', (p, problems) => {
    expect(storageSystemProblems({ ...storageClassTemplate(), provisioner: p })).toEqual(problems);
  });
});

describe('set as default', () => {
  const sc = (name: string, annotations: Record<string, string> = {}): KubeObject => ({
    metadata: { name, annotations },
  });
  it('unsets every previous default (either annotation) before setting the new one', () => {
    const classes = [
      sc('old', { 'storageclass.kubernetes.io/is-default-class': 'true' }),
      sc('beta', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' }),
      sc('plain'),
      sc('new'),
    ];
    const patches = setDefaultPatches(classes, 'new');
    expect(patches.map((p) => p.name)).toEqual(['old', 'beta', 'new']);
    expect(patches[0].patch.metadata.annotations['storageclass.kubernetes.io/is-default-class']).toBeNull();
    expect(patches[2].patch).toEqual({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    });
    expect(isDefaultClass(classes[1])).toBe(true);
    expect(isDefaultClass(classes[2])).toBe(false);
  });
  it('re-setting the current default only re-annotates it', () => {
    const patches = setDefaultPatches(
      [sc('a', { 'storageclass.kubernetes.io/is-default-class': 'true' })],
      'a',
    );
    expect(patches.map((p) => p.name)).toEqual(['a']);
  });
});
