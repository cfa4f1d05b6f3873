/**
 * @module stub-api
 * A tiny in-memory stand-in for the platform, used only to look at the console build before the real
 * platform serves it: OAuth, the iam/tenant/resources kapis the console calls, and a Kubernetes-like
 * /api,/apis with list, get, create (dryRun), put, merge-patch, delete and HTTP-streaming watch.
 * Not a test of the platform; not part of the test run.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

type Obj = {
  apiVersion?: string;
  kind?: string;
  metadata: Record<string, unknown> & {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
  };
  [k: string]: unknown;
};

let rv = 100;
const store = new Map<string, Obj>(); // key: plural/ns/name
const watchers = new Set<{ plural: string; ns?: string; res: ServerResponse; fieldName?: string }>();

const KIND: Record<string, string> = {
  deployments: 'Deployment',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  jobs: 'Job',
  cronjobs: 'CronJob',
  pods: 'Pod',
  services: 'Service',
  ingresses: 'Ingress',
  persistentvolumeclaims: 'PersistentVolumeClaim',
  secrets: 'Secret',
  configmaps: 'ConfigMap',
  events: 'Event',
  controllerrevisions: 'ControllerRevision',
  replicasets: 'ReplicaSet',
  nodes: 'Node',
  namespaces: 'Namespace',
  storageclasses: 'StorageClass',
};

function put(plural: string, obj: Obj, type: 'ADDED' | 'MODIFIED' = 'ADDED'): Obj {
  rv += 1;
  obj.metadata.resourceVersion = String(rv);
  obj.metadata.uid ??= `uid-${rv}`;
  obj.metadata.creationTimestamp ??= new Date(Date.now() - rv * 60_000).toISOString();
  obj.kind ??= KIND[plural];
  store.set(`${plural}/${obj.metadata.namespace ?? ''}/${obj.metadata.name}`, obj);
  notify(plural, obj, type);
  return obj;
}

function notify(plural: string, obj: Obj, type: string): void {
  for (const w of watchers) {
    if (w.plural !== plural) continue;
    if (w.ns && w.ns !== obj.metadata.namespace) continue;
    if (w.fieldName && w.fieldName !== obj.metadata.name) continue;
    w.res.write(JSON.stringify({ type, object: obj }) + '\n');
  }
}

function list(plural: string, ns?: string): Obj[] {
  return [...store.entries()]
    .filter(([k]) => k.startsWith(`${plural}/`) && (!ns || k.startsWith(`${plural}/${ns}/`)))
    .map(([, v]) => v);
}

function seed(): void {
  put('namespaces', {
    metadata: {
      name: 'demo',
      labels: { 'kubesphere.io/workspace': 'demo-ws' },
      annotations: { 'kubesphere.io/creator': 'admin' },
    },
    status: { phase: 'Active' },
  });
  for (let i = 1; i <= 3; i++) {
    put('nodes', {
      metadata: { name: `node-${i}`, labels: { 'node-role.kubernetes.io/worker': '' } },
      spec: {},
      status: {
        conditions: [{ type: 'Ready', status: 'True' }],
        allocatable: { cpu: '8', memory: '16Gi' },
        nodeInfo: { osImage: 'Simulated Linux' },
      },
    });
  }
  put('storageclasses', {
    metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'sphere.io/local',
    reclaimPolicy: 'Delete',
  } as Obj);
  put('statefulsets', {
    metadata: {
      name: 'mysql',
      namespace: 'demo',
      labels: { app: 'mysql' },
      annotations: { 'kubesphere.io/alias-name': 'MySQL', 'kubesphere.io/creator': 'admin' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'mysql' } },
      serviceName: 'mysql-abc',
      template: {
        metadata: { labels: { app: 'mysql' } },
        spec: {
          containers: [
            { name: 'container-1', image: 'mysql:5.6', ports: [{ containerPort: 3306, protocol: 'TCP' }] },
          ],
        },
      },
    },
    status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2 },
  });
  for (let i = 0; i < 2; i++)
    put('pods', {
      metadata: { name: `mysql-${i}`, namespace: 'demo', labels: { app: 'mysql' } },
      spec: { nodeName: `node-${i + 1}` },
      status: { phase: i === 0 ? 'Running' : 'Pending', podIP: `10.0.0.${i + 10}` },
    });
  put('configmaps', {
    metadata: { name: 'mysql-config', namespace: 'demo' },
    data: { 'my.cnf': '[mysqld]\nmax_connections=100' },
  } as Obj);
  put('secrets', {
    metadata: { name: 'mysql-secret', namespace: 'demo' },
    type: 'Opaque',
    data: { password: 'cGFzc3dvcmQ=' },
  } as Obj);
  for (let i = 0; i < Number(process.env.STUB_DEPLOYMENTS ?? 1200); i++)
    put('deployments', {
      metadata: { name: `web-${String(i).padStart(5, '0')}`, namespace: 'demo', labels: { app: `web-${i}` } },
      spec: { replicas: i % 3 },
      status: { replicas: i % 3, readyReplicas: i % 3 === 2 ? 1 : i % 3 },
    });
  put('events', {
    metadata: { name: 'mysql.1', namespace: 'demo' },
    involvedObject: { kind: 'StatefulSet', name: 'mysql', namespace: 'demo' },
    type: 'Normal',
    reason: 'SuccessfulCreate',
    message: 'create Pod mysql-0 in StatefulSet mysql successful',
    lastTimestamp: new Date().toISOString(),
  } as Obj);
}

const USERS: Record<string, { password: string; role: string; uninitialized?: boolean; locked?: boolean }> = {
  admin: { password: 'P@88w0rd', role: 'platform-admin' },
  viewer: { password: 'Viewer123', role: 'platform-regular' },
  newbie: { password: 'P@88w0rd', role: 'platform-regular', uninitialized: true },
  locked: { password: 'x', role: 'platform-regular', locked: true },
};

function token(username: string, seconds: number): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'none' })}.${b64({ username, exp: Math.floor(Date.now() / 1000) + seconds, n: Math.random() })}.sig`;
}

function userOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (!auth?.startsWith('Bearer ')) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(auth.slice(7).split('.')[1], 'base64url').toString()) as {
      username: string;
      exp: number;
    };
    // Expired tokens are refused (exercises the console's refresh and "session expired" paths).
    return claims.exp * 1000 > Date.now() ? claims.username : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, code: number, body: unknown): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
const status = (res: ServerResponse, code: number, reason: string, message: string) =>
  send(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

function userObject(name: string) {
  const u = USERS[name];
  return {
    apiVersion: 'iam.kubesphere.io/v1alpha2',
    kind: 'User',
    metadata: {
      name,
      uid: `u-${name}`,
      creationTimestamp: new Date().toISOString(),
      annotations: {
        'iam.kubesphere.io/globalrole': u.role,
        ...(u.uninitialized ? { 'iam.kubesphere.io/uninitialized': 'true' } : {}),
      },
    },
    spec: { email: `${name}@example.com` },
    status: { state: 'Active', lastLoginTime: new Date().toISOString() },
  };
}

/** The platform's `users/{u}/rules` shape. */
function rulesFor(user: string) {
  if (USERS[user]?.role === 'platform-admin') {
    return { modules: {}, rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] };
  }
  return {
    modules: { workloads: 'view', projects: 'view', members: 'view' },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list'] }],
  };
}

