/**
 * @module pipeline/resolve
 * Turns a request target into the descriptor that serves it and converts objects between the served
 * version and the stored version.
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { ResourceRegistry } from '../registry/resource-registry';
import { apiVersionOf, storageKeyOf, type ResourceDescriptor } from '../registry/types';
import type { Target } from './types';

export const allVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function verbsOf(d: ResourceDescriptor): string[] {
  if (d.verbs) return d.verbs;
  if (d.virtual) return ['create'];
  if (d.computed) return ['get', 'list'];
  return allVerbs;
}

export interface Resolved {
  descriptor: ResourceDescriptor;
  storageKey: string;
  /** '' for cluster-scoped resources. */
  namespace: string;
}

/** Finds the descriptor for a target and checks the verb and scope. */
export function resolve(registry: ResourceRegistry, target: Target, verb: string): Resolved {
  const descriptor = registry.lookup(target.group, target.version, target.resource);
  if (!descriptor) throw errors.pathNotFound();
  const sub = target.subresource ?? '';
  if (!sub && !verbsOf(descriptor).includes(verb)) {
    throw errors.methodNotAllowed(`${verb} is not supported on resources of kind "${descriptor.kind}"`);
  }
  if (!descriptor.namespaced && target.namespace) throw errors.pathNotFound();
  return {
    descriptor,
    storageKey: storageKeyOf(descriptor),
    namespace: descriptor.namespaced ? (target.namespace ?? '') : '',
  };
}

/** Converts an object of the served version to the stored version. */
export function toStorage(registry: ResourceRegistry, d: ResourceDescriptor, obj: KubeObject): KubeObject {
  if (d.storageVersion !== false) return obj;
  if (d.toStorage) return d.toStorage(obj);
  const stored = registry.storageDescriptor(storageKeyOf(d));
  return { ...obj, apiVersion: stored ? apiVersionOf(stored) : obj.apiVersion };
}

/** Converts a stored object to the served version (always a fresh top-level object). */
export function fromStorage(d: ResourceDescriptor, obj: KubeObject): KubeObject {
  if (d.storageVersion === false && d.fromStorage) return d.fromStorage(obj);
  return { ...obj, apiVersion: apiVersionOf(d), kind: d.kind };
}
