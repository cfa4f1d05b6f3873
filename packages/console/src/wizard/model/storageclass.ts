/**
 * @module wizard/model/storageclass
 * The StorageClass wizard's pure form ↔ object mapping (KubeSphere's Basic Info → Storage System →
 * Settings) and the "Set as default" patches (the new default annotated, every previous default
 * un-annotated).
 */
import type { KubeObject } from '@sphere/shared';
import type { Draft } from './draft';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
/** The older annotation some clusters still carry. */
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

export type StorageClassObject = KubeObject & {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: 'Delete' | 'Retain';
  allowVolumeExpansion?: boolean;
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
};

export interface StorageSystem {
  id: 'qingcloud' | 'local' | 'nfs' | 'custom';
  /** i18n key */
  label: string;
  provisioner: string;
  /** Parameters offered (with default values) when this system is picked. */
  parameters: Record<string, string>;
  volumeBindingMode: 'Immediate' | 'WaitForFirstConsumer';
}

export const STORAGE_SYSTEMS: StorageSystem[] = [
  {
    id: 'qingcloud',
    label: 'SC_QINGCLOUD_CSI',
    provisioner: 'disk.csi.qingcloud.com',
    // QingCloud CSI: volume type, size bounds and step (GiB), file system, replicas.
    parameters: { type: '0', maxSize: '5000', minSize: '10', stepSize: '10', fsType: 'ext4', replica: '2' },
    volumeBindingMode: 'Immediate',
  },
  {
    id: 'local',
    label: 'SC_LOCAL',
    provisioner: 'openebs.io/local',
    parameters: {},
    volumeBindingMode: 'WaitForFirstConsumer',
  },
  {
    id: 'nfs',
    label: 'SC_NFS',
    provisioner: 'nfs.csi.k8s.io',
    parameters: { server: '', share: '' },
    volumeBindingMode: 'Immediate',
  },
  { id: 'custom', label: 'CUSTOM', provisioner: '', parameters: {}, volumeBindingMode: 'Immediate' },
];

/** A new StorageClass (QingCloud CSI preselected, as KubeSphere's wizard). */
export function storageClassTemplate(): StorageClassObject {
  const qc = STORAGE_SYSTEMS[0];
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: '', annotations: {} },
    provisioner: qc.provisioner,
    parameters: { ...qc.parameters },
    reclaimPolicy: 'Delete',
    allowVolumeExpansion: false,
    volumeBindingMode: qc.volumeBindingMode,
  };
}

const replaceFirst = (draft: Draft, o: KubeObject): Draft => [o, ...draft.slice(1)];

export interface ScOptions {
  allowVolumeExpansion: boolean;
  reclaimPolicy: 'Delete' | 'Retain';
}

export function readScOptions(o: StorageClassObject): ScOptions {
  return {
    allowVolumeExpansion: o.allowVolumeExpansion === true,
    reclaimPolicy: o.reclaimPolicy ?? 'Delete',
  };
}

export function applyScOptions(draft: Draft, o: StorageClassObject, f: ScOptions): Draft {
  return replaceFirst(draft, {
    ...o,
    allowVolumeExpansion: f.allowVolumeExpansion,
    reclaimPolicy: f.reclaimPolicy,
  });
}

/** Which known system a provisioner belongs to (`custom` otherwise). */
export function systemOf(provisioner: string | undefined): StorageSystem {
  return (
    STORAGE_SYSTEMS.find((s) => s.id !== 'custom' && s.provisioner === provisioner) ?? STORAGE_SYSTEMS[3]
  );
}

/**
 * Picks a storage system: its provisioner, binding mode and default parameters (the previous system's
 * parameters are dropped; they mean nothing to another provisioner). `custom` keeps a custom name.
 */
export function applyStorageSystem(draft: Draft, o: StorageClassObject, id: StorageSystem['id']): Draft {
  const sys = STORAGE_SYSTEMS.find((s) => s.id === id) ?? STORAGE_SYSTEMS[3];
  if (systemOf(o.provisioner).id === id) return draft;
  return replaceFirst(draft, {
    ...o,
    provisioner: sys.provisioner,
    parameters: { ...sys.parameters },
    volumeBindingMode: sys.volumeBindingMode,
  });
}

export function applyProvisioner(draft: Draft, o: StorageClassObject, provisioner: string): Draft {
  return replaceFirst(draft, { ...o, provisioner });
}

export function applyBindingMode(
  draft: Draft,
  o: StorageClassObject,
  mode: 'Immediate' | 'WaitForFirstConsumer',
): Draft {
  return replaceFirst(draft, { ...o, volumeBindingMode: mode });
}

/** Parameters; empty values are dropped (Kubernetes would keep them as ""). */
export function applyParameters(draft: Draft, o: StorageClassObject, params: Record<string, string>): Draft {
  const clean = Object.fromEntries(Object.entries(params).filter(([k, v]) => k && v !== ''));
  const next: StorageClassObject = { ...o, parameters: clean };
  if (!Object.keys(clean).length) delete next.parameters;
  return replaceFirst(draft, next);
}

/** Problems of the Storage System step (i18n keys). */
export function storageSystemProblems(o: StorageClassObject): string[] {
  const p = o.provisioner ?? '';
  if (!p) return ['PROVISIONER_REQUIRED'];
  if (!/^[a-zA-Z0-9]([-a-zA-Z0-9._/]*[a-zA-Z0-9])?$/.test(p) || p.length > 253)
    return ['PROVISIONER_INVALID'];
  return [];
}

/** Is this the cluster's default class (either annotation)? */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return a[DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/**
 * The merge patches that make `name` the only default class: the target gets the annotation, every other
 * class that is marked default (by either annotation) gets both removed (`null`).
 */
export function setDefaultPatches(
  classes: KubeObject[],
  name: string,
): { name: string; patch: { metadata: { annotations: Record<string, string | null> } } }[] {
  const out: { name: string; patch: { metadata: { annotations: Record<string, string | null> } } }[] = [];
  for (const c of classes) {
    const n = c.metadata.name ?? '';
    if (n !== name && isDefaultClass(c))
      out.push({
        name: n,
        patch: {
          metadata: {
            annotations: { [DEFAULT_CLASS_ANNOTATION]: null, [BETA_DEFAULT_CLASS_ANNOTATION]: null },
          },
        },
      });
  }
  // Unset the old defaults first so there is never a moment with two (PVCs without a class would be rejected).
  out.push({ name, patch: { metadata: { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } } });
  return out;
}
