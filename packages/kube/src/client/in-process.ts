/**
 * @module client/in-process
 * A Kubernetes client for components that live in the API server's process (controllers, scheduler,
 * simulated nodes). It calls the same request pipeline as HTTP — admission, defaulting, validation,
 * optimistic concurrency and watch semantics included — without HTTP or JSON round trips.
 *
 * Objects returned may share structure with the store: treat them as read-only (structuredClone before
 * changing anything).
 */
import type { KubeList, KubeObject } from '@sphere/shared';
import type {
  ApiPipeline,
  DeleteOptions,
  ListQuery,
  PatchType,
  PipelineWatchEvent,
  RequestContext,
  WatchHandle,
  WatchQuery,
  WriteOptions,
} from '../pipeline/types';

/** A resource by group, version and plural name. */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export const resources = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  nodes: { group: '', version: 'v1', resource: 'nodes' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  services: { group: '', version: 'v1', resource: 'services' },
  endpoints: { group: '', version: 'v1', resource: 'endpoints' },
  events: { group: '', version: 'v1', resource: 'events' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  serviceaccounts: { group: '', version: 'v1', resource: 'serviceaccounts' },
  persistentvolumes: { group: '', version: 'v1', resource: 'persistentvolumes' },
  persistentvolumeclaims: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
  resourcequotas: { group: '', version: 'v1', resource: 'resourcequotas' },
  limitranges: { group: '', version: 'v1', resource: 'limitranges' },
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  replicasets: { group: 'apps', version: 'v1', resource: 'replicasets' },
  statefulsets: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  daemonsets: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  controllerrevisions: { group: 'apps', version: 'v1', resource: 'controllerrevisions' },
  jobs: { group: 'batch', version: 'v1', resource: 'jobs' },
  cronjobs: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  horizontalpodautoscalers: { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' },
  endpointslices: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' },
  storageclasses: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
  leases: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' },
  poddisruptionbudgets: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
  ingresses: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' },
} satisfies Record<string, ResourceRef>;

export interface KubeClient {
  get(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    subresource?: string,
  ): Promise<KubeObject>;
  list(ref: ResourceRef, options?: ListQuery & { namespace?: string }): Promise<KubeList>;
  watch(
    ref: ResourceRef,
    options: WatchQuery & { namespace?: string },
    onEvent: (event: PipelineWatchEvent) => void,
    onClose: () => void,
  ): WatchHandle;
  create(
    ref: ResourceRef,
    obj: KubeObject,
    options?: WriteOptions & { subresource?: string; name?: string },
  ): Promise<KubeObject>;
  /** PUT of the object (its metadata names the target); resourceVersion in the body is the precondition. */
  update(
    ref: ResourceRef,
    obj: KubeObject,
    options?: WriteOptions & { subresource?: string },
  ): Promise<KubeObject>;
  patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    options?: WriteOptions & { subresource?: string },
  ): Promise<KubeObject>;
  delete(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    options?: DeleteOptions,
  ): Promise<unknown>;
}

export function createInProcessClient(pipeline: ApiPipeline, ctx: RequestContext): KubeClient {
  return {
    get: (ref, namespace, name, subresource) => pipeline.get(ctx, { ...ref, namespace, name, subresource }),
    list: (ref, options = {}) => {
      const { namespace, ...query } = options;
      return pipeline.list(ctx, { ...ref, namespace }, query);
    },
    watch: (ref, options, onEvent, onClose) => {
      const { namespace, ...query } = options;
      return pipeline.watch(ctx, { ...ref, namespace }, query, onEvent, onClose);
    },
    create: async (ref, obj, options = {}) => {
      const { subresource, name, ...write } = options;
      const target = {
        ...ref,
        namespace: obj.metadata.namespace,
        subresource,
        name: subresource ? name : undefined,
      };
      return (await pipeline.create(ctx, target, obj, write)).object;
    },
    update: async (ref, obj, options = {}) => {
      const { subresource, ...write } = options;
      const target = { ...ref, namespace: obj.metadata.namespace, name: obj.metadata.name, subresource };
      return (await pipeline.update(ctx, target, obj, write)).object;
    },
    patch: async (ref, namespace, name, type, patch, options = {}) => {
      const { subresource, ...write } = options;
      return (await pipeline.patch(ctx, { ...ref, namespace, name, subresource }, type, patch, write)).object;
    },
    delete: async (ref, namespace, name, options) =>
      (await pipeline.delete(ctx, { ...ref, namespace, name }, options)).object,
  };
}
