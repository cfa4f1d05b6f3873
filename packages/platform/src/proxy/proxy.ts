/**
 * @module proxy/proxy
 * `/api/*` and `/apis/*` forwarded to the cluster with the platform's own credentials after authorization
 * (the caller's Authorization header never reaches the cluster). Requests the user may not make as such
 * but whose answer can be narrowed are narrowed instead of refused: a cluster-wide list or watch of a
 * namespaced resource returns only the namespaces the user may list it in; a list or watch of namespaces
 * returns only the namespaces the user can see. WebSocket/SPDY upgrades (exec, attach, port-forward,
 * watch over WebSocket) are piped through after the same checks.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { errors, type KubeObject } from '@sphere/shared';
import type { Authenticated } from '../auth/authenticate';
import { authorize, forbiddenMessage } from '../authz/authorizer';
import type { Attributes } from '../authz/types';
import type { Platform } from '../context';
import { readBody } from '../http';
import { visibleNamespaces } from '../tenant/namespaces';
import { changesWorkspaceLabel, moveForbidden } from './guard';
import { allowedNamespaces, filterableCollection } from './scope';

const HOP_BY_HOP = new Set([
  'authorization',
  'cookie',
  'host',
  'connection',
  'keep-alive',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'content-length',
]);

function forwardHeaders(req: http.IncomingMessage): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || HOP_BY_HOP.has(k) || k.startsWith('impersonate-')) continue;
    out[k] = v;
  }
  return out;
}

/** Strips the platform's own query parameters before forwarding. */
function clusterPath(url: URL): string {
  const q = new URLSearchParams(url.searchParams);
  q.delete('access_token');
  const s = q.toString();
  return url.pathname + (s ? `?${s}` : '');
}

function deny(who: Authenticated, attrs: Attributes) {
  return errors.forbidden(forbiddenMessage(who.user, attrs), {
    kind: attrs.resource,
    name: attrs.name || undefined,
    group: attrs.apiGroup || undefined,
  });
}

/** Forwards a request and streams the answer back unchanged. */
async function forward(
  p: Platform,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  check?: (body: Buffer) => void,
): Promise<void> {
  const body = ['POST', 'PUT', 'PATCH'].includes(req.method ?? '') ? await readBody(req) : undefined;
  if (body && check) check(body);
  const headers = forwardHeaders(req);
  if (body) headers['content-length'] = body.length;
  await new Promise<void>((resolve, reject) => {
    const upstream = p.client.transport.open(req.method ?? 'GET', clusterPath(url), headers);
    upstream.on('error', reject);
    upstream.on('response', (up) => {
      const h = { ...up.headers };
      delete h.connection;
      delete h['keep-alive'];
      res.writeHead(up.statusCode ?? 502, h);
      res.flushHeaders(); // watches: the client sees the 200 before the first event
      up.pipe(res);
      up.on('end', resolve);
      up.on('error', reject);
    });
    // A client that goes away (closing a watch) ends the upstream request too.
    res.on('close', () => upstream.destroy());
    upstream.end(body);
  });
}

type Keep = (obj: KubeObject) => boolean;

/** Forwards a list and keeps only the items (or Table rows) `keep` accepts. */
async function filteredList(
  p: Platform,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  keep: Keep,
): Promise<void> {
  const up = await p.client.raw('GET', clusterPath(url), undefined);
  if (up.status !== 200) {
    res.writeHead(up.status, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
    res.end(up.body);
    return;
  }
  const list = JSON.parse(up.body.toString('utf8')) as {
    kind?: string;
    items?: KubeObject[];
    rows?: { object?: KubeObject }[];
    metadata?: Record<string, unknown>;
  };
  if (Array.isArray(list.items)) list.items = list.items.filter(keep);
  if (Array.isArray(list.rows)) list.rows = list.rows.filter((r) => r.object?.metadata && keep(r.object));
  if (list.metadata) {
    delete list.metadata.continue;
    delete list.metadata.remainingItemCount;
  }
  const text = JSON.stringify(list);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Forwards a watch and passes on only the events whose object `keep` accepts. */
function filteredWatch(p: Platform, res: http.ServerResponse, url: URL, keep: Keep): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const upstream = p.client.transport.open('GET', clusterPath(url), { accept: 'application/json' });
    upstream.on('error', reject);
    upstream.on('response', (up) => {
      res.writeHead(up.statusCode ?? 502, {
        'content-type': 'application/json',
        'transfer-encoding': 'chunked',
      });
      res.flushHeaders();
      if (up.statusCode !== 200) {
        up.pipe(res);
        up.on('end', resolve);
        return;
      }
      let buffered = '';
      up.setEncoding('utf8');
      up.on('data', (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl);
          buffered = buffered.slice(nl + 1);
          if (!line.trim()) continue;
          try {
            const ev = JSON.parse(line) as { type: string; object: KubeObject };
            if (ev.type === 'ERROR' || ev.type === 'BOOKMARK' || keep(ev.object)) res.write(line + '\n');
          } catch {
            // drop what cannot be checked
          }
        }
      });
      up.on('end', () => {
        res.end();
        resolve();
      });
    });
    res.on('close', () => {
      upstream.destroy();
      resolve();
    });
    upstream.end();
  });
}

