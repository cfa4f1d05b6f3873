/**
 * A small in-memory Kubernetes API server for the platform's tests while no real cluster is at hand: generic
 * CRUD for any group/version/resource, resourceVersion conflicts, label/field selectors, merge patch and
 * watch (with replay from a resourceVersion). It speaks plain HTTP with a bearer token and writes a
 * kubeconfig, so the platform reaches it exactly as it reaches a real cluster. Not a conformance target.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { KubeObject } from '@sphere/shared';

interface Target {
  gv: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

interface Event {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubeObject;
  rv: number;
  gvr: string;
}

export interface FakeApiServer {
  url: string;
  kubeconfigPath: string;
  token: string;
  /** Number of requests served, for tests that check traffic. */
  requests: number;
  /** Inserts objects into a collection (`/api/v1/namespaces/x/pods`) without HTTP, as creates would (benchmarks). */
  seed(collectionPath: string, objects: KubeObject[]): void;
  stop(): Promise<void>;
}

function parse(pathname: string): Target | undefined {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let rest: string[];
  let gv: string;
  if (parts[0] === 'api' && parts.length >= 2) {
    gv = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    gv = `${parts[1]}/${parts[2]}`;
    rest = parts.slice(3);
  } else return undefined;
  if (rest.length === 0) return undefined;
  if (
    rest[0] === 'namespaces' &&
    rest.length >= 3 &&
    !(rest.length === 3 && ['status', 'finalize'].includes(rest[2]))
  ) {
    return { gv, namespace: rest[1], resource: rest[2], name: rest[3], subresource: rest[4] };
  }
  return { gv, resource: rest[0], name: rest[1], subresource: rest[2] };
}

function matchesLabels(obj: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  const labels = obj.metadata.labels ?? {};
  return selector.split(',').every((term) => {
    const t = term.trim();
    if (!t) return true;
    const neq = t.split('!=');
    if (neq.length === 2) return labels[neq[0].trim()] !== neq[1].trim();
    const eq = t.split(/==?/);
    if (eq.length === 2) return labels[eq[0].trim()] === eq[1].trim();
    if (t.startsWith('!')) return !(t.slice(1) in labels);
    return t in labels;
  });
}

function matchesFields(obj: KubeObject, selector: string | null): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const [k, v] = term.split(/==?/);
    if (k === 'metadata.name') return obj.metadata.name === v;
    if (k === 'metadata.namespace') return obj.metadata.namespace === v;
    return true;
  });
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

const status = (code: number, reason: string, message: string) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  code,
});

