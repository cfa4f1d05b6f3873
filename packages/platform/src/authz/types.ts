/**
 * @module authz/types
 * The data the authorizer decides over: Kubernetes RBAC shapes shared by GlobalRole, WorkspaceRole, Role
 * and ClusterRole (rules) and by all their bindings (subjects + roleRef).
 */
import type { KubeObject } from '@sphere/shared';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string; // User | Group | ServiceAccount
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface RoleObject extends KubeObject {
  rules?: PolicyRule[];
}

export interface BindingObject extends KubeObject {
  subjects?: Subject[];
  roleRef: RoleRef;
}

/** Who is asking. */
export interface UserInfo {
  name: string;
  groups: string[];
}

export type Scope = 'Global' | 'Cluster' | 'Workspace' | 'Namespace';

/** What is being asked, parsed from the request (see requestinfo.ts). */
export interface Attributes {
  verb: string;
  resourceRequest: boolean;
  /** For non-resource requests. */
  path: string;
  apiGroup: string;
  apiVersion: string;
  resource: string;
  subresource: string;
  name: string;
  namespace: string;
  workspace: string;
  scope: Scope;
  /** /api and /apis (proxied to the cluster) as opposed to /kapis (platform API). */
  kubernetesRequest: boolean;
}

/** Read access to every role and binding, as the watch caches hold them. */
export interface PolicySource {
  globalRoleBindings(): BindingObject[];
  globalRole(name: string): RoleObject | undefined;
  workspaceRoleBindings(workspace: string): BindingObject[];
  workspaceRole(name: string): RoleObject | undefined;
  roleBindings(namespace: string): BindingObject[];
  role(namespace: string, name: string): RoleObject | undefined;
  clusterRoleBindings(): BindingObject[];
  clusterRole(name: string): RoleObject | undefined;
  /** The workspace owning a namespace (its `kubesphere.io/workspace` label). */
  workspaceOfNamespace(namespace: string): string | undefined;
}

export interface Decision {
  allowed: boolean;
  /** Which binding allowed it, for audit and debugging. */
  reason: string;
}
