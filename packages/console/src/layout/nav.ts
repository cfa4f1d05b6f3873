/**
 * @module nav
 * The sidebar tables, one entry per page, for the three levels (platform → workspace → project), with
 * KubeSphere's permission metadata. `authKey`s are the platform's role-template modules (users, roles,
 * workspaces; projects, members, roles, workspace-settings; workloads, configs, volumes, members, roles,
 * project-settings) plus nodes/storageclasses/projects derived from policy rules (permissions/rules.ts). `filterNav` hides what the rules do not allow; a group whose
 * children are all hidden disappears.
 */
import { can, type Action, type RuleMap } from '../permissions/rules';

export interface NavItem {
  /** i18n key of the label; also the item's id. */
  key: string;
  /** Path relative to the level's root (`statefulsets`), absent for groups. */
  path?: string;
  /** Permission module; `a|b` = any. Defaults to the path. */
  authKey?: string;
  authAction?: Action;
  /** Always shown. */
  skipAuth?: boolean;
  /** Platform admins only. */
  admin?: boolean;
  icon?: string;
  children?: NavItem[];
}

/** The "Platform" panel (globalNavs) and the infrastructure sidebar. */
export const PLATFORM_NAV: NavItem[] = [
  {
    key: 'NAV_PLATFORM',
    children: [
      {
        key: 'WORKSPACES',
        path: 'workspaces',
        authKey: 'workspaces',
        authAction: 'manage',
        icon: 'workspace',
      },
      { key: 'PROJECTS', path: 'projects', authKey: 'projects', authAction: 'manage', icon: 'project' },
      { key: 'ACCOUNTS', path: 'accounts', authKey: 'users', icon: 'user' },
      { key: 'PLATFORM_ROLES', path: 'roles', authKey: 'roles', icon: 'role' },
    ],
  },
  {
    key: 'NAV_INFRASTRUCTURE',
    children: [
      { key: 'NODES', path: 'infrastructure/nodes', authKey: 'nodes', icon: 'node' },
      {
        key: 'STORAGE_CLASSES',
        path: 'infrastructure/storageclasses',
        authKey: 'storageclasses',
        icon: 'storage',
      },
      {
        key: 'SERVICE_COMPONENTS',
        path: 'infrastructure/components',
        authKey: 'components',
        icon: 'dashboard',
      },
    ],
  },
  {
    key: 'NAV_PLATFORM_SETTINGS',
    children: [{ key: 'AUDIT_LOG', path: 'audit-logs', authKey: 'auditing', icon: 'config' }],
  },
];

/** workspaceNavs */
export const WORKSPACE_NAV: NavItem[] = [
  { key: 'OVERVIEW', path: 'overview', skipAuth: true, icon: 'dashboard' },
  { key: 'PROJECTS', path: 'projects', authKey: 'projects', icon: 'project' },
  {
    key: 'WORKSPACE_SETTINGS',
    icon: 'setting',
    children: [
      { key: 'BASE_INFO', path: 'base-info', skipAuth: true },
      { key: 'WORKSPACE_ROLES', path: 'roles', authKey: 'roles' },
      { key: 'WORKSPACE_MEMBERS', path: 'members', authKey: 'members' },
    ],
  },
];

/** projectNavs, grouped as the 2.0 documentation shows them. */
export const PROJECT_NAV: NavItem[] = [
  { key: 'OVERVIEW', path: 'overview', skipAuth: true, icon: 'dashboard' },
  {
    key: 'WORKLOADS',
    icon: 'workload',
    children: [
      { key: 'DEPLOYMENTS', path: 'deployments', authKey: 'workloads' },
      { key: 'STATEFULSETS', path: 'statefulsets', authKey: 'workloads' },
      { key: 'DAEMONSETS', path: 'daemonsets', authKey: 'workloads' },
      { key: 'JOBS', path: 'jobs', authKey: 'workloads' },
      { key: 'CRONJOBS', path: 'cronjobs', authKey: 'workloads' },
      { key: 'PODS', path: 'pods', authKey: 'workloads' },
    ],
  },
  { key: 'STORAGE', icon: 'storage', children: [{ key: 'VOLUMES', path: 'volumes', authKey: 'volumes' }] },
  {
    key: 'NETWORK_SERVICES',
    icon: 'network',
    children: [
      { key: 'SERVICES', path: 'services', authKey: 'workloads' },
      { key: 'ROUTES', path: 'routes', authKey: 'workloads' },
    ],
  },
  {
    key: 'CONFIGURATION_CENTER',
    icon: 'config',
    children: [
      { key: 'SECRETS', path: 'secrets', authKey: 'configs' },
      { key: 'CONFIGMAPS', path: 'configmaps', authKey: 'configs' },
      { key: 'IMAGE_REGISTRY', path: 'image-registries', authKey: 'configs' },
    ],
  },
  {
    key: 'PROJECT_SETTINGS',
    icon: 'setting',
    children: [
      { key: 'BASE_INFO', path: 'base-info', skipAuth: true },
      { key: 'PROJECT_ROLES', path: 'roles', authKey: 'roles' },
      { key: 'PROJECT_MEMBERS', path: 'members', authKey: 'members' },
      { key: 'INTERNET_ACCESS', path: 'gateway', authKey: 'project-settings' },
    ],
  },
];

/** Is one leaf item visible? */
export function isVisible(item: NavItem, rules: RuleMap | null, isAdmin: boolean): boolean {
  if (item.admin && !isAdmin) return false;
  if (item.skipAuth) return true;
  return can(rules, item.authKey ?? item.path ?? item.key, item.authAction ?? 'view');
}

/** Filters a nav table by the rules; groups survive only with at least one visible child. */
export function filterNav(items: NavItem[], rules: RuleMap | null, isAdmin = false): NavItem[] {
  const out: NavItem[] = [];
  for (const item of items) {
    if (item.children) {
      const children = filterNav(item.children, rules, isAdmin);
      if (children.length) out.push({ ...item, children });
    } else if (isVisible(item, rules, isAdmin)) {
      out.push(item);
    }
  }
  return out;
}

/** Flattens a nav table into its leaves (for the command palette). */
export function navLeaves(items: NavItem[]): NavItem[] {
  return items.flatMap((i) => (i.children ? navLeaves(i.children) : [i]));
}
