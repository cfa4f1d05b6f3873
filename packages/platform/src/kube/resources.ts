/**
 * @module kube/resources
 * The resource types the platform reads and writes, as data: where each lives in the Kubernetes API.
 */

/** One API resource type. */
export interface ResourceType {
  group: string;
  version: string;
  /** Plural resource name, as in the URL. */
  resource: string;
  kind: string;
  namespaced: boolean;
}

const t = (group: string, version: string, resource: string, kind: string, namespaced: boolean) =>
  ({ group, version, resource, kind, namespaced }) satisfies ResourceType;

export const IAM = 'iam.kubesphere.io';
export const TENANT = 'tenant.kubesphere.io';
export const RBAC = 'rbac.authorization.k8s.io';

/** Types the platform keeps watch caches of or writes. */
export const types = {
  users: t(IAM, 'v1alpha2', 'users', 'User', false),
  globalRoles: t(IAM, 'v1alpha2', 'globalroles', 'GlobalRole', false),
  globalRoleBindings: t(IAM, 'v1alpha2', 'globalrolebindings', 'GlobalRoleBinding', false),
  workspaceRoles: t(IAM, 'v1alpha2', 'workspaceroles', 'WorkspaceRole', false),
  workspaceRoleBindings: t(IAM, 'v1alpha2', 'workspacerolebindings', 'WorkspaceRoleBinding', false),
  roleBases: t(IAM, 'v1alpha2', 'rolebases', 'RoleBase', false),
  loginRecords: t(IAM, 'v1alpha2', 'loginrecords', 'LoginRecord', false),
  workspaces: t(TENANT, 'v1alpha1', 'workspaces', 'Workspace', false),
  workspaceTemplates: t(TENANT, 'v1alpha2', 'workspacetemplates', 'WorkspaceTemplate', false),
  namespaces: t('', 'v1', 'namespaces', 'Namespace', false),
  roles: t(RBAC, 'v1', 'roles', 'Role', true),
  roleBindings: t(RBAC, 'v1', 'rolebindings', 'RoleBinding', true),
  clusterRoles: t(RBAC, 'v1', 'clusterroles', 'ClusterRole', false),
  clusterRoleBindings: t(RBAC, 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  secrets: t('', 'v1', 'secrets', 'Secret', true),
  resourceQuotas: t('', 'v1', 'resourcequotas', 'ResourceQuota', true),
  workspaceQuotas: t('quota.kubesphere.io', 'v1alpha2', 'resourcequotas', 'ResourceQuota', false),
  crds: t('apiextensions.k8s.io', 'v1', 'customresourcedefinitions', 'CustomResourceDefinition', false),
} as const;

/** Types served by the v1alpha3 list API (resource name → type). */
export const listableTypes: Record<string, ResourceType> = {
  pods: t('', 'v1', 'pods', 'Pod', true),
  services: t('', 'v1', 'services', 'Service', true),
  configmaps: t('', 'v1', 'configmaps', 'ConfigMap', true),
  secrets: types.secrets,
  serviceaccounts: t('', 'v1', 'serviceaccounts', 'ServiceAccount', true),
  persistentvolumeclaims: t('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true),
  deployments: t('apps', 'v1', 'deployments', 'Deployment', true),
  statefulsets: t('apps', 'v1', 'statefulsets', 'StatefulSet', true),
  daemonsets: t('apps', 'v1', 'daemonsets', 'DaemonSet', true),
  jobs: t('batch', 'v1', 'jobs', 'Job', true),
  cronjobs: t('batch', 'v1', 'cronjobs', 'CronJob', true),
  ingresses: t('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true),
  roles: types.roles,
  rolebindings: types.roleBindings,
  nodes: t('', 'v1', 'nodes', 'Node', false),
  namespaces: types.namespaces,
  persistentvolumes: t('', 'v1', 'persistentvolumes', 'PersistentVolume', false),
  storageclasses: t('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false),
  clusterroles: types.clusterRoles,
  clusterrolebindings: types.clusterRoleBindings,
  users: types.users,
  globalroles: types.globalRoles,
  globalrolebindings: types.globalRoleBindings,
  workspaceroles: types.workspaceRoles,
  workspacerolebindings: types.workspaceRoleBindings,
  workspaces: types.workspaces,
  workspacetemplates: types.workspaceTemplates,
  loginrecords: types.loginRecords,
};

/** `/api/v1` or `/apis/<group>/<version>`. */
export function groupVersionPath(type: ResourceType): string {
  return type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
}

/** The URL path of a collection or one object of a type. */
export function resourcePath(type: ResourceType, namespace?: string, name?: string): string {
  let path = groupVersionPath(type);
  if (type.namespaced && namespace) path += `/namespaces/${encodeURIComponent(namespace)}`;
  path += `/${type.resource}`;
  if (name !== undefined) path += `/${encodeURIComponent(name)}`;
  return path;
}

/** `apps/v1`, `v1`. */
export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
