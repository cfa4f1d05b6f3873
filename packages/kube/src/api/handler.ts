/**
 * @module api/handler
 * The API server's request handler: authentication, the non-resource endpoints (version, health,
 * discovery, OpenAPI) and resource paths. Every failure ends in `sendError`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '@sphere/shared';
import type { ResourceRegistry } from '../registry/resource-registry';
import type { UserInfo } from '../registry/types';
import {
  aggregatedContentType,
  aggregatedDiscovery,
  aggregatedVersionRequested,
  legacyApiVersions,
  legacyGroup,
  legacyGroupList,
  legacyResourceList,
} from './discovery';
import { isPublicPath, type Authenticator } from './auth';
import { parseResourcePath } from './paths';
import { serveNodeProxy } from './node-proxy';
import { handleResource, type ResourceHandlerDeps } from './resource-handler';
import { sendError, sendJson } from './respond';

/** Serves `/openapi/v3` and its per-group-version documents. */
export interface OpenApiProvider {
  root(): unknown;
  /** `apis/apps/v1` or `api/v1`; undefined when not served. */
  document(path: string): unknown | undefined;
}

export interface ApiHandlerConfig extends ResourceHandlerDeps {
  registry: ResourceRegistry;
  authenticate: Authenticator;
  openapi: OpenApiProvider;
  /** Prometheus text of the simulated kubelets, if any (node proxy `metrics` paths). */
  kubeletMetrics?: (node: string, endpoint: 'resource' | 'cadvisor' | 'all') => string | undefined;
  /** host:port clients reach the server at (for legacy /api). */
  serverAddress: string;
  log: (line: string) => void;
}

export const versionInfo = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.4-sphere',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-11-25T00:00:00Z',
  goVersion: 'go1.23.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/**
 * `Impersonate-User` / `Impersonate-Group` (kubectl --as / --as-group): the request runs as that identity
 * when the caller may impersonate users (RBAC verb `impersonate` on `users`), as kube-apiserver allows.
 */
function impersonate(config: ApiHandlerConfig, req: IncomingMessage, user: UserInfo): UserInfo {
  const as = req.headers['impersonate-user'];
  if (typeof as !== 'string' || !as) return user;
  const decision = config.authorize(user, {
    verb: 'impersonate',
    group: '',
    version: 'v1',
    resource: 'users',
    subresource: '',
    namespace: '',
    name: as,
  });
  if (!decision.allowed) {
    throw errors.forbidden(
      `users "${as}" is forbidden: User "${user.username}" cannot impersonate resource "users" in API group "" at the cluster scope`,
    );
  }
  const raw = req.headers['impersonate-group'];
  const groups = (Array.isArray(raw) ? raw : raw ? [raw] : [])
    .flatMap((g) => g.split(','))
    .map((g) => g.trim())
    .filter(Boolean);
  return { username: as, groups: [...groups, 'system:authenticated'] };
}

export function createApiHandler(config: ApiHandlerConfig) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(config, req, res).catch((err) => sendError(res, err, config.log));
  };
}

async function handle(config: ApiHandlerConfig, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  if (isPublicPath(path)) {
    if (path === '/version') return sendJson(res, 200, versionInfo);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  const user = impersonate(config, req, config.authenticate(req));
  const method = req.method ?? 'GET';
  const accept = req.headers.accept;

  if (path === '/api' || path === '/apis') {
    if (method !== 'GET') throw errors.methodNotAllowed(`${method} is not supported`);
    const aggregated = aggregatedVersionRequested(accept);
    if (aggregated) {
      return sendJson(res, 200, aggregatedDiscovery(config.registry, path === '/api', aggregated), {
        'Content-Type': aggregatedContentType(aggregated),
      });
    }
    return sendJson(
      res,
      200,
      path === '/api' ? legacyApiVersions(config.serverAddress) : legacyGroupList(config.registry),
    );
  }
  if (path === '/openapi/v3') return sendJson(res, 200, config.openapi.root());
  if (path.startsWith('/openapi/v3/')) {
    const doc = config.openapi.document(path.slice('/openapi/v3/'.length));
    if (!doc) throw errors.pathNotFound();
    return sendJson(res, 200, doc, {
      'Cache-Control': url.searchParams.has('hash') ? 'public, immutable' : 'no-cache, private',
    });
  }
  const segments = path.split('/').filter(Boolean);
  if (segments[0] === 'api' && segments.length === 2) {
    const list = legacyResourceList(config.registry, '', segments[1]);
    if (!list) throw errors.pathNotFound();
    return sendJson(res, 200, list);
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    const group = legacyGroup(config.registry, segments[1]);
    if (!group) throw errors.pathNotFound();
    return sendJson(res, 200, group);
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    const list = legacyResourceList(config.registry, segments[1], segments[2]);
    if (!list) throw errors.pathNotFound();
    return sendJson(res, 200, list);
  }
  const proxy = /^\/api\/v1\/nodes\/([^/]+)\/proxy(\/.*)?$/.exec(path);
  if (proxy) return serveNodeProxy(config, res, user, decodeURIComponent(proxy[1]), proxy[2] ?? '/');
  const parsed = parseResourcePath(path);
  if (!parsed) throw errors.pathNotFound();
  await handleResource(config, req, res, parsed, url.searchParams, user);
}
