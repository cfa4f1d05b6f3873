/**
 * @module api/iam
 * Users, roles and members (`iam.kubesphere.io/v1alpha2`) and workspaces/projects
 * (`tenant.kubesphere.io/v1alpha2`).
 */
import type { KubeObject } from '@sphere/shared';
import { request } from './http';
import type { ListQuery, PagedList } from './resources';
import { iamPath, tenantPath } from './paths';

export interface UserObject extends KubeObject {
  spec?: { email?: string; lang?: string; description?: string; password?: string };
  status?: { state?: string; lastLoginTime?: string; reason?: string };
}

/** Scope of a role/member collection. */
export type Scope =
  { kind: 'global' } | { kind: 'workspace'; workspace: string } | { kind: 'namespace'; namespace: string };

const enc = encodeURIComponent;

function rolesBase(scope: Scope): string {
  if (scope.kind === 'workspace') return iamPath(`workspaces/${enc(scope.workspace)}/workspaceroles`);
  if (scope.kind === 'namespace') return iamPath(`namespaces/${enc(scope.namespace)}/roles`);
  return iamPath('globalroles');
}

function membersBase(scope: Scope): string {
  if (scope.kind === 'workspace') return iamPath(`workspaces/${enc(scope.workspace)}/workspacemembers`);
  if (scope.kind === 'namespace') return iamPath(`namespaces/${enc(scope.namespace)}/members`);
  return iamPath('users');
}

export const iam = {
  listUsers: (query: ListQuery) => request<PagedList<UserObject>>(iamPath('users'), { query }),
  getUser: (name: string) => request<UserObject>(iamPath(`users/${enc(name)}`)),
  createUser: (user: UserObject) => request<UserObject>(iamPath('users'), { method: 'POST', body: user }),
  updateUser: (user: UserObject) =>
    request<UserObject>(iamPath(`users/${enc(user.metadata.name ?? '')}`), { method: 'PUT', body: user }),
  deleteUser: (name: string) => request(iamPath(`users/${enc(name)}`), { method: 'DELETE' }),
  loginRecords: (name: string) => request<PagedList>(iamPath(`users/${enc(name)}/loginrecords`)),

  listRoles: (scope: Scope, query: ListQuery = {}) => request<PagedList>(rolesBase(scope), { query }),
  getRole: (scope: Scope, name: string) => request<KubeObject>(`${rolesBase(scope)}/${enc(name)}`),
  createRole: (scope: Scope, role: KubeObject) =>
    request<KubeObject>(rolesBase(scope), { method: 'POST', body: role }),
  roleTemplates: (scope: string) => request<PagedList>(iamPath('roletemplates'), { query: { scope } }),
  deleteRole: (scope: Scope, name: string) =>
    request(`${rolesBase(scope)}/${enc(name)}`, { method: 'DELETE' }),

  listMembers: (scope: Scope, query: ListQuery = {}) =>
    request<PagedList<UserObject>>(membersBase(scope), { query }),
  addMembers: (scope: Scope, members: { username: string; roleRef: string }[]) =>
    request(membersBase(scope), { method: 'POST', body: members }),
  updateMember: (scope: Scope, member: { username: string; roleRef: string }) =>
    request(`${membersBase(scope)}/${enc(member.username)}`, { method: 'PUT', body: member }),
  removeMember: (scope: Scope, username: string) =>
    request(`${membersBase(scope)}/${enc(username)}`, { method: 'DELETE' }),
};

export const tenant = {
  listWorkspaces: (query: ListQuery = {}) => request<PagedList>(tenantPath('workspaces'), { query }),
  getWorkspace: (ws: string) => request<KubeObject>(tenantPath(`workspaces/${enc(ws)}`)),
  createWorkspace: (template: KubeObject) =>
    request<KubeObject>(tenantPath('workspaces'), { method: 'POST', body: template }),
  deleteWorkspace: (ws: string) => request(tenantPath(`workspaces/${enc(ws)}`), { method: 'DELETE' }),
  listNamespaces: (workspace: string | undefined, query: ListQuery = {}) =>
    request<PagedList>(
      workspace ? tenantPath(`workspaces/${enc(workspace)}/namespaces`) : tenantPath('namespaces'),
      { query },
    ),
  createNamespace: (workspace: string, ns: KubeObject) =>
    request<KubeObject>(tenantPath(`workspaces/${enc(workspace)}/namespaces`), { method: 'POST', body: ns }),
  deleteNamespace: (workspace: string, ns: string) =>
    request(tenantPath(`workspaces/${enc(workspace)}/namespaces/${enc(ns)}`), { method: 'DELETE' }),
};
