/**
 * @module cluster/admission/default-storage-class
 * Gives new PersistentVolumeClaims without a class the cluster's default StorageClass (the one annotated
 * `storageclass.kubernetes.io/is-default-class: "true"`), as the DefaultStorageClass admission plugin does.
 */
import type { AdmissionPlugin } from '../../pipeline/deps';
import type { Store } from '../../storage/types';

export const defaultClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

export function defaultStorageClass(store: Store): AdmissionPlugin {
  return {
    name: 'DefaultStorageClass',
    admit({ operation, descriptor, subresource, object }) {
      if (
        operation !== 'create' ||
        descriptor.plural !== 'persistentvolumeclaims' ||
        descriptor.group !== '' ||
        subresource
      )
        return;
      const spec = (object.spec ?? {}) as { storageClassName?: string | null };
      if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
      const defaults = store
        .list('storage.k8s.io/storageclasses')
        .items.filter((sc) => sc.metadata.annotations?.[defaultClassAnnotation] === 'true')
        .sort((a, b) =>
          String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
        );
      if (defaults.length > 0) spec.storageClassName = defaults[0].metadata.name;
      object.spec = spec;
    },
  };
}