/** Starts the fake on a free port and writes `<dir>/kubeconfig`. */
export async function startFakeApiServer(dir: string): Promise<FakeApiServer> {
  const token = randomUUID();
  const store = new Map<string, Map<string, KubeObject>>(); // gvr → key → object
  const log: Event[] = [];
  const watchers = new Set<{
    gvr: string;
    namespace?: string;
    label: string | null;
    res: http.ServerResponse;
  }>();
  let rv = 1;
  const fake = { requests: 0 } as FakeApiServer;

  const bucket = (gvr: string) => {
    let b = store.get(gvr);
    if (!b) store.set(gvr, (b = new Map()));
    return b;
  };
  const keyOf = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);
  const record = (type: Event['type'], gvr: string, object: KubeObject) => {
    const ev: Event = { type, object, rv, gvr };
    log.push(ev);
    if (log.length > 20000) log.splice(0, 5000);
    for (const w of watchers) {
      if (w.gvr !== gvr) continue;
      if (w.namespace && object.metadata.namespace !== w.namespace) continue;
      if (!matchesLabels(object, w.label)) continue;
      w.res.write(JSON.stringify({ type, object }) + '\n');
    }
  };
  const remove = (gvr: string, key: string) => {
    const b = bucket(gvr);
    const obj = b.get(key);
    if (!obj) return undefined;
    b.delete(key);
    rv++;
    const deleted = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } };
    record('DELETED', gvr, deleted);
    if (gvr === 'v1/namespaces') {
      for (const [g, items] of store) {
        for (const [k, o] of [...items]) if (o.metadata.namespace === obj.metadata.name) remove(g, k);
        void g;
      }
    }
    return deleted;
  };

  const server = http.createServer((req, res) => {
    fake.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (code: number, body: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== `Bearer ${token}`)
        return send(401, status(401, 'Unauthorized', 'Unauthorized'));
      const url = new URL(req.url ?? '/', 'http://fake');
      if (url.pathname === '/version')
        return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.0-fake' });
      if (url.pathname === '/readyz' || url.pathname === '/livez') {
        // As kube-apiserver answers `?verbose`: one line per check, then the verdict.
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        const checks =
          url.pathname === '/readyz' ? ['ping', 'log', 'etcd', 'informer-sync'] : ['ping', 'log', 'etcd'];
        const name = url.pathname.slice(1);
        res.end(
          url.searchParams.has('verbose')
            ? `${checks.map((c) => `[+]${c} ok`).join('\n')}\n${name} check passed\n`
            : 'ok',
        );
        return;
      }
      const target = parse(url.pathname);
      if (!target)
        return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
      const gvr = `${target.gv}/${target.resource}`;
      const b = bucket(gvr);
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as KubeObject) : undefined;
      const notFound = () =>
        send(404, status(404, 'NotFound', `${target.resource} "${target.name}" not found`));
      const method = req.method ?? 'GET';
      if (method === 'GET' && !target.name) {
        const label = url.searchParams.get('labelSelector');
        const field = url.searchParams.get('fieldSelector');
        if (url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1') {
          res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
          res.flushHeaders();
          const from = Number(url.searchParams.get('resourceVersion') || rv);
          if (log.length && from < log[0].rv - 1) {
            res.end(
              JSON.stringify({ type: 'ERROR', object: status(410, 'Expired', 'too old resource version') }) +
                '\n',
            );
            return;
          }
          for (const ev of log) {
            if (ev.rv <= from || ev.gvr !== gvr) continue;
            if (target.namespace && ev.object.metadata.namespace !== target.namespace) continue;
            if (!matchesLabels(ev.object, label)) continue;
            res.write(JSON.stringify({ type: ev.type, object: ev.object }) + '\n');
          }
          const w = { gvr, namespace: target.namespace, label, res };
          watchers.add(w);
          req.socket.on('close', () => watchers.delete(w));
          return;
        }
        const items = [...b.values()].filter(
          (o) =>
            (!target.namespace || o.metadata.namespace === target.namespace) &&
            matchesLabels(o, label) &&
            matchesFields(o, field),
        );
        return send(200, {
          apiVersion: target.gv,
          kind: 'List',
          metadata: { resourceVersion: String(rv) },
          items,
        });
      }
      if (method === 'GET') {
        const obj = b.get(keyOf(target.namespace, target.name!));
        return obj ? send(200, obj) : notFound();
      }
      if (method === 'POST' && !target.name) {
        if (!body?.metadata) return send(400, status(400, 'BadRequest', 'no metadata'));
        const name =
          body.metadata.name ||
          (body.metadata.generateName ? body.metadata.generateName + randomUUID().slice(0, 5) : '');
        if (!name) return send(422, status(422, 'Invalid', 'metadata.name: Required value'));
        if (target.namespace && !bucket('v1/namespaces').has(target.namespace)) {
          return send(404, status(404, 'NotFound', `namespaces "${target.namespace}" not found`));
        }
        const key = keyOf(target.namespace, name);
        if (b.has(key))
          return send(409, status(409, 'AlreadyExists', `${target.resource} "${name}" already exists`));
        rv++;
        const obj: KubeObject = {
          ...body,
          metadata: {
            ...body.metadata,
            name,
            namespace: target.namespace,
            uid: randomUUID(),
            resourceVersion: String(rv),
            creationTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
          },
        };
        if (gvr === 'v1/namespaces') obj.status = { phase: 'Active' };
        b.set(key, obj);
        record('ADDED', gvr, obj);
        return send(201, obj);
      }
      if ((method === 'PUT' || method === 'PATCH') && target.name) {
        const key = keyOf(target.namespace, target.name);
        const current = b.get(key);
        if (!current) return notFound();
        let next: KubeObject;
        if (method === 'PUT') {
          if (
            body?.metadata?.resourceVersion &&
            body.metadata.resourceVersion !== current.metadata.resourceVersion
          ) {
            return send(
              409,
              status(
                409,
                'Conflict',
                `Operation cannot be fulfilled on ${target.resource} "${target.name}": the object has been modified; please apply your changes to the latest version and try again`,
              ),
            );
          }
          next =
            target.subresource === 'status' ? { ...current, status: body?.status } : (body as KubeObject);
        } else {
          next = mergePatch(current, body) as KubeObject;
        }
        rv++;
        next = {
          ...next,
          metadata: {
            ...next.metadata,
            name: current.metadata.name,
            namespace: current.metadata.namespace,
            uid: current.metadata.uid,
            creationTimestamp: current.metadata.creationTimestamp,
            resourceVersion: String(rv),
          },
        };
        b.set(key, next);
        record('MODIFIED', gvr, next);
        return send(200, next);
      }
      if (method === 'DELETE' && target.name) {
        const deleted = remove(gvr, keyOf(target.namespace, target.name));
        return deleted ? send(200, deleted) : notFound();
      }
      return send(405, status(405, 'MethodNotAllowed', 'method not allowed'));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  fake.url = `http://127.0.0.1:${port}`;
  fake.token = token;
  fs.mkdirSync(dir, { recursive: true });
  fake.kubeconfigPath = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    fake.kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: fake, cluster: {server: "' + fake.url + '", insecure-skip-tls-verify: true}}]',
      'users: [{name: admin, user: {token: "' + token + '"}}]',
      'contexts: [{name: fake, context: {cluster: fake, user: admin}}]',
      'current-context: fake',
      '',
    ].join('\n'),
  );
  fake.seed = (collectionPath, objects) => {
    const target = parse(collectionPath);
    if (!target) throw new Error(`not a collection: ${collectionPath}`);
    const gvr = `${target.gv}/${target.resource}`;
    const b = bucket(gvr);
    for (const body of objects) {
      rv++;
      const obj: KubeObject = {
        ...body,
        metadata: {
          ...body.metadata,
          namespace: target.namespace,
          uid: randomUUID(),
          resourceVersion: String(rv),
          creationTimestamp: new Date(Date.now() + rv).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      };
      b.set(keyOf(target.namespace, obj.metadata.name!), obj);
      record('ADDED', gvr, obj);
    }
  };
  fake.stop = () =>
    new Promise<void>((resolve) => {
      for (const w of watchers) w.res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
