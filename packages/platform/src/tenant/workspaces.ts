/**
 * @module tenant/workspaces
 * `/kapis/tenant.kubesphere.io/v1alpha2/workspaces`: create (body: WorkspaceTemplate, `spec.template.spec.
 * manager` becomes the workspace admin), list (every workspace for those who may list them all, otherwise
 * the ones the caller is a member of), get, update, delete (projects are released — unlabelled — unless
 * `?deleteProjects=true`).
 */
import { errors, fieldErrors, type KubeObject } from '@sphere/shared';
import type { Platform } from '../context';
import { asObject } from '../http';
import { reconcileWorkspace, type WorkspaceTemplateObject } from '../controllers/tenant';
import { L } from '../iam/labels';
import { dnsLabelProblem } from '../iam/validation';
import { TENANT, types } from '../kube/resources';
import { parseListQuery, runQuery } from '../resources/query';
import { withStatus, type RequestContext, type Route } from '../router';
import type { UserInfo } from '../authz/types';

export const TENANT_PREFIX = '/kapis/tenant.kubesphere.io/v1alpha2';

/** Workspaces the user may see. */
export function visibleWorkspaces(p: Platform, user: UserInfo): Set<string> | 'all' {
  if (p.can(user, 'list', TENANT, 'workspaces')) return 'all';
  const names = new Set<string>();
  for (const b of p.caches.workspaceRoleBindings.list()) {
    if (
      b.subjects?.some(
        (s) =>
          (s.kind === 'User' && s.name === user.name) || (s.kind === 'Group' && user.groups.includes(s.name)),
      )
    ) {
      const ws = b.metadata.labels?.[L.workspace];
      if (ws) names.add(ws);
    }
  }
  // Members of a project see its workspace too (read-only entry point to their projects).
  for (const b of p.caches.roleBindings.list()) {
    if (b.subjects?.some((s) => s.kind === 'User' && s.name === user.name)) {
      const ws = p.policy.workspaceOfNamespace(b.metadata.namespace!);
      if (ws) names.add(ws);
    }
  }
  return names;
}

export function templateOr404(p: Platform, name: string): WorkspaceTemplateObject {
  const t = p.caches.workspaceTemplates.get(name);
  if (!t) throw errors.notFound('workspaces', TENANT, name);
  return t as WorkspaceTemplateObject;
}

async function createWorkspace(p: Platform, ctx: RequestContext) {
  const body = asObject(await ctx.json()) as WorkspaceTemplateObject;
  const name = body.metadata?.name;
  const problem = dnsLabelProblem(name);
  if (problem)
    throw errors.invalid('WorkspaceTemplate', TENANT, String(name ?? ''), [
      fieldErrors.invalid('metadata.name', name ?? null, problem),
    ]);
  if (p.caches.workspaceTemplates.get(name!)) throw errors.alreadyExists('workspaces', TENANT, name!);
  const manager = body.spec?.template?.spec?.manager;
  if (manager !== undefined && (typeof manager !== 'string' || !p.caches.users.get(manager))) {
    throw errors.badRequest(`unknown user "${String(manager)}" given as workspace manager`, [
      fieldErrors.invalid('spec.template.spec.manager', manager, 'no such user'),
    ]);
  }
  const template: WorkspaceTemplateObject = {
    metadata: {
      name,
      labels: { ...(body.metadata?.labels ?? {}), 'kubefed.io/managed': 'false' },
      annotations: { ...(body.metadata?.annotations ?? {}), [L.creator]: ctx.user.name },
    },
    spec: {
      template: {
        metadata: body.spec?.template?.metadata ?? {},
        spec: { ...(body.spec?.template?.spec ?? {}) },
      },
    },
  };
  const created = await p.create(types.workspaceTemplates, template);
  await reconcileWorkspace(p, name!);
  return withStatus(201, created);
}

