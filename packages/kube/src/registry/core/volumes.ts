/**
 * @module registry/core/volumes
 * core/v1 PersistentVolume and PersistentVolumeClaim: defaults, validation (capacity, access modes,
 * volume source, claim immutability except storage requests and a first volumeName), Pending phase on
 * create, and both printers.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { compareQuantities, isValidQuantity } from '@sphere/shared/quantity';
import type { ResourceDescriptor, StrategyContext } from '../types';
import {
  canonicalizeResourceList,
  child,
  defaultField,
  immutable,
  isObj,
  semanticEqual,
  str,
  validateLabelSelector,
  type Obj,
} from '../validation';
import {
  accessModesString,
  ageCell,
  ageColumn,
  column,
  nameColumn,
  quantityCell,
  specOf,
  statusOf,
} from './support';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

/** Persistent volume sources (exactly one per PV). */
const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'iscsi', 'cinder', 'cephfs',
  'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
]; // prettier-ignore

function accessModeCauses(modes: unknown, field: string): StatusCause[] {
  const list = Array.isArray(modes) ? modes : [];
  if (list.length === 0) return [fieldErrors.required(field)];
  return list
    .filter((m) => !ACCESS_MODES.includes(m))
    .map((m) => fieldErrors.notSupported(field, m, ACCESS_MODES));
}

function enumCause(value: unknown, field: string, supported: string[]): StatusCause[] {
  if (value === undefined || value === null) return [];
  return supported.includes(value as string) ? [] : [fieldErrors.notSupported(field, value, supported)];
}

function storageClassOf(obj: KubeObject): string {
  return obj.metadata.annotations?.[STORAGE_CLASS_ANNOTATION] ?? str(specOf(obj).storageClassName);
}

function validatePV(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = specOf(obj);
  const causes = accessModeCauses(spec.accessModes, 'spec.accessModes');
  const capacity = isObj(spec.capacity) ? spec.capacity : {};
  if (Object.keys(capacity).length === 0) causes.push(fieldErrors.required('spec.capacity'));
  else if (!('storage' in capacity) || Object.keys(capacity).length > 1) {
    causes.push(fieldErrors.notSupported('spec.capacity', capacity, ['storage']));
  } else if (!isValidQuantity(capacity.storage)) {
    causes.push(fieldErrors.invalid('spec.capacity[storage]', capacity.storage, 'must be a valid quantity'));
  }
  const sources = PV_SOURCES.filter((s) => spec[s] !== undefined && spec[s] !== null);
  if (sources.length === 0) causes.push(fieldErrors.required('spec', 'must specify a volume type'));
  for (const extra of sources.slice(1)) {
    causes.push(fieldErrors.forbidden(`spec.${extra}`, 'may not specify more than 1 volume type'));
  }
  causes.push(
    ...enumCause(spec.persistentVolumeReclaimPolicy, 'spec.persistentVolumeReclaimPolicy', RECLAIM_POLICIES),
  );
  causes.push(...enumCause(spec.volumeMode, 'spec.volumeMode', VOLUME_MODES));
  if (old) {
    const oldSpec = specOf(old);
    const sourceOf = (s: Obj) =>
      Object.fromEntries(PV_SOURCES.filter((k) => s[k] !== undefined).map((k) => [k, s[k]]));
    if (!semanticEqual(sourceOf(spec), sourceOf(oldSpec))) {
      causes.push(
        fieldErrors.forbidden(
          'spec.persistentvolumesource',
          'spec.persistentvolumesource is immutable after creation',
        ),
      );
    }
    causes.push(...immutable('spec.volumeMode', oldSpec.volumeMode, spec.volumeMode));
  }
  return causes;
}

