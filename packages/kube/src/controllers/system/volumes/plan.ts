/**
 * @module controllers/system/volumes/plan
 * PersistentVolume binding and simulated dynamic provisioning (pure decisions). `planClaim` decides for
 * one claim: protect it, bind it to a matching volume, provision one (waiting for a scheduled consumer
 * under WaitForFirstConsumer), expand it, or release its protection once deleted and unused.
 * `planVolume` keeps a volume's phase and reclaims it (Delete or Retain) once its claim is gone.
 */
import { matchesLabelSelector, parseQuantity, type KubeObject, type LabelSelector } from '@sphere/shared';

export const pvcProtection = 'kubernetes.io/pvc-protection';
export const pvProtection = 'kubernetes.io/pv-protection';
export const selectedNodeAnnotation = 'volume.kubernetes.io/selected-node';
export const provisionedByAnnotation = 'pv.kubernetes.io/provisioned-by';
export const bindCompletedAnnotation = 'pv.kubernetes.io/bind-completed';
export const boundByControllerAnnotation = 'pv.kubernetes.io/bound-by-controller';
export const storageProvisionerAnnotations = [
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
];

export interface Claim extends KubeObject {
  spec: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string | null;
    volumeName?: string;
    volumeMode?: string;
    selector?: LabelSelector;
  };
  status?: {
    phase?: string;
    capacity?: { storage?: string };
    accessModes?: string[];
    conditions?: unknown[];
  };
}

export interface Volume extends KubeObject {
  spec: {
    capacity?: { storage?: string };
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string; uid?: string };
    [k: string]: unknown;
  };
  status?: { phase?: string };
}

export interface StorageClass extends KubeObject {
  provisioner: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
  mountOptions?: string[];
}

export interface PodUse {
  name: string;
  nodeName?: string;
  finished: boolean;
}

export type ClaimAction =
  | { kind: 'addFinalizer' }
  | { kind: 'removeFinalizer' }
  | { kind: 'annotateClaim'; annotations: Record<string, string> }
  | { kind: 'createVolume'; volume: Volume }
  | { kind: 'bind'; volume: Volume }
  | { kind: 'resizeVolume'; volume: Volume; storage: string }
  | { kind: 'claimStatus'; status: NonNullable<Claim['status']> }
  | { kind: 'event'; type: 'Normal' | 'Warning'; reason: string; message: string };

export interface ClaimInput {
  claim: Claim;
  volumes: Volume[];
  classes: StorageClass[];
  /** Pods of the claim's namespace that mount it. */
  users: PodUse[];
}

const storageOf = (q: string | undefined) => {
  try {
    return q === undefined ? 0 : parseQuantity(q);
  } catch {
    return 0;
  }
};

const classOfClaim = (c: Claim) => c.spec.storageClassName ?? '';

/** Whether a volume can satisfy a claim (class, access modes, size, volume mode, selector). */
export function volumeMatches(claim: Claim, pv: Volume): boolean {
  if ((pv.spec.storageClassName ?? '') !== classOfClaim(claim)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (claim.spec.volumeMode ?? 'Filesystem')) return false;
  const modes = pv.spec.accessModes ?? [];
  if (!(claim.spec.accessModes ?? []).every((m) => modes.includes(m))) return false;
  if (storageOf(pv.spec.capacity?.storage) < storageOf(claim.spec.resources?.requests?.storage)) return false;
  if (claim.spec.selector && !matchesLabelSelector(claim.spec.selector, pv.metadata.labels ?? {}))
    return false;
  return true;
}

function claimRefMatches(pv: Volume, claim: Claim): boolean {
  const ref = pv.spec.claimRef;
  return (
    !!ref &&
    ref.namespace === claim.metadata.namespace &&
    ref.name === claim.metadata.name &&
    (!ref.uid || ref.uid === claim.metadata.uid)
  );
}

/** The volume a claim should bind to: one pre-bound to it, else the smallest available match. */
export function findVolume(claim: Claim, volumes: Volume[]): Volume | undefined {
  const live = volumes.filter((v) => !v.metadata.deletionTimestamp);
  if (claim.spec.volumeName) return live.find((v) => v.metadata.name === claim.spec.volumeName);
  const prebound = live.find((v) => claimRefMatches(v, claim));
  if (prebound) return prebound;
  return live
    .filter(
      (v) => !v.spec.claimRef && (v.status?.phase ?? 'Available') === 'Available' && volumeMatches(claim, v),
    )
    .sort((a, b) => storageOf(a.spec.capacity?.storage) - storageOf(b.spec.capacity?.storage))[0];
}

/** The simulated volume a provisioner creates for a claim. */
export function provisionVolume(claim: Claim, sc: StorageClass, node: string | undefined): Volume {
  const name = `pvc-${claim.metadata.uid}`;
  const local = /local|hostpath/i.test(sc.provisioner);
  const source = local
    ? { local: { path: `/var/openebs/local/${name}`, fsType: '' } }
    : { csi: { driver: sc.provisioner, volumeHandle: name, fsType: 'ext4' } };
  const spec: Volume['spec'] = {
    capacity: { storage: claim.spec.resources?.requests?.storage ?? '1Gi' },
    accessModes: claim.spec.accessModes ?? ['ReadWriteOnce'],
    persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
    storageClassName: sc.metadata.name,
    volumeMode: claim.spec.volumeMode ?? 'Filesystem',
    claimRef: {
      kind: 'PersistentVolumeClaim',
      apiVersion: 'v1',
      namespace: claim.metadata.namespace,
      name: claim.metadata.name,
      uid: claim.metadata.uid,
      resourceVersion: claim.metadata.resourceVersion,
    } as Volume['spec']['claimRef'],
    ...source,
  };
  if (sc.mountOptions?.length) spec.mountOptions = sc.mountOptions;
  if (node && (local || sc.volumeBindingMode === 'WaitForFirstConsumer'))
    spec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] },
        ],
      },
    };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [provisionedByAnnotation]: sc.provisioner },
      finalizers: [pvProtection],
    },
    spec,
  };
}

