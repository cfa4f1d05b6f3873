/**
 * @module iam/builtin
 * Built-in roles and role templates, as data. Platform roles are GlobalRoles; workspace and project roles
 * are RoleBases stamped into every workspace (WorkspaceRole `<ws>-<name>`) and project (Role `<name>`).
 * Role templates are the building blocks of custom roles (`iam.kubesphere.io/aggregation-roles`).
 */
import type { PolicyRule } from '../authz/types';

const r = (apiGroups: string[], resources: string[], verbs: string[]): PolicyRule => ({
  apiGroups,
  resources,
  verbs,
});
const ALL = ['*'];
const READ = ['get', 'list', 'watch'];
const IAMG = 'iam.kubesphere.io';
const TEN = 'tenant.kubesphere.io';

/** Platform roles. */
export const globalRoles: Record<string, PolicyRule[]> = {
  'platform-admin': [r(ALL, ALL, ALL), { nonResourceURLs: ['*'], verbs: ALL }],
  'platform-regular': [],
  'users-manager': [
    r([IAMG], ['users', 'users/password', 'users/loginrecords', 'globalroles', 'globalrolebindings'], ALL),
  ],
  'workspaces-manager': [
    r([TEN], ['workspaces', 'workspacetemplates'], ALL),
    r([IAMG], ['workspacemembers', 'workspaceroles', 'workspacerolebindings'], ALL),
    r([IAMG], ['users'], READ),
  ],
  /** Bound to the group every signed-in user has. */
  authenticated: [
    r([IAMG], ['users'], READ),
    r(['', 'storage.k8s.io'], ['storageclasses', 'nodes'], READ),
    { nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/version', '/healthz'], verbs: ['get'] },
  ],
};

/** Descriptions shown by the console. */
export const roleDescriptions: Record<string, string> = {
  'platform-admin': 'Manage all resources on the platform.',
  'platform-regular': 'Access the workspaces and projects the user is invited to.',
  'users-manager': 'Manage users and platform roles.',
  'workspaces-manager': 'Manage all workspaces and their members.',
  admin: 'Manage all resources in the scope.',
  'self-provisioner': 'Create projects in the workspace and manage the ones created.',
  regular: 'View workspace settings; access the projects the user is invited to.',
  viewer: 'View all resources in the scope.',
  operator: 'Manage workloads and configuration in the project, but not its members or roles.',
};

/** Workspace roles (stamped as `<ws>-<name>`). */
export const workspaceRoleBases: Record<string, PolicyRule[]> = {
  admin: [r(ALL, ALL, ALL)],
  'self-provisioner': [
    r([TEN], ['workspaces'], READ),
    r([IAMG], ['workspacemembers'], READ),
    r(['', TEN], ['namespaces'], ['create']),
  ],
  regular: [r([TEN], ['workspaces'], READ), r([IAMG], ['workspacemembers'], READ)],
  viewer: [r(ALL, ALL, READ)],
};

const projectWriteCore = [
  'pods',
  'pods/log',
  'pods/exec',
  'pods/attach',
  'pods/portforward',
  'services',
  'endpoints',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'serviceaccounts',
  'events',
  'replicationcontrollers',
];

/** Project roles (stamped into every project namespace as Roles). */
export const projectRoleBases: Record<string, PolicyRule[]> = {
  admin: [r(ALL, ALL, ALL)],
  operator: [
    r(ALL, ALL, READ),
    r([''], projectWriteCore, ALL),
    r(['apps', 'batch', 'autoscaling', 'extensions', 'networking.k8s.io', 'policy'], ALL, ALL),
    // Reads of resources.kubesphere.io (the project gateway, `router`) come with READ above; managing
    // the gateway is a project setting, left to project admins.
    r(['monitoring.kubesphere.io'], ALL, ALL),
  ],
  viewer: [r(ALL, ALL, READ)],
};

export type TemplateScope = 'global' | 'workspace' | 'namespace';

export interface RoleTemplate {
  scope: TemplateScope;
  name: string;
  /** Console module this template toggles, and whether it views or manages it. */
  module: string;
  access: 'view' | 'manage' | 'create';
  dependencies: string[];
  rules: PolicyRule[];
}

const tpl = (
  scope: TemplateScope,
  name: string,
  module: string,
  access: RoleTemplate['access'],
  rules: PolicyRule[],
  dependencies: string[] = [],
): RoleTemplate => ({ scope, name: `role-template-${name}`, module, access, rules, dependencies });

/** Role templates, the building blocks of custom roles at each scope. */
export const roleTemplates: RoleTemplate[] = [
  tpl('global', 'view-users', 'users', 'view', [
    r([IAMG], ['users', 'users/loginrecords', 'globalrolebindings'], READ),
  ]),
  tpl(
    'global',
    'manage-users',
    'users',
    'manage',
    [r([IAMG], ['users', 'users/password', 'users/loginrecords', 'globalrolebindings'], ALL)],
    ['role-template-view-users'],
  ),
  tpl('global', 'view-roles', 'roles', 'view', [r([IAMG], ['globalroles'], READ)]),
  tpl(
    'global',
    'manage-roles',
    'roles',
    'manage',
    [r([IAMG], ['globalroles'], ALL)],
    ['role-template-view-roles'],
  ),
  tpl('global', 'view-workspaces', 'workspaces', 'view', [
    r([TEN], ['workspaces', 'workspacetemplates'], READ),
    r([IAMG], ['workspacemembers', 'workspaceroles'], READ),
  ]),
  tpl(
    'global',
    'manage-workspaces',
    'workspaces',
    'manage',
    [
      r([TEN], ['workspaces', 'workspacetemplates'], ALL),
      r([IAMG], ['workspacemembers', 'workspaceroles', 'workspacerolebindings'], ALL),
    ],
    ['role-template-view-workspaces'],
  ),
  tpl('workspace', 'view-projects', 'projects', 'view', [
    r(['', TEN], ['namespaces'], READ),
    r(ALL, ALL, READ),
  ]),
  tpl('workspace', 'create-projects', 'projects', 'create', [r(['', TEN], ['namespaces'], ['create'])]),
  tpl(
    'workspace',
    'manage-projects',
    'projects',
    'manage',
    [r(ALL, ALL, ALL)],
    ['role-template-view-projects'],
  ),
  tpl('workspace', 'view-members', 'members', 'view', [r([IAMG], ['workspacemembers'], READ)]),
  tpl(
    'workspace',
    'manage-members',
    'members',
    'manage',
    [r([IAMG], ['workspacemembers', 'workspacerolebindings'], ALL)],
    ['role-template-view-members'],
  ),
  tpl('workspace', 'view-roles', 'roles', 'view', [r([IAMG], ['workspaceroles'], READ)]),
  tpl(
    'workspace',
    'manage-roles',
    'roles',
    'manage',
    [r([IAMG], ['workspaceroles'], ALL)],
    ['role-template-view-roles'],
  ),
  tpl('workspace', 'view-workspace-settings', 'workspace-settings', 'view', [
    r([TEN], ['workspaces', 'resourcequotas'], READ),
  ]),
  tpl(
    'workspace',
    'manage-workspace-settings',
    'workspace-settings',
    'manage',
    [r([TEN], ['workspaces', 'resourcequotas'], ALL)],
    ['role-template-view-workspace-settings'],
  ),
  tpl('namespace', 'view-workloads', 'workloads', 'view', [
    r(
      ['', 'apps', 'batch', 'autoscaling'],
      [
        'pods',
        'pods/log',
        'services',
        'deployments',
        'statefulsets',
        'daemonsets',
        'replicasets',
        // Revision history of StatefulSets and DaemonSets (the console's Revision Rollback lists them).
        'controllerrevisions',
        'jobs',
        'cronjobs',
        'horizontalpodautoscalers',
        'events',
      ],
      READ,
    ),
  ]),
  tpl(
    'namespace',
    'manage-workloads',
    'workloads',
    'manage',
    [
      r(
        ['', 'apps', 'batch', 'autoscaling'],
        [
          'pods',
          'pods/log',
          'pods/exec',
          'services',
          'deployments',
          'deployments/scale',
          'statefulsets',
          'statefulsets/scale',
          'daemonsets',
          'replicasets',
          'jobs',
          'cronjobs',
          'horizontalpodautoscalers',
        ],
        ALL,
      ),
    ],
    ['role-template-view-workloads'],
  ),
  tpl('namespace', 'view-configs', 'configs', 'view', [
    r([''], ['configmaps', 'secrets', 'serviceaccounts'], READ),
  ]),
  tpl(
    'namespace',
    'manage-configs',
    'configs',
    'manage',
    [r([''], ['configmaps', 'secrets', 'serviceaccounts'], ALL)],
    ['role-template-view-configs'],
  ),
  tpl('namespace', 'view-volumes', 'volumes', 'view', [r([''], ['persistentvolumeclaims'], READ)]),
  tpl(
    'namespace',
    'manage-volumes',
    'volumes',
    'manage',
    [r([''], ['persistentvolumeclaims'], ALL)],
    ['role-template-view-volumes'],
  ),
  tpl('namespace', 'view-members', 'members', 'view', [
    r([IAMG], ['members'], READ),
    r(['rbac.authorization.k8s.io'], ['rolebindings'], READ),
  ]),
  tpl(
    'namespace',
    'manage-members',
    'members',
    'manage',
    [r([IAMG], ['members'], ALL), r(['rbac.authorization.k8s.io'], ['rolebindings'], ALL)],
    ['role-template-view-members'],
  ),
  tpl('namespace', 'view-roles', 'roles', 'view', [r(['rbac.authorization.k8s.io'], ['roles'], READ)]),
  tpl(
    'namespace',
    'manage-roles',
    'roles',
    'manage',
    [r(['rbac.authorization.k8s.io'], ['roles'], ALL)],
    ['role-template-view-roles'],
  ),
  tpl('namespace', 'view-project-settings', 'project-settings', 'view', [
    r([''], ['namespaces', 'resourcequotas', 'limitranges'], READ),
    r(['resources.kubesphere.io'], ['router'], READ),
  ]),
  tpl(
    'namespace',
    'manage-project-settings',
    'project-settings',
    'manage',
    [
      r([''], ['namespaces', 'resourcequotas', 'limitranges'], ALL),
      r(['resources.kubesphere.io'], ['router'], ALL),
    ],
    ['role-template-view-project-settings'],
  ),
];

/** The modules each built-in role shows in the console (the `role-template-rules` annotation). */
export function templateRulesFor(rules: PolicyRule[], scope: TemplateScope): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of roleTemplates) {
    if (t.scope !== scope) continue;
    const covered = t.rules.every((tr) => coveredByAll(rules, tr));
    if (!covered) continue;
    const prev = out[t.module];
    if (!prev || rank(t.access) > rank(prev)) out[t.module] = t.access;
  }
  return out;
}