/** core/v1 persistentvolumes. */
export const persistentvolumes: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  schemaId: 'io.k8s.api.core.v1.PersistentVolume',
  strategicMerge: true,
  hasStatus: true,
  deleteReturnsObject: true,
  defaults(obj) {
    const spec = child(obj as Obj, 'spec');
    defaultField(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    defaultField(spec, 'volumeMode', 'Filesystem');
    canonicalizeResourceList(spec.capacity, 'PersistentVolume');
  },
  prepareForCreate(obj, ctx) {
    obj.status = {
      phase: 'Pending',
      lastPhaseTransitionTime: ctx.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  },
  validate: validatePV,
  table: {
    columns: [
      nameColumn,
      column('Capacity', 'string', 'Storage capacity of the volume.'),
      column('Access Modes', 'string', 'How the volume can be mounted.'),
      column('Reclaim Policy', 'string', 'What happens to the volume when its claim is released.'),
      column('Status', 'string', 'The lifecycle phase of the volume.'),
      column('Claim', 'string', 'The claim bound to the volume.'),
      column('StorageClass', 'string', 'The storage class of the volume.'),
      column('VolumeAttributesClass', 'string', 'The volume attributes class.'),
      column('Reason', 'string', 'Why the volume is in its phase.'),
      ageColumn,
      column('VolumeMode', 'string', 'Filesystem or Block.', 1),
    ],
    cells(obj, now) {
      const spec = specOf(obj);
      const claim = isObj(spec.claimRef) ? `${str(spec.claimRef.namespace)}/${str(spec.claimRef.name)}` : '';
      return [
        obj.metadata.name ?? '',
        quantityCell(isObj(spec.capacity) ? spec.capacity.storage : undefined),
        accessModesString(spec.accessModes),
        str(spec.persistentVolumeReclaimPolicy),
        obj.metadata.deletionTimestamp ? 'Terminating' : str(statusOf(obj).phase),
        claim,
        storageClassOf(obj),
        str(spec.volumeAttributesClassName) || '<unset>',
        str(statusOf(obj).reason),
        ageCell(obj, now),
        str(spec.volumeMode) || '<unset>',
      ];
    },
  },
};

function validatePVC(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = specOf(obj);
  const causes = accessModeCauses(spec.accessModes, 'spec.accessModes');
  causes.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const requests = isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests : {};
  const storage = requests.storage;
  if (storage === undefined) causes.push(fieldErrors.required('spec.resources[storage]'));
  else if (!isValidQuantity(storage))
    causes.push(fieldErrors.invalid('spec.resources[storage]', storage, 'must be a valid quantity'));
  else if (compareQuantities(storage as string, 0) <= 0) {
    causes.push(fieldErrors.invalid('spec.resources[storage]', storage, 'must be greater than zero'));
  }
  causes.push(...enumCause(spec.volumeMode, 'spec.volumeMode', VOLUME_MODES));
  if (old) causes.push(...validatePVCUpdate(obj, old));
  return causes;
}

/** Claims are immutable except storage requests of bound claims and a first volumeName. */
function validatePVCUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const spec = structuredClone(specOf(obj));
  const oldSpec = structuredClone(specOf(old));
  const causes: StatusCause[] = [];
  if (!str(oldSpec.volumeName)) oldSpec.volumeName = spec.volumeName;
  const newStorage =
    isObj(spec.resources) && isObj(spec.resources.requests) ? spec.resources.requests.storage : undefined;
  const oldStorage =
    isObj(oldSpec.resources) && isObj(oldSpec.resources.requests)
      ? oldSpec.resources.requests.storage
      : undefined;
  if (statusOf(old).phase === 'Bound' && isObj(spec.resources) && isObj(spec.resources.requests)) {
    spec.resources.requests.storage = oldStorage;
  }
  oldSpec.volumeAttributesClassName = spec.volumeAttributesClassName;
  if (!semanticEqual(spec, oldSpec)) {
    causes.push(
      fieldErrors.forbidden(
        'spec',
        'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
      ),
    );
  }
  if (
    isValidQuantity(newStorage) &&
    isValidQuantity(oldStorage) &&
    compareQuantities(newStorage as string, oldStorage as string) < 0
  ) {
    causes.push(
      fieldErrors.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'),
    );
  }
  return causes;
}

/** core/v1 persistentvolumeclaims. */
export const persistentvolumeclaims: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  schemaId: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  strategicMerge: true,
  hasStatus: true,
  deleteReturnsObject: true,
  defaults(obj) {
    const spec = child(obj as Obj, 'spec');
    defaultField(spec, 'volumeMode', 'Filesystem');
    if (isObj(spec.resources)) {
      canonicalizeResourceList(spec.resources.requests, 'PersistentVolumeClaim');
      canonicalizeResourceList(spec.resources.limits, 'PersistentVolumeClaim');
    }
    if (isObj(obj.status)) canonicalizeResourceList(obj.status.capacity, 'PersistentVolumeClaim');
  },
  prepareForCreate(obj) {
    obj.status = { phase: 'Pending' };
  },
  validate: validatePVC,
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', 'The lifecycle phase of the claim.'),
      column('Volume', 'string', 'The volume bound to the claim.'),
      column('Capacity', 'string', 'Storage capacity of the bound volume.'),
      column('Access Modes', 'string', 'How the bound volume can be mounted.'),
      column('StorageClass', 'string', 'The storage class the claim asks for.'),
      column('VolumeAttributesClass', 'string', 'The volume attributes class.'),
      ageColumn,
      column('VolumeMode', 'string', 'Filesystem or Block.', 1),
    ],
    cells(obj, now) {
      const spec = specOf(obj);
      const status = statusOf(obj);
      const bound = !!str(spec.volumeName);
      return [
        obj.metadata.name ?? '',
        obj.metadata.deletionTimestamp ? 'Terminating' : str(status.phase),
        str(spec.volumeName),
        bound ? quantityCell(isObj(status.capacity) ? status.capacity.storage : undefined) : '',
        bound ? accessModesString(status.accessModes) : '',
        storageClassOf(obj),
        str(spec.volumeAttributesClassName) || '<unset>',
        ageCell(obj, now),
        str(spec.volumeMode) || '<unset>',
      ];
    },
  },
};