function paged(items: Obj[], url: URL) {
  const name = url.searchParams.get('name');
  const labelSelector = url.searchParams.get('labelSelector');
  let out = items.filter((o) => !name || (o.metadata.name ?? '').includes(name));
  if (labelSelector) {
    const pairs = labelSelector.split(',').map((p) => p.split('='));
    out = out.filter((o) => pairs.every(([k, v]) => o.metadata.labels?.[k] === v));
  }
  const asc = url.searchParams.get('ascending') === 'true';
  const by = url.searchParams.get('sortBy') ?? 'createTime';
  out.sort(
    (a, b) =>
      (by === 'name'
        ? String(a.metadata.name).localeCompare(String(b.metadata.name))
        : String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp))) *
      (asc ? 1 : -1),
  );
  const limit = Number(url.searchParams.get('limit') ?? -1);
  const page = Number(url.searchParams.get('page') ?? 1);
  return { items: limit > 0 ? out.slice((page - 1) * limit, page * limit) : out, totalItems: out.length };
}

async function kube(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parts = url.pathname.split('/').filter(Boolean);
  const rest = parts[0] === 'api' ? parts.slice(2) : parts.slice(3);
  let ns: string | undefined;
  let plural: string;
  let name: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) [, ns, plural, name] = rest;
  else [plural, name] = rest;
  if (plural === 'namespaces' && rest.length === 2) [plural, name] = rest;
  const key = `${plural}/${ns ?? ''}/${name}`;
  if (plural === 'pods' && rest[4] === 'log') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const line = (i: number) => `${new Date().toISOString()} mysqld: ready for connections (${i})\n`;
    for (let i = 0; i < 20; i++) res.write(line(i));
    if (url.searchParams.get('follow') !== 'true') return void res.end();
    let i = 20;
    const t = setInterval(() => res.write(line(i++)), 500);
    req.on('close', () => clearInterval(t));
    return;
  }
  if (req.method === 'GET' && !name) {
    if (url.searchParams.get('watch') === 'true') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const fs = url.searchParams.get('fieldSelector') ?? '';
      const w = { plural, ns, res, fieldName: /metadata\.name=([^,]+)/.exec(fs)?.[1] };
      watchers.add(w);
      req.on('close', () => watchers.delete(w));
      return;
    }
    let items = list(plural, ns);
    const fs = url.searchParams.get('fieldSelector');
    if (fs && plural === 'events') {
      const n = /involvedObject\.name=([^,]+)/.exec(fs)?.[1];
      items = items.filter((e) => (e.involvedObject as { name: string }).name === n);
    }
    const ls = url.searchParams.get('labelSelector');
    if (ls)
      items = items.filter((o) =>
        ls.split(',').every((p) => o.metadata.labels?.[p.split('=')[0]] === p.split('=')[1]),
      );
    return send(res, 200, {
      kind: 'List',
      apiVersion: 'v1',
      metadata: { resourceVersion: String(rv) },
      items,
    });
  }
  const existing = store.get(key);
  if (req.method === 'GET')
    return existing
      ? send(res, 200, existing)
      : status(res, 404, 'NotFound', `${plural} "${name}" not found`);
  if (req.method === 'POST') {
    const obj = JSON.parse(await body(req)) as Obj;
    obj.metadata.namespace = ns;
    if (store.has(`${plural}/${ns ?? ''}/${obj.metadata.name}`))
      return status(res, 409, 'AlreadyExists', `${plural} "${obj.metadata.name}" already exists`);
    if (url.searchParams.get('dryRun') === 'All') return send(res, 201, obj);
    return send(res, 201, put(plural, obj));
  }
  if (!existing) return status(res, 404, 'NotFound', `${plural} "${name}" not found`);
  if (req.method === 'DELETE') {
    store.delete(key);
    rv += 1;
    notify(
      plural,
      { ...existing, metadata: { ...existing.metadata, resourceVersion: String(rv) } },
      'DELETED',
    );
    return send(res, 200, existing);
  }
  const patch = JSON.parse(await body(req)) as Obj;
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === null) return undefined;
    if (typeof a !== 'object' || a === null || Array.isArray(a) || typeof b !== 'object' || Array.isArray(b))
      return b;
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      const m = merge(out[k], v);
      if (m === undefined) delete out[k];
      else out[k] = m;
    }
    return out;
  };
  const next = (req.method === 'PUT' ? patch : merge(existing, patch)) as Obj;
  return send(res, 200, put(plural, next, 'MODIFIED'));
}