export function planClaim({ claim, volumes, classes, users }: ClaimInput): ClaimAction[] {
  const actions: ClaimAction[] = [];
  const finalizers = claim.metadata.finalizers ?? [];
  if (claim.metadata.deletionTimestamp) {
    // Protection holds while a pod that has not finished still mounts the claim.
    if (finalizers.includes(pvcProtection) && !users.some((u) => !u.finished))
      actions.push({ kind: 'removeFinalizer' });
    return actions;
  }
  if (!finalizers.includes(pvcProtection)) actions.push({ kind: 'addFinalizer' });

  const bound = claim.spec.volumeName
    ? volumes.find((v) => v.metadata.name === claim.spec.volumeName)
    : undefined;
  if (bound && claimRefMatches(bound, claim) && claim.status?.phase === 'Bound') {
    const sc = classes.find((c) => c.metadata.name === classOfClaim(claim));
    const requested = claim.spec.resources?.requests?.storage;
    const pvSize = bound.spec.capacity?.storage;
    if (requested && sc?.allowVolumeExpansion && storageOf(requested) > storageOf(pvSize))
      actions.push({ kind: 'resizeVolume', volume: bound, storage: requested });
    else if (pvSize && storageOf(claim.status?.capacity?.storage) < storageOf(pvSize))
      actions.push({ kind: 'claimStatus', status: boundStatus(claim, bound) });
    return actions;
  }

  const match = findVolume(claim, volumes);
  if (match) {
    actions.push({ kind: 'bind', volume: match });
    return actions;
  }
  if (claim.spec.volumeName) return actions; // pre-bound to a volume that does not exist (yet)
  const className = classOfClaim(claim);
  const sc = classes.find((c) => c.metadata.name === className);
  if (!sc || sc.provisioner === 'kubernetes.io/no-provisioner') {
    if (className && !sc)
      actions.push({
        kind: 'event',
        type: 'Warning',
        reason: 'ProvisioningFailed',
        message: `storageclass.storage.k8s.io "${className}" not found`,
      });
    else
      actions.push({
        kind: 'event',
        type: 'Normal',
        reason: 'FailedBinding',
        message: 'no persistent volumes available for this claim and no storage class is set',
      });
    return actions;
  }
  let node = claim.metadata.annotations?.[selectedNodeAnnotation];
  if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !node) {
    node = users.find((u) => u.nodeName && !u.finished)?.nodeName;
    if (!node) {
      actions.push({
        kind: 'event',
        type: 'Normal',
        reason: 'WaitForFirstConsumer',
        message: 'waiting for first consumer to be created before binding',
      });
      return actions;
    }
  }
  const annotations: Record<string, string> = {};
  for (const a of storageProvisionerAnnotations)
    if (!claim.metadata.annotations?.[a]) annotations[a] = sc.provisioner;
  if (node && !claim.metadata.annotations?.[selectedNodeAnnotation])
    annotations[selectedNodeAnnotation] = node;
  if (Object.keys(annotations).length) actions.push({ kind: 'annotateClaim', annotations });
  actions.push({
    kind: 'event',
    type: 'Normal',
    reason: 'ExternalProvisioning',
    message: `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
  });
  actions.push({ kind: 'createVolume', volume: provisionVolume(claim, sc, node) });
  return actions;
}

/** A bound claim's status: the volume's capacity and access modes. */
export function boundStatus(claim: Claim, pv: Volume): NonNullable<Claim['status']> {
  return {
    ...(claim.status ?? {}),
    phase: 'Bound',
    accessModes: pv.spec.accessModes ?? [],
    capacity: { storage: pv.spec.capacity?.storage ?? '0' },
  };
}

export type VolumeAction =
  | { kind: 'addFinalizer' }
  | { kind: 'removeFinalizer' }
  | { kind: 'phase'; phase: 'Available' | 'Bound' | 'Released' }
  | { kind: 'delete' };

/** `claim` is the object the volume's claimRef names (undefined when gone or replaced). */
export function planVolume(pv: Volume, claim: Claim | undefined): VolumeAction[] {
  const actions: VolumeAction[] = [];
  const finalizers = pv.metadata.finalizers ?? [];
  const ref = pv.spec.claimRef;
  const claimGone = !!ref && (!claim || (!!ref.uid && claim.metadata.uid !== ref.uid));
  if (pv.metadata.deletionTimestamp) {
    const inUse = !!ref && !claimGone && pv.status?.phase === 'Bound';
    if (finalizers.includes(pvProtection) && !inUse) actions.push({ kind: 'removeFinalizer' });
    return actions;
  }
  if (!finalizers.includes(pvProtection)) actions.push({ kind: 'addFinalizer' });
  let phase: 'Available' | 'Bound' | 'Released';
  if (!ref) phase = 'Available';
  else if (claimGone)
    phase = pv.status?.phase === 'Bound' || pv.status?.phase === 'Released' ? 'Released' : 'Available';
  else
    phase =
      claim?.spec.volumeName === pv.metadata.name ? 'Bound' : ((pv.status?.phase as 'Bound') ?? 'Available');
  if (phase === 'Released' && (pv.spec.persistentVolumeReclaimPolicy ?? 'Retain') === 'Delete') {
    actions.push({ kind: 'delete' });
    return actions;
  }
  if (phase !== pv.status?.phase) actions.push({ kind: 'phase', phase });
  return actions;
}
