/**
 * @module iam/objects
 * Builders for the IAM objects with KubeSphere's naming conventions: bindings `<user>-<role>` labelled with
 * `iam.kubesphere.io/user-ref`, workspace roles `<ws>-<role>`, project roles stamped by name.
 */
import type { BindingObject, PolicyRule, RoleObject } from '../authz/types';
import { IAM, RBAC } from '../kube/resources';
import { L } from './labels';
import { roleDescriptions, templateRulesFor, type TemplateScope } from './builtin';

const annotationsFor = (name: string, rules: PolicyRule[], scope: TemplateScope) => ({
  [L.roleTemplateRules]: JSON.stringify(templateRulesFor(rules, scope)),
  ...(roleDescriptions[name] ? { [L.description]: roleDescriptions[name] } : {}),
});

export function globalRoleObject(name: string, rules: PolicyRule[]): RoleObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'GlobalRole',
    metadata: { name, annotations: annotationsFor(name, rules, 'global') },
    rules,
  };
}

export function workspaceRoleObject(workspace: string, base: string, rules: PolicyRule[]): RoleObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'WorkspaceRole',
    metadata: {
      name: `${workspace}-${base}`,
      labels: { [L.workspace]: workspace },
      annotations: annotationsFor(base, rules, 'workspace'),
    },
    rules,
  };
}

export function projectRoleObject(namespace: string, name: string, rules: PolicyRule[]): RoleObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: 'Role',
    metadata: { name, namespace, annotations: annotationsFor(name, rules, 'namespace') },
    rules,
  };
}

const userSubject = (user: string) => ({ kind: 'User', apiGroup: RBAC, name: user });

export function globalRoleBinding(user: string, role: string): BindingObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'GlobalRoleBinding',
    metadata: { name: `${user}-${role}`, labels: { [L.userRef]: user } },
    subjects: [userSubject(user)],
    roleRef: { apiGroup: IAM, kind: 'GlobalRole', name: role },
  };
}

/** `role` is the full WorkspaceRole name (`<ws>-admin`). */
export function workspaceRoleBinding(
  workspace: string,
  user: string,
  role: string,
  name = `${user}-${role}`,
): BindingObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'WorkspaceRoleBinding',
    metadata: { name, labels: { [L.userRef]: user, [L.workspace]: workspace } },
    subjects: [userSubject(user)],
    roleRef: { apiGroup: IAM, kind: 'WorkspaceRole', name: role },
  };
}

export function projectRoleBinding(namespace: string, user: string, role: string): BindingObject {
  return {
    apiVersion: `${RBAC}/v1`,
    kind: 'RoleBinding',
    metadata: { name: `${user}-${role}`, namespace, labels: { [L.userRef]: user } },
    subjects: [userSubject(user)],
    roleRef: { apiGroup: RBAC, kind: 'Role', name: role },
  };
}

/** The group binding that gives every signed-in user the `authenticated` role. */
export function authenticatedBinding(): BindingObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'GlobalRoleBinding',
    metadata: { name: 'authenticated' },
    subjects: [{ kind: 'Group', apiGroup: RBAC, name: 'system:authenticated' }],
    roleRef: { apiGroup: IAM, kind: 'GlobalRole', name: 'authenticated' },
  };
}

/** Whether a workspace role name belongs to a workspace, and its short name (`demo-admin` → `admin`). */
export function workspaceRoleShortName(workspace: string, roleName: string): string | undefined {
  return roleName.startsWith(`${workspace}-`) ? roleName.slice(workspace.length + 1) : undefined;
}