async function deleteWorkspace(p: Platform, ctx: RequestContext) {
  const name = ctx.params.workspace;
  templateOr404(p, name);
  const deleteProjects = ctx.url.searchParams.get('deleteProjects') === 'true';
  for (const ns of p.caches.namespaces.list()) {
    if (ns.metadata.labels?.[L.workspace] !== name) continue;
    if (deleteProjects) await p.delete(types.namespaces, ns.metadata.name!);
    else {
      const refs = (ns.metadata.ownerReferences ?? []).filter((r) => r.kind !== 'Workspace');
      await p.patch(types.namespaces, ns.metadata.name!, {
        metadata: { labels: { [L.workspace]: null }, ownerReferences: refs },
      });
    }
  }
  await p.delete(types.workspaceTemplates, name);
  await reconcileWorkspace(p, name);
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
}

async function updateWorkspace(p: Platform, ctx: RequestContext, merge: boolean) {
  const current = templateOr404(p, ctx.params.workspace);
  const body = asObject(await ctx.json()) as WorkspaceTemplateObject;
  const manager = body.spec?.template?.spec?.manager;
  if (manager !== undefined && (typeof manager !== 'string' || !p.caches.users.get(manager))) {
    throw errors.badRequest(`unknown user "${String(manager)}" given as workspace manager`);
  }
  const next: KubeObject = {
    ...current,
    metadata: {
      ...current.metadata,
      labels: {
        ...(merge ? current.metadata.labels : {}),
        ...(body.metadata?.labels ?? {}),
        'kubefed.io/managed': 'false',
      },
      annotations: {
        ...(merge ? current.metadata.annotations : {}),
        ...(body.metadata?.annotations ?? {}),
        [L.creator]: current.metadata.annotations?.[L.creator] ?? '',
      },
    },
    spec: {
      template: {
        ...(current.spec?.template ?? {}),
        ...(body.spec?.template ?? {}),
        spec: { ...(merge ? current.spec?.template?.spec : {}), ...(body.spec?.template?.spec ?? {}) },
      },
    },
  };
  const updated = await p.update(types.workspaceTemplates, next);
  await reconcileWorkspace(p, ctx.params.workspace);
  return updated;
}

export function workspaceRoutes(p: Platform): Route[] {
  const tag = 'Workspaces';
  const base = `${TENANT_PREFIX}/workspaces`;
  return [
    {
      method: 'GET',
      pattern: base,
      tag,
      authz: 'handler',
      summary: 'List the workspaces the caller may see',
      handler: async (ctx) => {
        const visible = visibleWorkspaces(p, ctx.user);
        const all = p.caches.workspaceTemplates
          .list()
          .filter((w) => visible === 'all' || visible.has(w.metadata.name!));
        return runQuery(all, parseListQuery(ctx.url.searchParams));
      },
    },
    {
      method: 'POST',
      pattern: base,
      tag,
      summary: 'Create a workspace (a WorkspaceTemplate)',
      handler: (ctx) => createWorkspace(p, ctx),
    },
    {
      method: 'GET',
      pattern: `${base}/:workspace`,
      tag,
      authz: 'handler',
      summary: 'Get a workspace',
      handler: async (ctx) => {
        const visible = visibleWorkspaces(p, ctx.user);
        if (
          visible !== 'all' &&
          !visible.has(ctx.params.workspace) &&
          !p.can(ctx.user, 'get', TENANT, 'workspaces', {
            workspace: ctx.params.workspace,
            name: ctx.params.workspace,
          })
        ) {
          throw errors.forbidden(
            `user "${ctx.user.name}" cannot get resource "workspaces" in API group "${TENANT}" in the workspace "${ctx.params.workspace}"`,
          );
        }
        return templateOr404(p, ctx.params.workspace);
      },
    },
    {
      method: 'PUT',
      pattern: `${base}/:workspace`,
      tag,
      summary: 'Replace a workspace',
      handler: (ctx) => updateWorkspace(p, ctx, false),
    },
    {
      method: 'PATCH',
      pattern: `${base}/:workspace`,
      tag,
      summary: 'Merge-patch a workspace',
      handler: (ctx) => updateWorkspace(p, ctx, true),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:workspace`,
      tag,
      summary: 'Delete a workspace (?deleteProjects=true also deletes its projects)',
      handler: (ctx) => deleteWorkspace(p, ctx),
    },
  ];
}
