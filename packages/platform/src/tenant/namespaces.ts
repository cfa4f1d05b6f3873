/**
 * @module tenant/namespaces
 * Projects of a workspace: `/kapis/tenant.kubesphere.io/v1alpha2/workspaces/{ws}/namespaces`. A project is
 * a namespace labelled `kubesphere.io/workspace=<ws>`; its creator becomes its admin. Lists show every
 * project of the workspace to those who may list namespaces there, otherwise only the projects the caller
 * is a member of. Also `/namespaces` (all projects the caller may see, across workspaces).
 */
import { errors, fieldErrors, type KubeObject } from '@sphere/shared';
import type { UserInfo } from '../authz/types';
import type { Platform } from '../context';
import { reconcileNamespace } from '../controllers/tenant';
import { asObject } from '../http';
import { L } from '../iam/labels';
import { dnsLabelProblem } from '../iam/validation';
import { types } from '../kube/resources';
import { parseListQuery, runQuery } from '../resources/query';
import { withStatus, type RequestContext, type Route } from '../router';
import { TENANT_PREFIX, templateOr404 } from './workspaces';

/** Namespaces the user may see (all, or the set of names). */
export function visibleNamespaces(p: Platform, user: UserInfo): Set<string> | 'all' {
  if (p.can(user, 'list', '', 'namespaces')) return 'all';
  const names = new Set<string>();
  const wsAll = new Map<string, boolean>();
  for (const ns of p.caches.namespaces.list()) {
    const name = ns.metadata.name!;
    const ws = ns.metadata.labels?.[L.workspace];
    if (ws) {
      if (!wsAll.has(ws)) wsAll.set(ws, p.can(user, 'list', '', 'namespaces', { workspace: ws }));
      if (wsAll.get(ws)) {
        names.add(name);
        continue;
      }
    }
    if (
      p.caches.roleBindings
        .list(name)
        .some((b) =>
          b.subjects?.some(
            (s) =>
              (s.kind === 'User' && s.name === user.name) ||
              (s.kind === 'Group' && user.groups.includes(s.name)),
          ),
        )
    ) {
      names.add(name);
    }
  }
  return names;
}

function projectOr404(p: Platform, ws: string, name: string): KubeObject {
  const ns = p.caches.namespaces.get(name);
  if (!ns || ns.metadata.labels?.[L.workspace] !== ws) throw errors.notFound('namespaces', '', name);
  return ns;
}

async function createProject(p: Platform, ctx: RequestContext) {
  const ws = ctx.params.workspace;
  templateOr404(p, ws);
  const body = asObject(await ctx.json());
  const meta = asObject(body.metadata ?? {}, 'metadata') as KubeObject['metadata'];
  const problem = dnsLabelProblem(meta.name);
  if (problem)
    throw errors.invalid('Namespace', '', String(meta.name ?? ''), [
      fieldErrors.invalid('metadata.name', meta.name ?? null, problem),
    ]);
  if (p.caches.namespaces.get(meta.name!)) {
    throw errors.alreadyExists('namespaces', '', meta.name!);
  }
  const ns: KubeObject = {
    metadata: {
      name: meta.name,
      labels: { ...(meta.labels ?? {}), [L.workspace]: ws, [L.namespace]: meta.name! },
      annotations: { ...(meta.annotations ?? {}), [L.creator]: ctx.user.name },
    },
  };
  const created = await p.create(types.namespaces, ns);
  await reconcileNamespace(p, meta.name!);
  return withStatus(201, p.caches.namespaces.get(meta.name!) ?? created);
}

export function namespaceRoutes(p: Platform): Route[] {
  const tag = 'Projects';
  const base = `${TENANT_PREFIX}/workspaces/:workspace/namespaces`;
  return [
    {
      method: 'GET',
      pattern: base,
      tag,
      authz: 'handler',
      summary: 'List the projects of a workspace the caller may see',
      handler: async (ctx) => {
        const ws = ctx.params.workspace;
        templateOr404(p, ws);
        const visible = visibleNamespaces(p, ctx.user);
        const inWs = p.caches.namespaces.list().filter((n) => n.metadata.labels?.[L.workspace] === ws);
        const mine = inWs.filter((n) => visible === 'all' || visible.has(n.metadata.name!));
        if (
          mine.length === 0 &&
          !p.can(ctx.user, 'get', 'tenant.kubesphere.io', 'workspaces', { workspace: ws, name: ws })
        ) {
          throw errors.forbidden(
            `user "${ctx.user.name}" cannot list resource "namespaces" in API group "" in the workspace "${ws}"`,
          );
        }
        return runQuery(mine, parseListQuery(ctx.url.searchParams));
      },
    },
    {
      method: 'POST',
      pattern: base,
      tag,
      summary: 'Create a project in a workspace (the caller becomes its admin)',
      handler: (ctx) => createProject(p, ctx),
    },
    {
      method: 'GET',
      pattern: `${base}/:namespace`,
      tag,
      summary: 'Get a project',
      handler: async (ctx) => projectOr404(p, ctx.params.workspace, ctx.params.namespace),
    },
    {
      method: 'DELETE',
      pattern: `${base}/:namespace`,
      tag,
      summary: 'Delete a project',
      handler: async (ctx) => {
        projectOr404(p, ctx.params.workspace, ctx.params.namespace);
        await p.delete(types.namespaces, ctx.params.namespace);
        return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
      },
    },
    {
      method: 'GET',
      pattern: `${TENANT_PREFIX}/namespaces`,
      tag,
      authz: 'handler',
      summary: 'List every project the caller may see',
      handler: async (ctx) => {
        const visible = visibleNamespaces(p, ctx.user);
        const all = p.caches.namespaces
          .list()
          .filter(
            (n) => n.metadata.labels?.[L.workspace] && (visible === 'all' || visible.has(n.metadata.name!)),
          );
        return runQuery(all, parseListQuery(ctx.url.searchParams));
      },
    },
  ];
}