/** The proxy entry point (called by the server after authentication). */
export async function proxyRequest(
  p: Platform,
  who: Authenticated,
  attrs: Attributes,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
): Promise<void> {
  if (!attrs.resourceRequest) {
    // Discovery and other non-resource paths: allowed by the `authenticated` role's non-resource rules.
    if (!authorize(who.user, attrs, p.policy).allowed) throw deny(who, attrs);
    return forward(p, req, res, url);
  }
  const decision = authorize(who.user, attrs, p.policy);
  const isList = attrs.verb === 'list' || attrs.verb === 'watch';
  if (attrs.resource === 'namespaces' && !attrs.namespace && isList && attrs.apiGroup === '') {
    if (decision.allowed) return forward(p, req, res, url);
    const visible = visibleNamespaces(p, who.user);
    const keep: Keep = (o) => visible === 'all' || visible.has(o.metadata.name ?? '');
    return attrs.verb === 'watch' ? filteredWatch(p, res, url, keep) : filteredList(p, req, res, url, keep);
  }
  if (decision.allowed) {
    const namespaceWrite =
      attrs.apiGroup === '' &&
      attrs.resource === 'namespaces' &&
      !!attrs.name &&
      !attrs.subresource &&
      (attrs.verb === 'update' || attrs.verb === 'patch');
    if (namespaceWrite && !p.can(who.user, attrs.verb, '', 'namespaces')) {
      const current = p.caches.namespaces.get(attrs.name);
      return forward(p, req, res, url, (body) => {
        if (
          changesWorkspaceLabel(req.method ?? '', String(req.headers['content-type'] ?? ''), body, current)
        ) {
          throw moveForbidden(who.user.name, attrs.name);
        }
      });
    }
    return forward(p, req, res, url);
  }
  if (filterableCollection(attrs)) {
    const allowed = allowedNamespaces(p, who.user, attrs.verb, attrs.apiGroup, attrs.resource);
    if (allowed.size === 0) throw deny(who, attrs);
    const keep: Keep = (o) => allowed.has(o.metadata.namespace ?? '');
    return attrs.verb === 'watch' ? filteredWatch(p, res, url, keep) : filteredList(p, req, res, url, keep);
  }
  throw deny(who, attrs);
}

/** Upgrade requests (exec, attach, port-forward, WebSocket watch): authorize, then splice the sockets. */
export function proxyUpgrade(
  p: Platform,
  who: Authenticated,
  attrs: Attributes,
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
  url: URL,
): void {
  // Opening a stream into a pod is a create of the subresource, whatever the HTTP method.
  const check: Attributes = ['exec', 'attach', 'portforward'].includes(attrs.subresource)
    ? { ...attrs, verb: 'create' }
    : attrs;
  if (!authorize(who.user, check, p.policy).allowed) throw deny(who, check);
  const headers = forwardHeaders(req);
  headers.connection = 'Upgrade';
  headers.upgrade = req.headers.upgrade ?? 'websocket';
  const upstream = p.client.transport.open(req.method ?? 'GET', clusterPath(url), headers);
  upstream.on('upgrade', (upRes, upSocket, upHead) => {
    let head101 = `HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}\r\n`;
    for (let i = 0; i < upRes.rawHeaders.length; i += 2)
      head101 += `${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}\r\n`;
    socket.write(head101 + '\r\n');
    if (upHead.length) socket.write(upHead);
    if (head.length) upSocket.write(head);
    upSocket.pipe(socket);
    socket.pipe(upSocket);
    upSocket.on('error', () => socket.destroy());
    socket.on('error', () => upSocket.destroy());
    upSocket.on('close', () => socket.destroy());
    socket.on('close', () => upSocket.destroy());
  });
  upstream.on('response', (upRes) => {
    // The cluster refused the upgrade: relay its answer, then close (this socket left the HTTP parser).
    let text = `HTTP/1.1 ${upRes.statusCode} ${upRes.statusMessage}\r\n`;
    for (let i = 0; i < upRes.rawHeaders.length; i += 2) {
      if (/^(connection|keep-alive)$/i.test(upRes.rawHeaders[i])) continue;
      text += `${upRes.rawHeaders[i]}: ${upRes.rawHeaders[i + 1]}\r\n`;
    }
    socket.write(text + 'Connection: close\r\n\r\n');
    upRes.pipe(socket);
  });
  upstream.on('error', (err) => {
    // The cluster dropped the upgrade (e.g. streams not supported there): answer with a Status.
    const body = JSON.stringify(
      errors.serviceUnavailable(`the cluster did not accept the stream: ${err.message}`).toStatus(),
    );
    socket.end(
      `HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
  upstream.end();
}
