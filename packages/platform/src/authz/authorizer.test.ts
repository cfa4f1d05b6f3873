import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { globalRoles, projectRoleBases, workspaceRoleBases } from '../iam/builtin';
import {
  authenticatedBinding,
  globalRoleBinding,
  globalRoleObject,
  projectRoleBinding,
  projectRoleObject,
  workspaceRoleBinding,
  workspaceRoleObject,
} from '../iam/objects';
import { authorize, forbiddenMessage } from './authorizer';
import { arrayLookup, policyFrom } from './policy';
import { requestAttributes } from './requestinfo';
import type { BindingObject, RoleObject } from './types';

const ns = (name: string, ws?: string): KubeObject => ({
  metadata: { name, labels: ws ? { 'kubesphere.io/workspace': ws } : {} },
});

const wsRoles = (ws: string) =>
  Object.entries(workspaceRoleBases).map(([n, rules]) => workspaceRoleObject(ws, n, rules));
const projRoles = (n: string) =>
  Object.entries(projectRoleBases).map(([name, rules]) => projectRoleObject(n, name, rules));

const policy = policyFrom({
  globalRoles: arrayLookup<RoleObject>(
    Object.entries(globalRoles).map(([n, rules]) => globalRoleObject(n, rules)),
  ),
  globalRoleBindings: arrayLookup<BindingObject>([
    authenticatedBinding(),
    globalRoleBinding('admin', 'platform-admin'),
    globalRoleBinding('um', 'users-manager'),
    globalRoleBinding('wm', 'workspaces-manager'),
  ]),
  workspaceRoles: arrayLookup<RoleObject>([...wsRoles('wa'), ...wsRoles('wb')]),
  workspaceRoleBindings: arrayLookup<BindingObject>([
    workspaceRoleBinding('wa', 'wsadmin', 'wa-admin'),
    workspaceRoleBinding('wa', 'selfp', 'wa-self-provisioner'),
    workspaceRoleBinding('wa', 'wsview', 'wa-viewer'),
    workspaceRoleBinding('wa', 'wsreg', 'wa-regular'),
  ]),
  roles: arrayLookup<RoleObject>([...projRoles('pa'), ...projRoles('pb')]),
  roleBindings: arrayLookup<BindingObject>([
    projectRoleBinding('pa', 'padmin', 'admin'),
    projectRoleBinding('pa', 'pop', 'operator'),
    projectRoleBinding('pa', 'pview', 'viewer'),
    projectRoleBinding('pa', 'wsreg', 'viewer'),
  ]),
  clusterRoles: arrayLookup<RoleObject>([]),
  clusterRoleBindings: arrayLookup<BindingObject>([]),
  namespaces: arrayLookup([ns('pa', 'wa'), ns('pb', 'wb'), ns('loose')]),
});

const user = (name: string) => ({ name, groups: ['system:authenticated'] });
const K = '/kapis/iam.kubesphere.io/v1alpha2';
const T = '/kapis/tenant.kubesphere.io/v1alpha2';

describe('authorize (KubeSphere evaluation order over built-in roles)', () => {
  it.each([
    // who, method, path, allowed
    ['admin', 'DELETE', '/api/v1/namespaces/pb/secrets/s', true],
    ['admin', 'GET', '/api/v1/nodes', true],
    ['um', 'POST', `${K}/users`, true],
    ['um', 'GET', '/api/v1/namespaces/pa/pods', false],
    ['um', 'POST', `${T}/workspaces`, false],
    ['wm', 'POST', `${T}/workspaces`, true],
    ['wm', 'DELETE', `${T}/workspaces/wb`, true],
    ['wm', 'POST', `${K}/users`, false],
    ['nobody', 'GET', `${K}/users`, true],
    ['nobody', 'PUT', `${K}/users/nobody/password`, true],
    ['nobody', 'PUT', `${K}/users/admin/password`, false],
    ['nobody', 'DELETE', `${K}/users/nobody`, false],
    ['nobody', 'GET', '/api/v1/namespaces/pa/pods', false],
    ['wsadmin', 'POST', `${T}/workspaces/wa/namespaces`, true],
    ['wsadmin', 'DELETE', '/api/v1/namespaces/pa/secrets/x', true],
    ['wsadmin', 'GET', '/api/v1/namespaces/pb/pods', false],
    ['wsadmin', 'POST', `${T}/workspaces/wb/namespaces`, false],
    ['wsadmin', 'POST', `${K}/globalroles`, false],
    ['selfp', 'POST', `${T}/workspaces/wa/namespaces`, true],
    ['selfp', 'GET', '/api/v1/namespaces/pa/pods', false],
    ['selfp', 'GET', `${K}/workspaces/wa/workspacemembers`, true],
    ['wsreg', 'POST', `${T}/workspaces/wa/namespaces`, false],
    ['wsreg', 'GET', '/api/v1/namespaces/pa/pods', true],
    ['wsreg', 'POST', '/api/v1/namespaces/pa/pods', false],
    ['wsview', 'GET', '/api/v1/namespaces/pa/secrets', true],
    ['wsview', 'DELETE', '/api/v1/namespaces/pa/secrets/x', false],
    ['wsview', 'GET', '/api/v1/namespaces/pb/secrets', false],
    ['padmin', 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/pa/rolebindings', true],
    ['padmin', 'POST', `${K}/namespaces/pa/members`, true],
    ['padmin', 'GET', '/api/v1/namespaces/pb/pods', false],
    ['pop', 'POST', '/apis/apps/v1/namespaces/pa/deployments', true],
    ['pop', 'DELETE', '/api/v1/namespaces/pa/secrets/x', true],
    ['pop', 'POST', `${K}/namespaces/pa/members`, false],
    ['pop', 'POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/pa/roles', false],
    ['pview', 'GET', '/apis/apps/v1/namespaces/pa/deployments?watch=true', true],
    ['pview', 'PATCH', '/apis/apps/v1/namespaces/pa/deployments/d', false],
    ['padmin', 'GET', '/api/v1/namespaces/loose/pods', false],
  ])('%s %s %s → %s', (who, method, target, allowed) => {
    const url = new URL(target, 'http://x');
    const attrs = requestAttributes(method, url.pathname, url.searchParams);
    expect(authorize(user(who), attrs, policy).allowed).toBe(allowed);
  });

  it('names user, verb, resource and namespace in the denial message', () => {
    const attrs = requestAttributes('DELETE', '/api/v1/namespaces/pb/secrets/s', new URLSearchParams());
    expect(forbiddenMessage(user('pop'), attrs)).toBe(
      'user "pop" cannot delete resource "secrets" in API group "" in the namespace "pb"',
    );
  });
});
