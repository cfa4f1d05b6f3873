/**
 * @module authz/requestinfo
 * Turns a request (method, path, query) into authorization attributes the way KubeSphere does:
 * prefixes `/api`, `/apis`, `/kapis`; an optional `workspaces/<ws>` then `namespaces/<ns>` segment; then
 * resource[/name[/subresource]]. The verb follows the method (GET on a collection is list, or watch with
 * `?watch=true`; DELETE on a collection is deletecollection). `fieldSelector=metadata.name=x` on a list
 * names the object.
 */
import type { Attributes, Scope } from './types';

/** (group, resource) pairs that are platform-wide objects: only global roles apply to them. */
const globalResources: Record<string, string[]> = {
  'iam.kubesphere.io': ['users', 'globalroles', 'globalrolebindings', 'roletemplates'],
};

const methodVerbs: Record<string, string> = {
  POST: 'create',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
  GET: 'get',
  HEAD: 'get',
};

/** Parses one request. `query` is the URL's search params. */
export function requestAttributes(method: string, path: string, query: URLSearchParams): Attributes {
  const base: Attributes = {
    verb: (methodVerbs[method] ?? method.toLowerCase()) as string,
    resourceRequest: false,
    path,
    apiGroup: '',
    apiVersion: '',
    resource: '',
    subresource: '',
    name: '',
    namespace: '',
    workspace: '',
    scope: 'Cluster',
    kubernetesRequest: false,
  };
  const parts = path.split('/').filter(Boolean).map(safeDecode);
  const prefix = parts[0];
  if (prefix !== 'api' && prefix !== 'apis' && prefix !== 'kapis') return base;
  base.kubernetesRequest = prefix !== 'kapis';
  let rest: string[];
  if (prefix === 'api') {
    if (parts.length < 2) return base;
    base.apiVersion = parts[1];
    rest = parts.slice(2);
  } else {
    if (parts.length < 3) return base;
    base.apiGroup = parts[1];
    base.apiVersion = parts[2];
    rest = parts.slice(3);
  }
  if (rest.length === 0) return base; // discovery: a non-resource request
  base.resourceRequest = true;
  // `watch/` legacy prefix
  if (rest[0] === 'watch') {
    base.verb = 'watch';
    rest = rest.slice(1);
  }
  if (!base.kubernetesRequest && rest[0] === 'workspaces' && rest.length >= 2) {
    base.workspace = rest[1];
    rest = rest.length > 2 ? rest.slice(2) : rest;
  }
  if (rest[0] === 'namespaces' && rest.length >= 2) {
    base.namespace = rest[1];
    rest = rest.length > 2 ? rest.slice(2) : rest;
  }
  base.resource = rest[0] ?? '';
  base.name = rest[1] ?? '';
  base.subresource = rest.slice(2).join('/');
  // A workspace object itself, or its template, belongs to that workspace's scope.
  if ((base.resource === 'workspaces' || base.resource === 'workspacetemplates') && base.name) {
    base.workspace = base.name;
  }
  if (method === 'GET' || method === 'HEAD') {
    if (!base.name) {
      const watch = query.get('watch');
      base.verb = base.verb === 'watch' || watch === 'true' || watch === '1' ? 'watch' : 'list';
      const field = query.get('fieldSelector') ?? '';
      const m = /^metadata\.name==?([^,]+)$/.exec(field);
      if (m) base.name = m[1];
    }
  } else if (method === 'DELETE' && !base.name) {
    base.verb = 'deletecollection';
  }
  base.scope = scopeOf(base);
  return base;
}

function scopeOf(a: Attributes): Scope {
  if (globalResources[a.apiGroup]?.includes(a.resource)) return 'Global';
  if (a.namespace) return 'Namespace';
  if (a.workspace) return 'Workspace';
  if (a.resource === 'workspaces' || a.resource === 'workspacetemplates') return 'Global';
  return 'Cluster';
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Attributes for an explicit check a handler makes (e.g. "may this user list namespaces in ws?"). */
export function checkAttributes(
  verb: string,
  apiGroup: string,
  resource: string,
  where: { namespace?: string; workspace?: string; name?: string; subresource?: string } = {},
): Attributes {
  const a: Attributes = {
    verb,
    resourceRequest: true,
    path: '',
    apiGroup,
    apiVersion: '',
    resource,
    subresource: where.subresource ?? '',
    name: where.name ?? '',
    namespace: where.namespace ?? '',
    workspace: where.workspace ?? '',
    scope: 'Cluster',
    kubernetesRequest: false,
  };
  a.scope = scopeOf(a);
  return a;
}
