/**
 * @module authz/policy
 * A PolicySource over object lookups (the watch caches in the server, plain arrays in tests).
 */
import type { KubeObject } from '@sphere/shared';
import { L } from '../iam/labels';
import type { BindingObject, PolicySource, RoleObject } from './types';

/** What the policy needs from a cache: get by name and list (optionally one namespace). */
export interface Lookup<T extends KubeObject> {
  get(name: string, namespace?: string): T | undefined;
  list(namespace?: string): T[];
  /** Changes whenever the contents change (watch caches); lets derived indexes be memoized. */
  readonly generation?: number;
}

/** Workspace → its WorkspaceRoleBindings, rebuilt only when the bindings change. */
function workspaceIndex(l: Lookup<BindingObject>): (ws: string) => BindingObject[] {
  let built = -1;
  let index = new Map<string, BindingObject[]>();
  return (ws) => {
    if (l.generation === undefined) return l.list().filter((b) => b.metadata.labels?.[L.workspace] === ws);
    if (built !== l.generation) {
      index = new Map();
      for (const b of l.list()) {
        const w = b.metadata.labels?.[L.workspace];
        if (!w) continue;
        if (!index.has(w)) index.set(w, []);
        index.get(w)!.push(b);
      }
      built = l.generation;
    }
    return index.get(ws) ?? [];
  };
}

export interface PolicyLookups {
  globalRoles: Lookup<RoleObject>;
  globalRoleBindings: Lookup<BindingObject>;
  workspaceRoles: Lookup<RoleObject>;
  workspaceRoleBindings: Lookup<BindingObject>;
  roles: Lookup<RoleObject>;
  roleBindings: Lookup<BindingObject>;
  clusterRoles: Lookup<RoleObject>;
  clusterRoleBindings: Lookup<BindingObject>;
  namespaces: Lookup<KubeObject>;
}

/** Builds the authorizer's view of the world from lookups. */
export function policyFrom(l: PolicyLookups): PolicySource {
  const wrbs = workspaceIndex(l.workspaceRoleBindings);
  return {
    globalRoleBindings: () => l.globalRoleBindings.list(),
    globalRole: (name) => l.globalRoles.get(name),
    workspaceRoleBindings: wrbs,
    workspaceRole: (name) => l.workspaceRoles.get(name),
    roleBindings: (ns) => l.roleBindings.list(ns),
    role: (ns, name) => l.roles.get(name, ns),
    clusterRoleBindings: () => l.clusterRoleBindings.list(),
    clusterRole: (name) => l.clusterRoles.get(name),
    workspaceOfNamespace: (ns) => l.namespaces.get(ns)?.metadata.labels?.[L.workspace],
  };
}

/** A Lookup over a fixed array (tests, and one-off computations). */
export function arrayLookup<T extends KubeObject>(items: T[]): Lookup<T> {
  const key = (name: string, ns?: string) => (ns ? `${ns}/${name}` : name);
  const map = new Map(items.map((o) => [key(o.metadata.name ?? '', o.metadata.namespace), o]));
  return {
    get: (name, ns) => map.get(key(name, ns)),
    list: (ns) => (ns === undefined ? items : items.filter((o) => o.metadata.namespace === ns)),
  };
}
