/**
 * @module kinds
 * Static metadata of every kind the console shows: API group/version, plural, scope and the permission
 * module (`authKey`) that gates it. All URL building derives from these entries.
 */

/** What the API layer needs to address a kind. */
export interface KindRef {
  kind: string;
  /** Plural resource name, also the route segment and the v1alpha3 resource name. */
  plural: string;
  group: string;
  version: string;
  namespaced: boolean;
  /** Permission module used by the "what can I do here" rules. */
  authKey: string;
}

const k = (
  kind: string,
  plural: string,
  group: string,
  version: string,
  namespaced: boolean,
  authKey: string,
): KindRef => ({ kind, plural, group, version, namespaced, authKey });

/** Every kind the console knows, by plural. */
export const KINDS = {
  deployments: k('Deployment', 'deployments', 'apps', 'v1', true, 'workloads'),
  statefulsets: k('StatefulSet', 'statefulsets', 'apps', 'v1', true, 'workloads'),
  daemonsets: k('DaemonSet', 'daemonsets', 'apps', 'v1', true, 'workloads'),
  jobs: k('Job', 'jobs', 'batch', 'v1', true, 'workloads'),
  cronjobs: k('CronJob', 'cronjobs', 'batch', 'v1', true, 'workloads'),
  pods: k('Pod', 'pods', '', 'v1', true, 'workloads'),
  services: k('Service', 'services', '', 'v1', true, 'workloads'),
  ingresses: k('Ingress', 'ingresses', 'networking.k8s.io', 'v1', true, 'workloads'),
  persistentvolumeclaims: k('PersistentVolumeClaim', 'persistentvolumeclaims', '', 'v1', true, 'volumes'),
  secrets: k('Secret', 'secrets', '', 'v1', true, 'configs'),
  configmaps: k('ConfigMap', 'configmaps', '', 'v1', true, 'configs'),
  events: k('Event', 'events', '', 'v1', true, 'workloads'),
  controllerrevisions: k('ControllerRevision', 'controllerrevisions', 'apps', 'v1', true, 'workloads'),
  replicasets: k('ReplicaSet', 'replicasets', 'apps', 'v1', true, 'workloads'),
  horizontalpodautoscalers: k(
    'HorizontalPodAutoscaler',
    'horizontalpodautoscalers',
    'autoscaling',
    'v2',
    true,
    'workloads',
  ),
  roles: k('Role', 'roles', 'rbac.authorization.k8s.io', 'v1', true, 'roles'),
  nodes: k('Node', 'nodes', '', 'v1', false, 'nodes'),
  namespaces: k('Namespace', 'namespaces', '', 'v1', false, 'projects'),
  storageclasses: k('StorageClass', 'storageclasses', 'storage.k8s.io', 'v1', false, 'storageclasses'),
  persistentvolumes: k('PersistentVolume', 'persistentvolumes', '', 'v1', false, 'volumes'),
} satisfies Record<string, KindRef>;

export type KindName = keyof typeof KINDS;

/** apiVersion string for a kind (`apps/v1`, `v1`). */
export function apiVersionOf(ref: KindRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

/** Finds a kind by its `kind` field (e.g. from an object). */
export function kindByName(kind: string): KindRef | undefined {
  return Object.values(KINDS).find((r) => r.kind === kind);
}
