/**
 * @module registry/storage/storageclasses
 * storage.k8s.io/v1 StorageClass (cluster-scoped): Delete/Immediate defaults, validation (provisioner,
 * parameters and reclaim policy never change) and the `kubectl get sc` columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  column,
  deepEqual,
  defaultField,
  immutableField,
  nameColumn,
} from '../apps/support';
import type { ResourceDescriptor } from '../types';

/** The annotation naming the cluster's default class (and the legacy beta one). */
export const defaultStorageClassAnnotations = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** Whether a class is annotated as the default (`"true"`). */
export function isDefaultStorageClass(obj: KubeObject): boolean {
  return defaultStorageClassAnnotations.some((key) => obj.metadata.annotations?.[key] === 'true');
}

/** storage/v1 defaulting. */
export function defaultStorageClass(obj: KubeObject): void {
  const fields = obj as Record<string, unknown>;
  defaultField(fields, 'reclaimPolicy', 'Delete');
  defaultField(fields, 'volumeBindingMode', 'Immediate');
}

function notSupported(field: string, value: unknown, supported: string[]): StatusCause {
  return {
    reason: 'FieldValueNotSupported',
    field,
    message: `Unsupported value: "${String(value)}": supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  };
}

/** Validation of a StorageClass (create and update). */
export function validateStorageClass(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const provisioner = obj.provisioner;
  if (typeof provisioner !== 'string' || provisioner === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'provisioner', message: 'Required value' });
  }
  if (obj.reclaimPolicy !== undefined && !['Delete', 'Retain'].includes(String(obj.reclaimPolicy))) {
    causes.push(notSupported('reclaimPolicy', obj.reclaimPolicy, ['Delete', 'Retain']));
  }
  if (
    obj.volumeBindingMode !== undefined &&
    !['Immediate', 'WaitForFirstConsumer'].includes(String(obj.volumeBindingMode))
  ) {
    causes.push(
      notSupported('volumeBindingMode', obj.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']),
    );
  }
  if (old) {
    if (!deepEqual(obj.parameters ?? {}, old.parameters ?? {})) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'parameters',
        message: 'Forbidden: updates to parameters are forbidden.',
      });
    }
    if (obj.provisioner !== old.provisioner) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'provisioner',
        message: 'Forbidden: updates to provisioner are forbidden.',
      });
    }
    if (obj.reclaimPolicy !== old.reclaimPolicy) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'reclaimPolicy',
        message: 'Forbidden: updates to reclaimPolicy are forbidden.',
      });
    }
    causes.push(...immutableField(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  }
  return causes;
}

/** storage.k8s.io/v1 storageclasses. */
export const storageclasses: ResourceDescriptor = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  schemaId: 'io.k8s.api.storage.v1.StorageClass',
  strategicMerge: true,
  defaults: defaultStorageClass,
  validate: (obj, old) => validateStorageClass(obj, old),
  table: {
    columns: [
      nameColumn,
      column('Provisioner', 'string', 'provisioner indicates the type of the provisioner.'),
      column(
        'ReclaimPolicy',
        'string',
        'reclaimPolicy controls the reclaimPolicy for dynamically provisioned PersistentVolumes of this storage class. Defaults to Delete.',
      ),
      column(
        'VolumeBindingMode',
        'string',
        'volumeBindingMode indicates how PersistentVolumeClaims should be provisioned and bound.  When unset, VolumeBindingImmediate is used.',
      ),
      column(
        'AllowVolumeExpansion',
        'string',
        'allowVolumeExpansion shows whether the storage class allow volume expand.',
      ),
      ageColumn,
    ],
    cells: (obj, now) => [
      `${obj.metadata.name ?? ''}${isDefaultStorageClass(obj) ? ' (default)' : ''}`,
      String(obj.provisioner ?? ''),
      typeof obj.reclaimPolicy === 'string' ? obj.reclaimPolicy : 'Delete',
      typeof obj.volumeBindingMode === 'string' ? obj.volumeBindingMode : 'Immediate',
      obj.allowVolumeExpansion === true,
      ageCell(obj, now),
    ],
  },
};
