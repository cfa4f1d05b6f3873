/**
 * @module bootstrap
 * What the platform puts in the cluster at start, idempotently (two replicas may run it at once): built-in
 * global roles (rules kept in line with the code), the group binding of `authenticated`, workspace and
 * project RoleBases, role templates, and the `admin` user bound to `platform-admin`.
 */
import { StatusError, type KubeObject } from '@sphere/shared';
import type { RoleObject } from './authz/types';
import { hashPassword } from './auth/password';
import type { Platform, UserObject } from './context';
import {
  globalRoles,
  projectRoleBases,
  roleTemplates,
  workspaceRoleBases,
  type RoleTemplate,
} from './iam/builtin';
import { L } from './iam/labels';
import {
  authenticatedBinding,
  globalRoleBinding,
  globalRoleObject,
  projectRoleObject,
  workspaceRoleObject,
} from './iam/objects';
import { IAM, types, type ResourceType } from './kube/resources';

export const DEFAULT_ADMIN_PASSWORD = 'P@88w0rd';
const BUILTIN = 'iam.kubesphere.io/builtin';

/** Creates or corrects an object whose content the platform owns (compares `rules`/`role`). */
async function ensureOwned(
  p: Platform,
  type: ResourceType,
  desired: KubeObject,
  field: 'rules' | 'role',
): Promise<void> {
  const current = await p.client.find<KubeObject>(type, desired.metadata.name!);
  if (!current) {
    await p.ensure(type, desired);
    return;
  }
  if (JSON.stringify(current[field]) === JSON.stringify(desired[field])) return;
  try {
    await p.update(type, {
      ...current,
      [field]: desired[field],
      metadata: {
        ...current.metadata,
        labels: { ...current.metadata.labels, ...desired.metadata.labels },
        annotations: { ...current.metadata.annotations, ...desired.metadata.annotations },
      },
    });
  } catch (err) {
    if (!(err instanceof StatusError && err.code === 409)) throw err; // a peer corrected it first
  }
}

const builtinLabels = { [BUILTIN]: 'true' };

/** A RoleBase object: the template of a workspace or project role, stamped by the controllers. */
export function roleBaseObject(name: string, role: RoleObject, scopeLabel: string): KubeObject {
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'RoleBase',
    metadata: { name, labels: { ...builtinLabels, [scopeLabel]: '' } },
    role,
  };
}

function templateObject(t: RoleTemplate): KubeObject {
  const labels = { ...builtinLabels, [L.roleTemplate]: 'true' };
  const annotations = {
    [L.roleTemplateRules]: JSON.stringify({ [t.module]: t.access }),
    'iam.kubesphere.io/module': t.module,
    'iam.kubesphere.io/dependencies': JSON.stringify(t.dependencies),
  };
  if (t.scope === 'global')
    return { ...globalRoleObject(t.name, t.rules), metadata: { name: t.name, labels, annotations } };
  if (t.scope === 'workspace') {
    return {
      apiVersion: `${IAM}/v1alpha2`,
      kind: 'WorkspaceRole',
      metadata: { name: t.name, labels, annotations },
      rules: t.rules,
    };
  }
  return {
    apiVersion: `${IAM}/v1alpha2`,
    kind: 'RoleBase',
    metadata: { name: t.name, labels: { ...labels, [L.scopeNamespace]: '' }, annotations },
    role: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: t.name, labels, annotations },
      rules: t.rules,
    },
  };
}

export async function bootstrap(p: Platform, adminPassword: string | undefined): Promise<void> {
  for (const [name, rules] of Object.entries(globalRoles)) {
    const role = globalRoleObject(name, rules);
    role.metadata.labels = builtinLabels;
    await ensureOwned(p, types.globalRoles, role, 'rules');
  }
  await p.ensure(types.globalRoleBindings, authenticatedBinding());
  for (const [name, rules] of Object.entries(workspaceRoleBases)) {
    const role = workspaceRoleObject('', name, rules);
    role.metadata.name = name;
    delete role.metadata.labels;
    await ensureOwned(
      p,
      types.roleBases,
      roleBaseObject(`workspace-${name}`, role, L.scopeWorkspace),
      'role',
    );
  }
  for (const [name, rules] of Object.entries(projectRoleBases)) {
    const role = projectRoleObject('', name, rules);
    delete role.metadata.namespace;
    await ensureOwned(p, types.roleBases, roleBaseObject(`project-${name}`, role, L.scopeNamespace), 'role');
  }
  for (const t of roleTemplates) {
    const obj = templateObject(t);
    const type =
      t.scope === 'global'
        ? types.globalRoles
        : t.scope === 'workspace'
          ? types.workspaceRoles
          : types.roleBases;
    await ensureOwned(p, type, obj, t.scope === 'namespace' ? 'role' : 'rules');
  }
  await ensureAdmin(p, adminPassword);
}

async function ensureAdmin(p: Platform, adminPassword: string | undefined): Promise<void> {
  const existing = await p.client.find<UserObject>(types.users, 'admin');
  if (!existing) {
    const password = adminPassword ?? DEFAULT_ADMIN_PASSWORD;
    const annotations: Record<string, string> = { [L.lastPasswordChange]: p.now().toISOString() };
    // The default password is public knowledge: the first login must replace it.
    if (password === DEFAULT_ADMIN_PASSWORD) annotations[L.uninitialized] = 'true';
    const admin: UserObject = {
      metadata: { name: 'admin', annotations },
      spec: { email: 'admin@kubesphere.io', password: await hashPassword(password, p.cfg.bcryptCost) },
      status: { state: 'Active', lastTransitionTime: p.now().toISOString() },
    };
    await p.ensure(types.users, admin);
  }
  const binding = globalRoleBinding('admin', 'platform-admin');
  await p.ensure(types.globalRoleBindings, binding);
}
