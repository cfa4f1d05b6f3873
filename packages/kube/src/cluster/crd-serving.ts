/**
 * @module cluster/crd-serving
 * Serves custom resources as soon as their CustomResourceDefinition is written: the store's watch
 * callback runs right after the commit, so the resource is routable before the CRD create returns.
 * It then records the CRD's Established/NamesAccepted conditions, and removes the custom objects of a
 * deleted CRD.
 */
import type { KubeObject } from '@sphere/shared';
import type { ResourceRegistry } from '../registry/resource-registry';
import {
  customResourceDescriptors,
  forgetCustomResourceSchemas,
  type CrdSpec,
} from '../registry/custom-resources';
import type { LayeredSchemaRegistry } from '../schema/registry';
import type { Store } from '../storage/types';
import { timestamp } from '../pipeline/util';

const crdKey = 'apiextensions.k8s.io/customresourcedefinitions';

export function serveCustomResources(args: {
  store: Store;
  registry: ResourceRegistry;
  schemas: LayeredSchemaRegistry;
  now: () => Date;
  log: (line: string) => void;
}): () => void {
  const { store, registry, schemas } = args;
  const register = (crd: KubeObject) => {
    try {
      registry.setDynamic(crd.metadata.name ?? '', customResourceDescriptors(crd, schemas));
      setImmediate(() => markEstablished(crd.metadata.name ?? ''));
    } catch (err) {
      args.log(`cannot serve ${crd.metadata.name}: ${(err as Error).message}`);
    }
  };
  const markEstablished = (name: string) => {
    const crd = store.get(crdKey, '', name);
    if (!crd || crd.metadata.deletionTimestamp) return;
    const spec = crd.spec as CrdSpec;
    const status = (crd.status ?? {}) as { conditions?: { type: string }[]; storedVersions?: string[] };
    if (status.conditions?.some((c) => c.type === 'Established')) return;
    const at = timestamp(args.now());
    const storage = spec.versions.find((v) => v.storage)?.name;
    const next: KubeObject = {
      ...crd,
      status: {
        conditions: [
          {
            type: 'NamesAccepted',
            status: 'True',
            reason: 'NoConflicts',
            message: 'no conflicts found',
            lastTransitionTime: at,
          },
          {
            type: 'Established',
            status: 'True',
            reason: 'InitialNamesAccepted',
            message: 'the initial names have been accepted',
            lastTransitionTime: at,
          },
        ],
        acceptedNames: {
          ...spec.names,
          singular: spec.names.singular || spec.names.kind.toLowerCase(),
          listKind: spec.names.listKind ?? `${spec.names.kind}List`,
        },
        storedVersions: [...new Set([...(status.storedVersions ?? []), ...(storage ? [storage] : [])])],
      },
    };
    try {
      store.update(crdKey, next, Number(crd.metadata.resourceVersion));
    } catch {
      // Someone else wrote the CRD meanwhile; its update event brings us back here.
    }
  };
  const forget = (crd: KubeObject) => {
    registry.setDynamic(crd.metadata.name ?? '', []);
    forgetCustomResourceSchemas(crd, schemas);
    const spec = crd.spec as CrdSpec;
    const key = `${spec.group}/${spec.names.plural}`;
    for (const obj of store.list(key).items) {
      try {
        store.delete(key, obj.metadata.namespace ?? '', obj.metadata.name ?? '');
      } catch {
        // already gone
      }
    }
  };
  for (const crd of store.list(crdKey).items) register(crd);
  const sub = store.watch(crdKey, store.revision(), (event) => {
    if (event.type === 'DELETED') forget(event.object);
    else if (
      event.type === 'ADDED' ||
      JSON.stringify(event.object.spec) !== JSON.stringify(event.previous?.spec)
    )
      register(event.object);
    else if (event.type === 'MODIFIED') setImmediate(() => markEstablished(event.object.metadata.name ?? ''));
  });
  return () => sub.stop();
}
