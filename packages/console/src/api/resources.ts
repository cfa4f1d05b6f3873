/**
 * @module api/resources
 * CRUD on Kubernetes objects through the platform's proxy (`/api`, `/apis`) and paged lists through
 * `resources.kubesphere.io/v1alpha3`.
 */
import type { KubeList, KubeObject } from '@sphere/shared';
import type { KindRef } from '../resources/kinds';
import { request } from './http';
import { kubePath, listPath } from './paths';

/** Query of a v1alpha3 list. Unknown keys are sent as filters (`status`, `label`, ...). */
export interface ListQuery {
  name?: string;
  status?: string;
  label?: string;
  labelSelector?: string;
  sortBy?: string;
  ascending?: boolean;
  page?: number;
  limit?: number;
  [filter: string]: string | number | boolean | undefined;
}

/** `{items, totalItems}` as v1alpha3 returns it. */
export interface PagedList<T extends KubeObject = KubeObject> {
  items: T[];
  totalItems: number;
}

/** Paged, filtered, sorted list from the platform's watch caches. */
export function listResources<T extends KubeObject = KubeObject>(
  ref: KindRef,
  namespace: string | undefined,
  query: ListQuery,
  signal?: AbortSignal,
): Promise<PagedList<T>> {
  return request<PagedList<T>>(listPath(ref, namespace), { query, signal });
}

/** Plain Kubernetes list (used for small related lists: pods of a workload, events, revisions). */
export function listKube<T extends KubeObject = KubeObject>(
  ref: KindRef,
  namespace: string | undefined,
  query: { labelSelector?: string; fieldSelector?: string; limit?: number } = {},
): Promise<KubeList<T>> {
  return request<KubeList<T>>(kubePath(ref, namespace), { query });
}

/** GET one object. */
export function getResource<T extends KubeObject = KubeObject>(
  ref: KindRef,
  namespace: string | undefined,
  name: string,
): Promise<T> {
  return request<T>(kubePath(ref, namespace, name));
}

/** POST an object; `dryRun` validates and admits without persisting. */
export function createResource<T extends KubeObject>(
  ref: KindRef,
  obj: T,
  opts: { dryRun?: boolean } = {},
): Promise<T> {
  return request<T>(kubePath(ref, obj.metadata.namespace), {
    method: 'POST',
    body: obj,
    query: { dryRun: opts.dryRun ? 'All' : undefined },
  });
}

/** PUT (replace) an object; its resourceVersion gives optimistic concurrency. */
export function updateResource<T extends KubeObject>(ref: KindRef, obj: T): Promise<T> {
  return request<T>(kubePath(ref, obj.metadata.namespace, obj.metadata.name), { method: 'PUT', body: obj });
}

/** Merge-patch an object. */
export function patchResource<T extends KubeObject = KubeObject>(
  ref: KindRef,
  namespace: string | undefined,
  name: string,
  patch: unknown,
): Promise<T> {
  return request<T>(kubePath(ref, namespace, name), { method: 'PATCH', body: patch });
}

/** DELETE with background propagation (dependents are removed by the garbage collector). */
export function deleteResource(ref: KindRef, namespace: string | undefined, name: string): Promise<unknown> {
  return request(kubePath(ref, namespace, name), {
    method: 'DELETE',
    body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' },
  });
}
