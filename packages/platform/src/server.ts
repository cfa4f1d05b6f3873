/**
 * @module server
 * The request pipeline: static console files and OAuth first; then authentication (bearer token), the
 * forced password change, authorization of the request from its path (KubeSphere order), the platform API
 * routes or the Kubernetes API proxy, and an audit record for every mutating request. Errors are turned
 * into Kubernetes Status responses in one place (errors.ts).
 */
import http from 'node:http';
import { StatusError, errors } from '@sphere/shared';
import type { AuditEvent } from './audit/audit';
import { authenticateToken, bearerToken, type Authenticated } from './auth/authenticate';
import { handleOAuth } from './auth/oauth';
import { authorize, forbiddenMessage } from './authz/authorizer';
import { requestAttributes } from './authz/requestinfo';
import type { Attributes } from './authz/types';
import type { Platform } from './context';
import { sendError } from './errors';
import { asObject, parseJson, readBody, sendJson } from './http';
import { isWithStatus, type RequestContext, type Router } from './router';
import { serveStatic } from './static';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface ProxyHandler {
  (
    p: Platform,
    who: Authenticated,
    attrs: Attributes,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ): Promise<void>;
}

export interface UpgradeHandler {
  (
    p: Platform,
    who: Authenticated,
    attrs: Attributes,
    req: http.IncomingMessage,
    socket: import('node:stream').Duplex,
    head: Buffer,
    url: URL,
  ): void;
}

/** Paths anyone may call without a token. */
function isPublic(pathname: string): boolean {
  return (
    pathname === '/healthz' ||
    pathname === '/kapis/version' ||
    pathname.startsWith('/kapis/openapi') ||
    pathname === '/api-docs' ||
    pathname === '/api-docs/'
  );
}

/** Paths a user who must change the default password may still call. */
function allowedBeforePasswordChange(who: Authenticated, attrs: Attributes): boolean {
  return (
    attrs.apiGroup === 'iam.kubesphere.io' &&
    attrs.resource === 'users' &&
    attrs.name === who.user.name &&
    (attrs.subresource === 'password' || attrs.verb === 'get')
  );
}

export function createHandler(p: Platform, router: Router, proxy: ProxyHandler, publicRoutes: Router) {
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const started = p.now();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://platform');
    } catch {
      sendError(res, errors.badRequest('malformed URL'), p.log.bind(p));
      return;
    }
    let who: Authenticated | undefined;
    let attrs: Attributes | undefined;
    let bodyCache: unknown;
    let code = 500;
    try {
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
        return;
      }
      if (url.pathname.startsWith('/oauth/')) {
        if (await handleOAuth(p, req, res, url)) {
          code = res.statusCode;
          return;
        }
        throw errors.pathNotFound();
      }
      const isApi = /^\/(api|apis|kapis)(\/|$)/.test(url.pathname);
      if (!isApi || isPublic(url.pathname)) {
        const pub = publicRoutes.match(req.method ?? 'GET', url.pathname);
        if ('route' in pub) {
          const out = await pub.route.handler({ req, res, url, params: pub.params } as RequestContext);
          if (!res.headersSent) sendJson(res, 200, out);
          code = res.statusCode;
          return;
        }
        if (isApi) throw errors.pathNotFound();
        if (await serveStatic(p.cfg.staticDir, req, res, url)) return;
        throw errors.pathNotFound();
      }
      const token = bearerToken(req, url);
      if (!token)
        throw errors.unauthorized(
          'authentication required: send "Authorization: Bearer <access_token>" (see POST /oauth/token)',
        );
      who = await authenticateToken(p, token, 'access_token');
      attrs = requestAttributes(req.method ?? 'GET', url.pathname, url.searchParams);
      if (who.mustChangePassword && !allowedBeforePasswordChange(who, attrs)) {
        throw errors.forbidden(
          `user "${who.user.name}" must change the default password before using the platform (PUT /kapis/iam.kubesphere.io/v1alpha2/users/${who.user.name}/password)`,
        );
      }
      if (attrs.kubernetesRequest) {
        await proxy(p, who, attrs, req, res, url);
        code = res.statusCode;
        return;
      }
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (!('route' in match)) {
        throw match.methodMismatch
          ? errors.methodNotAllowed(`method ${req.method} is not allowed on ${url.pathname}`)
          : errors.pathNotFound();
      }
      if ((match.route.authz ?? 'check') === 'check') {
        const decision = authorize(who.user, attrs, p.policy);
        if (!decision.allowed)
          throw errors.forbidden(forbiddenMessage(who.user, attrs), {
            kind: attrs.resource,
            name: attrs.name || undefined,
            group: attrs.apiGroup || undefined,
          });
      }
      const ctx: RequestContext = {
        req,
        res,
        url,
        params: match.params,
        user: who.user,
        attrs,
        json: async () => (bodyCache ??= parseJson(await readBody(req))),
      };
      const out = await match.route.handler(ctx);
      if (!res.headersSent) {
        if (isWithStatus(out)) sendJson(res, out.status, out.body);
        else sendJson(res, 200, out);
      }
      code = res.statusCode;
    } catch (err) {
      code = sendError(res, err, p.log.bind(p));
    } finally {
      if (MUTATING.has(req.method ?? '') && !url.pathname.startsWith('/oauth/token')) {
        p.audit.record(auditEvent(req, url, who, attrs, code, started, bodyCache));
      }
    }
  };
}

function auditEvent(
  req: http.IncomingMessage,
  url: URL,
  who: Authenticated | undefined,
  attrs: Attributes | undefined,
  code: number,
  at: Date,
  body: unknown,
): AuditEvent {
  // A create names its object in the body, not the path.
  const bodyName = (body as { metadata?: { name?: unknown } } | undefined)?.metadata?.name;
  return {
    time: at.toISOString(),
    user: who?.user.name ?? '',
    verb: attrs?.verb ?? (req.method ?? '').toLowerCase(),
    method: req.method ?? '',
    path: url.pathname,
    apiGroup: attrs?.apiGroup ?? '',
    resource: attrs?.resource ?? '',
    subresource: attrs?.subresource ?? '',
    namespace: attrs?.namespace ?? '',
    workspace: attrs?.workspace ?? '',
    name: attrs?.name || (typeof bodyName === 'string' ? bodyName : ''),
    code,
    outcome: code < 400 ? 'success' : code === 401 || code === 403 ? 'denied' : 'failure',
    sourceIP: req.socket.remoteAddress ?? '',
    userAgent: String(req.headers['user-agent'] ?? ''),
  };
}

/** Helper for handlers: the JSON body as an object, with a clear 400 otherwise. */
export async function bodyObject(ctx: RequestContext): Promise<Record<string, unknown>> {
  return asObject(await ctx.json());
}

export { StatusError };