async function handle(req: IncomingMessage, res: ServerResponse, dist: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const p = url.pathname;
  if (p === '/oauth/token') {
    const form = new URLSearchParams(await body(req));
    if (form.get('grant_type') === 'refresh_token') {
      const user = JSON.parse(
        Buffer.from((form.get('refresh_token') ?? '').split('.')[1] ?? '', 'base64url').toString() || '{}',
      ).username as string | undefined;
      if (!user) return send(res, 400, { error: 'invalid_grant' });
      return send(res, 200, {
        access_token: token(user, 120),
        refresh_token: token(user, 600),
        token_type: 'Bearer',
        expires_in: 120,
      });
    }
    const u = USERS[form.get('username') ?? ''];
    if (u?.locked) return send(res, 429, { error: 'invalid_grant', error_description: 'user is locked' });
    if (!u || u.password !== form.get('password'))
      return send(res, 400, { error: 'invalid_grant', error_description: 'incorrect username or password' });
    const name = form.get('username') ?? '';
    return send(res, 200, {
      access_token: token(name, 120),
      refresh_token: token(name, 600),
      token_type: 'Bearer',
      expires_in: 120,
      ...(u.uninitialized ? { uninitialized: true } : {}),
    });
  }
  if (p === '/oauth/logout') return send(res, 200, {});
  if (p.startsWith('/kapis/') || p.startsWith('/api/') || p.startsWith('/apis/')) {
    const user = userOf(req);
    if (!user) return status(res, 401, 'Unauthorized', 'Unauthorized');
    let m: RegExpExecArray | null;
    if ((m = /^\/kapis\/iam\.kubesphere\.io\/v1alpha2\/users\/([^/]+)\/password$/.exec(p))) {
      if (USERS[m[1]]) USERS[m[1]].uninitialized = false;
      return send(res, 200, {});
    }
    if ((m = /^\/kapis\/iam\.kubesphere\.io\/v1alpha2\/users\/([^/]+)\/rules$/.exec(p)))
      return send(res, 200, rulesFor(m[1]));
    if ((m = /^\/kapis\/iam\.kubesphere\.io\/v1alpha2\/users\/([^/]+)$/.exec(p)))
      return USERS[m[1]] ? send(res, 200, userObject(m[1])) : status(res, 404, 'NotFound', 'no user');
    if (p === '/kapis/iam.kubesphere.io/v1alpha2/users')
      return send(res, 200, paged(Object.keys(USERS).map(userObject) as Obj[], url));
    if (/roles$/.test(p))
      return send(res, 200, {
        items: ['admin', 'operator', 'viewer'].map((n) => ({
          metadata: { name: n, creationTimestamp: new Date().toISOString() },
        })),
        totalItems: 3,
      });
    if (/members$/.test(p)) return send(res, 200, paged(['admin', 'viewer'].map(userObject) as Obj[], url));
    if (p === '/kapis/tenant.kubesphere.io/v1alpha2/workspaces')
      return send(
        res,
        200,
        paged(
          [
            { metadata: { name: 'demo-ws', annotations: { 'kubesphere.io/description': 'Demo workspace' } } },
            { metadata: { name: 'system-workspace' } },
          ],
          url,
        ),
      );
    if ((m = /^\/kapis\/tenant\.kubesphere\.io\/v1alpha2\/workspaces\/([^/]+)$/.exec(p)))
      return send(res, 200, {
        metadata: { name: m[1], creationTimestamp: new Date().toISOString() },
        spec: { template: { spec: { manager: 'admin' } } },
      });
    if (/^\/kapis\/tenant\.kubesphere\.io\/v1alpha2\/(workspaces\/[^/]+\/)?namespaces$/.test(p))
      return send(res, 200, paged(list('namespaces'), url));
    if ((m = /^\/kapis\/resources\.kubesphere\.io\/v1alpha3\/(?:namespaces\/([^/]+)\/)?([a-z]+)$/.exec(p)))
      return send(res, 200, paged(list(m[2], m[1]), url));
    if (p.startsWith('/api/') || p.startsWith('/apis/')) return kube(req, res, url);
    return status(res, 404, 'NotFound', p);
  }
  // static files with SPA fallback
  const file = join(dist, p);
  const assetIdx = p.indexOf('/assets/');
  const asset = assetIdx >= 0 ? join(dist, p.slice(assetIdx)) : file;
  const target = existsSync(asset) && statSync(asset).isFile() ? asset : join(dist, 'index.html');
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.html': 'text/html',
    '.svg': 'image/svg+xml',
  };
  res.writeHead(200, { 'Content-Type': types[extname(target)] ?? 'application/octet-stream' });
  res.end(readFileSync(target));
}

/** Starts the stub on `port` serving `dist`; returns a close function. */
export function startStub(port: number, dist: string): Promise<() => void> {
  seed();
  const server = createServer(
    (req, res) =>
      void handle(req, res, dist).catch((e: Error) => status(res, 500, 'InternalError', e.message)),
  );
  // Simulated activity: the mysql StatefulSet becomes ready after a while (exercises watch updates).
  const timer = setInterval(() => {
    const sts = store.get('statefulsets/demo/mysql');
    if (sts)
      put(
        'statefulsets',
        { ...sts, status: { replicas: 2, readyReplicas: 2, updatedReplicas: 2 } },
        'MODIFIED',
      );
  }, 4000);
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () =>
      resolve(() => {
        clearInterval(timer);
        for (const w of watchers) w.res.end();
        server.close();
      }),
    ),
  );
}

if (process.argv[1]?.endsWith('stub-api.ts')) {
  const port = Number(process.env.PORT ?? 30881);
  void startStub(port, join(import.meta.dirname, '..', 'dist')).then(() =>
    console.log(`stub on http://127.0.0.1:${port}`),
  );
}
