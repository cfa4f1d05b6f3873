/**
 * @module proxy/scope
 * Which namespaces a user may list/watch a namespaced resource in, for cluster-wide requests the user may
 * not make as such: the answer is then filtered to those namespaces instead of refused.
 */
import type { Attributes, UserInfo } from '../authz/types';
import type { Platform } from '../context';

/** Cluster-scoped resources of the core groups (everything else is treated as namespaced). */
const CLUSTER_SCOPED = new Set([
  'nodes',
  'namespaces',
  'persistentvolumes',
  'storageclasses',
  'clusterroles',
  'clusterrolebindings',
  'customresourcedefinitions',
  'apiservices',
  'priorityclasses',
  'csidrivers',
  'csinodes',
  'volumeattachments',
  'ingressclasses',
  'runtimeclasses',
  'mutatingwebhookconfigurations',
  'validatingwebhookconfigurations',
  'certificatesigningrequests',
  'componentstatuses',
  'users',
  'globalroles',
  'globalrolebindings',
  'workspaceroles',
  'workspacerolebindings',
  'rolebases',
  'loginrecords',
  'workspaces',
  'workspacetemplates',
]);

export function isClusterScoped(resource: string): boolean {
  return CLUSTER_SCOPED.has(resource);
}

/** Namespaces in which `user` may `verb` the resource of `attrs` (only namespaces that exist). */
export function allowedNamespaces(
  p: Platform,
  user: UserInfo,
  verb: string,
  apiGroup: string,
  resource: string,
): Set<string> {
  const out = new Set<string>();
  for (const ns of p.caches.namespaces.list()) {
    const name = ns.metadata.name!;
    if (p.can(user, verb, apiGroup, resource, { namespace: name })) out.add(name);
  }
  return out;
}

/** Whether a cluster-wide list/watch of a namespaced resource may be answered filtered. */
export function filterableCollection(attrs: Attributes): boolean {
  return (
    (attrs.verb === 'list' || attrs.verb === 'watch') &&
    !attrs.namespace &&
    !attrs.name &&
    !attrs.subresource &&
    !isClusterScoped(attrs.resource)
  );
}