const rank = (a: string) => (a === 'manage' ? 2 : a === 'create' ? 1 : 0);

/**
 * Whether a set of rules grants what template rule `b` means. Templates list several API groups and
 * resources in one rule (not every pair exists: there are no core `deployments`), and roles often split
 * the same rights across rules per group; so each resource must be granted, with all of `b`'s verbs, in
 * one of `b`'s groups by one of the rules.
 */
export function coveredByAll(rules: PolicyRule[], b: PolicyRule): boolean {
  if (rules.some((rr) => covers(rr, b))) return true;
  if (b.nonResourceURLs?.length || b.resourceNames?.length) return false;
  const groups = b.apiGroups?.length ? b.apiGroups : [''];
  const resources = b.resources ?? [];
  // Wildcards in the template itself can only be covered by a single wildcard rule (checked above).
  if (groups.includes('*') || resources.includes('*')) return false;
  return resources.every((res) =>
    groups.some((g) => rules.some((rr) => covers(rr, { apiGroups: [g], resources: [res], verbs: b.verbs }))),
  );
}

/** Whether rule `a` grants at least everything rule `b` grants (approximate, wildcard-aware). */
export function covers(a: PolicyRule, b: PolicyRule): boolean {
  const sub = (outer: string[] | undefined, inner: string[] | undefined) =>
    !inner ||
    inner.length === 0 ||
    (!!outer && (outer.includes('*') || inner.every((x) => outer.includes(x))));
  if (b.nonResourceURLs?.length) return sub(a.nonResourceURLs, b.nonResourceURLs) && sub(a.verbs, b.verbs);
  if (a.resourceNames?.length) return false;
  return sub(a.verbs, b.verbs) && sub(a.apiGroups, b.apiGroups) && sub(a.resources, b.resources);
}
