/**
 * @module controllers/tenant
 * Reconcilers for workspaces and projects (idempotent; the API calls them right after its writes and the
 * controllers call them on every watch event and periodic resync):
 * - WorkspaceTemplate → Workspace (spec and labels from the template), WorkspaceRoles `<ws>-<base>`
 *   stamped from RoleBases (drift overwritten), the manager bound to `<ws>-admin`; when the template is
 *   gone, the Workspace and its roles and bindings go too.
 * - Namespace labelled `kubesphere.io/workspace` → owner reference to the Workspace, project Roles stamped
 *   from RoleBases, and the creator (annotation `kubesphere.io/creator`) bound to `admin` once.
 */
import { StatusError, type KubeObject, type OwnerReference } from '@sphere/shared';
import type { RoleObject } from '../authz/types';
import type { Platform } from '../context';
import { L } from '../iam/labels';
import { projectRoleBinding, workspaceRoleBinding } from '../iam/objects';
import { TENANT, listableTypes, types, type ResourceType } from '../kube/resources';
import { deleteGateway } from '../gateway/routes';
import { GATEWAY_NAMESPACE, gatewayName } from '../gateway/objects';

const CREATOR_BOUND = 'iam.kubesphere.io/creator-bound';

export interface WorkspaceTemplateObject extends KubeObject {
  spec?: {
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { manager?: string; networkIsolation?: boolean };
    };
  };
}

function ownerRef(ws: KubeObject): OwnerReference {
  return {
    apiVersion: `${TENANT}/v1alpha1`,
    kind: 'Workspace',
    name: ws.metadata.name!,
    uid: ws.metadata.uid!,
    blockOwnerDeletion: true,
    controller: true,
  };
}

/** Creates or corrects a role's rules; 409 means a peer wrote it, which is fine. */
async function ensureRole(
  p: Platform,
  type: ResourceType,
  desired: RoleObject,
  current: RoleObject | undefined,
): Promise<void> {
  if (!current) return p.ensure(type, desired);
  if (JSON.stringify(current.rules) === JSON.stringify(desired.rules)) return;
  try {
    await p.update(type, { ...current, rules: desired.rules });
  } catch (err) {
    if (!(err instanceof StatusError && (err.code === 409 || err.code === 404))) throw err;
  }
}

function roleBases(p: Platform, scopeLabel: string): RoleObject[] {
  return p.caches.roleBases
    .list()
    .filter(
      (b) =>
        b.metadata.labels && scopeLabel in b.metadata.labels && b.metadata.labels[L.roleTemplate] !== 'true',
    )
    .map((b) => b.role as RoleObject)
    .filter((r) => r?.metadata?.name);
}

export async function reconcileWorkspace(p: Platform, name: string): Promise<void> {
  const template = p.caches.workspaceTemplates.get(name) as WorkspaceTemplateObject | undefined;
  if (!template || template.metadata.deletionTimestamp) return cleanupWorkspace(p, name);
  const tspec = template.spec?.template ?? {};
  const desiredSpec = { ...(tspec.spec ?? {}) };
  let ws = p.caches.workspaces.get(name);
  if (!ws) {
    await p.ensure(types.workspaces, {
      metadata: { name, labels: tspec.metadata?.labels, annotations: template.metadata.annotations },
      spec: desiredSpec,
    });
    ws = p.caches.workspaces.get(name) ?? (await p.client.get(types.workspaces, name));
  } else if (JSON.stringify(ws.spec) !== JSON.stringify(desiredSpec)) {
    try {
      ws = await p.update(types.workspaces, { ...ws, spec: desiredSpec });
    } catch (err) {
      if (!(err instanceof StatusError && err.code === 409)) throw err;
    }
  }
  for (const base of roleBases(p, L.scopeWorkspace)) {
    const roleName = `${name}-${base.metadata.name}`;
    const desired: RoleObject = {
      metadata: {
        name: roleName,
        labels: { [L.workspace]: name },
        annotations: base.metadata.annotations,
        ownerReferences: [ownerRef(ws)],
      },
      rules: base.rules ?? [],
    };
    await ensureRole(p, types.workspaceRoles, desired, p.caches.workspaceRoles.get(roleName));
  }
  const manager = desiredSpec.manager;
  if (manager && p.caches.users.get(manager)) {
    const mine = p.caches.workspaceRoleBindings
      .list()
      .filter((b) => b.metadata.labels?.[L.workspace] === name && b.metadata.labels?.[L.userRef] === manager);
    if (mine.length === 0) {
      const b = workspaceRoleBinding(name, manager, `${name}-admin`);
      b.metadata.ownerReferences = [ownerRef(ws)];
      await p.ensure(types.workspaceRoleBindings, b);
    }
  }
}

async function cleanupWorkspace(p: Platform, name: string): Promise<void> {
  for (const b of p.caches.workspaceRoleBindings.list())
    if (b.metadata.labels?.[L.workspace] === name)
      await p.delete(types.workspaceRoleBindings, b.metadata.name!);
  for (const r of p.caches.workspaceRoles.list())
    if (r.metadata.labels?.[L.workspace] === name) await p.delete(types.workspaceRoles, r.metadata.name!);
  if (p.caches.workspaces.get(name)) await p.delete(types.workspaces, name);
}

export async function reconcileNamespace(p: Platform, name: string): Promise<void> {
  const ns = p.caches.namespaces.get(name);
  if (!ns || ns.metadata.deletionTimestamp) {
    // A project going away takes its gateway along (KubeSphere's namespace controller does the same).
    if (
      name !== GATEWAY_NAMESPACE &&
      (await p.client.find(listableTypes.services, gatewayName(name), GATEWAY_NAMESPACE))
    )
      await deleteGateway(p, name);
    return;
  }
  const wsName = ns.metadata.labels?.[L.workspace];
  if (!wsName) return;
  const ws = p.caches.workspaces.get(wsName);
  if (ws && !ns.metadata.ownerReferences?.some((r) => r.uid === ws.metadata.uid)) {
    const refs = (ns.metadata.ownerReferences ?? []).filter((r) => r.kind !== 'Workspace');
    await p.patch(types.namespaces, name, {
      metadata: { ownerReferences: [...refs, { ...ownerRef(ws), controller: false }] },
    });
  }
  for (const base of roleBases(p, L.scopeNamespace)) {
    const desired: RoleObject = {
      metadata: { name: base.metadata.name, namespace: name, annotations: base.metadata.annotations },
      rules: base.rules ?? [],
    };
    await ensureRole(p, types.roles, desired, p.caches.roles.get(base.metadata.name!, name));
  }
  const creator = ns.metadata.annotations?.[L.creator];
  if (creator && ns.metadata.annotations?.[CREATOR_BOUND] !== 'true') {
    if (p.caches.users.get(creator))
      await p.ensure(types.roleBindings, projectRoleBinding(name, creator, 'admin'));
    await p.patch(types.namespaces, name, { metadata: { annotations: { [CREATOR_BOUND]: 'true' } } });
  }
}
