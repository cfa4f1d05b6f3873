/**
 * @module resources/handler
 * `/kapis/resources.kubesphere.io/v1alpha3`: paged, filtered, sorted lists of any known resource,
 * cluster-wide or per namespace, served from watch caches (started on first use). Authorization is done
 * against the resource's real API group; a cluster-wide list of a namespaced resource is narrowed to the
 * namespaces the caller may list it in.
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { UserInfo } from '../authz/types';
import type { Platform } from '../context';
import { listableTypes, type ResourceType } from '../kube/resources';
import type { RequestContext, Route } from '../router';
import { userView } from '../iam/users';
import { visibleNamespaces } from '../tenant/namespaces';
import { visibleWorkspaces } from '../tenant/workspaces';
import { ResourceResolver } from './discovery';
import { parseListQuery, runQuery } from './query';
import { allowedNamespaces } from '../proxy/scope';
import type { UserObject } from '../context';

export const RESOURCES_PREFIX = '/kapis/resources.kubesphere.io/v1alpha3';

/** The resource type behind a plural name: a well-known one, or one found through discovery (CRDs). */
async function typeOr404(resolver: ResourceResolver, resource: string): Promise<ResourceType> {
  const t = listableTypes[resource] ?? (await resolver.resolve(resource));
  if (!t) throw errors.notFound(resource, 'resources.kubesphere.io', resource);
  return t;
}

function forbidden(user: UserInfo, verb: string, t: ResourceType, ns?: string) {
  return errors.forbidden(
    `user "${user.name}" cannot ${verb} resource "${t.resource}" in API group "${t.group}"${ns ? ` in the namespace "${ns}"` : ' at the cluster scope'}`,
  );
}

/** Objects of a cluster-wide request the user may see, or a 403. */
function visibleObjects(p: Platform, user: UserInfo, t: ResourceType, objects: KubeObject[]): KubeObject[] {
  if (p.can(user, 'list', t.group, t.resource)) return objects;
  if (t.namespaced) {
    const allowed = allowedNamespaces(p, user, 'list', t.group, t.resource);
    if (allowed.size === 0) throw forbidden(user, 'list', t);
    return objects.filter((o) => allowed.has(o.metadata.namespace ?? ''));
  }
  if (t.resource === 'namespaces') {
    const v = visibleNamespaces(p, user);
    return objects.filter((o) => v === 'all' || v.has(o.metadata.name!));
  }
  if (t.resource === 'workspaces' || t.resource === 'workspacetemplates') {
    const v = visibleWorkspaces(p, user);
    return objects.filter((o) => v === 'all' || v.has(o.metadata.name!));
  }
  throw forbidden(user, 'list', t);
}

const present = (p: Platform, t: ResourceType, o: KubeObject) =>
  t.resource === 'users' ? userView(p, o as UserObject) : o;

async function list(p: Platform, resolver: ResourceResolver, ctx: RequestContext) {
  const t = await typeOr404(resolver, ctx.params.resources);
  const ns = ctx.params.namespace;
  if (ns !== undefined && !t.namespaced)
    throw errors.notFound(t.resource, 'resources.kubesphere.io', t.resource);
  const q = parseListQuery(ctx.url.searchParams);
  const cache = await p.caches.forType(t);
  let objects: KubeObject[];
  if (ns !== undefined) {
    if (!p.can(ctx.user, 'list', t.group, t.resource, { namespace: ns }))
      throw forbidden(ctx.user, 'list', t, ns);
    objects = cache.list(ns);
  } else {
    objects = visibleObjects(p, ctx.user, t, cache.list());
  }
  const out = runQuery(objects, q);
  return { items: out.items.map((o) => present(p, t, o)), totalItems: out.totalItems };
}

async function get(p: Platform, resolver: ResourceResolver, ctx: RequestContext) {
  const t = await typeOr404(resolver, ctx.params.resources);
  const ns = ctx.params.namespace;
  if (ns !== undefined && !t.namespaced)
    throw errors.notFound(t.resource, 'resources.kubesphere.io', t.resource);
  if (!p.can(ctx.user, 'get', t.group, t.resource, { namespace: ns, name: ctx.params.name }))
    throw forbidden(ctx.user, 'get', t, ns);
  const obj = (await p.caches.forType(t)).get(ctx.params.name, ns);
  if (!obj) throw errors.notFound(t.resource, t.group, ctx.params.name);
  return present(p, t, obj);
}

export function resourceRoutes(p: Platform): Route[] {
  const tag = 'Resources';
  const resolver = new ResourceResolver(p.client);
  return [
    {
      method: 'GET',
      pattern: `${RESOURCES_PREFIX}/:resources`,
      tag,
      authz: 'handler',
      summary: 'List a resource cluster-wide (name, label, status, sortBy, ascending, page, limit)',
      handler: (ctx) => list(p, resolver, ctx),
    },
    {
      method: 'GET',
      pattern: `${RESOURCES_PREFIX}/namespaces/:namespace/:resources`,
      tag,
      authz: 'handler',
      summary: 'List a resource in a namespace',
      handler: (ctx) => list(p, resolver, ctx),
    },
    {
      method: 'GET',
      pattern: `${RESOURCES_PREFIX}/:resources/:name`,
      tag,
      authz: 'handler',
      summary: 'Get a cluster-scoped object',
      handler: (ctx) => get(p, resolver, ctx),
    },
    {
      method: 'GET',
      pattern: `${RESOURCES_PREFIX}/namespaces/:namespace/:resources/:name`,
      tag,
      authz: 'handler',
      summary: 'Get a namespaced object',
      handler: (ctx) => get(p, resolver, ctx),
    },
  ];
}
