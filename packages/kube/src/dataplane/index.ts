/**
 * @module dataplane
 * The simulated data plane of the embedded cluster (what kube-proxy, a cloud load balancer and an ingress
 * controller do on a real one, without containers): NodePort and LoadBalancer Services and Ingresses
 * answer on the host with a response naming the pod that served it, chosen round-robin among READY
 * endpoints. Driven by informers of Services, EndpointSlices, Pods and Ingresses; decisions are pure
 * (listeners.ts, route.ts, status.ts), sockets are owned by sockets.ts. See README.md.
 */
import type http from 'node:http';
import type net from 'node:net';
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { createController } from '../controllers/runtime/controller';
import { createEventRecorder } from '../controllers/runtime/events';
import type { InformerFactory } from '../controllers/runtime/informer-factory';
import { RoundRobin } from './backends';
import { desiredListeners, hostPort, publishedIP, type ListenerSpec } from './listeners';
import type { ClusterView, EndpointSlice, Ingress, Pod, Service } from './model';
import { bannerProtocol } from './protocol';
import { bannerLine, errorAnswer, servedAnswer, type HttpAnswer } from './response';
import { routeIngress, routeService, type RouteDecision } from './route';
import { SocketPool } from './sockets';
import { ingressStatusPatch, serviceStatusPatch } from './status';

/** Default port of the cluster ingress controller (outside the nodePort range 30000-32767). */
export const DEFAULT_INGRESS_PORT = 18080;

export interface DataPlaneOptions {
  client: KubeClient;
  /** Shared informers (the controllers'); the data plane adds Ingresses and starts what is new. */
  informers: InformerFactory;
  clock: Clock;
  /** Address to bind (the cluster's bind address; default 127.0.0.1). */
  address?: string;
  /** Port of the cluster ingress controller (default 18080; 0 picks a free one; null for none). */
  ingressPort?: number | null;
  log?: (line: string) => void;
}

export interface RunningDataPlane {
  /** The IP written into load balancer statuses. */
  readonly publishedIP: string;
  /** The cluster ingress controller's bound port (undefined while not bound, or when turned off). */
  ingressPort(): number | undefined;
  /** `host:port` keys of the sockets wanted now, and whether each is bound. */
  listeners(): { key: string; kind: string; bound: boolean; service?: string }[];
  stop(): Promise<void>;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const split = (key: string) => {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)] as const;
};

function sendAnswer(res: http.ServerResponse, a: HttpAnswer, head: boolean): void {
  res.writeHead(a.status, {
    ...a.headers,
    'content-length': Buffer.byteLength(a.body),
    server: 'sphere-dataplane',
  });
  res.end(head ? undefined : a.body);
}

function answerOf(d: RouteDecision, accept: string | undefined): HttpAnswer {
  if (d.kind === 'served') return servedAnswer(d.served, accept);
  return errorAnswer(d.kind === 'not-found' ? 404 : 503, d.message);
}

export async function startDataPlane(o: DataPlaneOptions): Promise<RunningDataPlane> {
  const log = o.log ?? (() => {});
  const address = o.address ?? '127.0.0.1';
  const ip = publishedIP(address);
  const ingressPort = o.ingressPort === null ? undefined : (o.ingressPort ?? DEFAULT_INGRESS_PORT);
  const services = o.informers.for(resources.services);
  const slices = o.informers.for(resources.endpointslices);
  const pods = o.informers.for(resources.pods);
  const ingresses = o.informers.for(resources.ingresses);
  const lbEvents = createEventRecorder(o.client, 'service-controller', o.clock);
  const proxyEvents = createEventRecorder(o.client, 'kube-proxy', o.clock);
  const rr = new RoundRobin();

  const view: ClusterView = {
    services: (ns) => services.list(ns) as Service[],
    service: (ns, name) => services.get(ns, name) as Service | undefined,
    slicesOf: (ns, svc) =>
      (slices.list(ns) as EndpointSlice[]).filter(
        (s) => s.metadata.labels?.['kubernetes.io/service-name'] === svc,
      ),
    pod: (ns, name) => pods.get(ns, name) as Pod | undefined,
    ingresses: (ns) => ingresses.list(ns) as Ingress[],
  };

  const decide = (spec: ListenerSpec, host: string | undefined, path: string): RouteDecision => {
    if (spec.kind === 'ingress') return routeIngress(view, rr, view.ingresses(), { host, path }, 'cluster');
    const ref = spec.service!;
    const svc = view.service(ref.namespace, ref.name);
    const port = svc?.spec?.ports?.find((p) => p.port === ref.port.port && (p.protocol ?? 'TCP') === 'TCP');
    if (!svc || !port)
      return { kind: 'unavailable', message: `service "${ref.namespace}/${ref.name}" is gone` };
    return routeService(view, rr, svc, port, { host, path });
  };

  const serviceOf = (spec: ListenerSpec) =>
    spec.service ? view.service(spec.service.namespace, spec.service.name) : undefined;

  const pool = new SocketPool({
    log,
    onRequest(spec, req, res) {
      req.resume();
      const current = pool.spec(spec.key) ?? spec;
      const d = decide(current, req.headers.host, req.url ?? '/');
      sendAnswer(res, answerOf(d, req.headers.accept), req.method === 'HEAD');
    },
    onConnection(spec, socket: net.Socket) {
      const current = pool.spec(spec.key) ?? spec;
      const d = decide(current, undefined, '/');
      const protocol = current.service ? bannerProtocol(current.service.port) : 'tcp';
      socket.end(
        d.kind === 'served' ? bannerLine(d.served, protocol) : bannerLine(undefined, protocol, d.message),
      );
    },
    onBindError(spec, err) {
      const what = spec.kind === 'ingress' ? 'the cluster ingress controller' : `${spec.kind} of service`;
      const msg = `cannot listen on ${spec.key} for ${what}${spec.service ? ` ${spec.service.namespace}/${spec.service.name}` : ''}: ${err.code ?? err.message}; retrying`;
      log(`dataplane: ${msg}`);
      const svc = serviceOf(spec);
      if (!svc) return;
      if (spec.kind === 'load-balancer')
        lbEvents.record(
          svc,
          'Warning',
          'LoadBalancerPortUnavailable',
          `cannot listen on ${spec.key} (${err.code ?? err.message}); the service answers on its node port at ${hostPort(ip, spec.service!.port.nodePort ?? 0)}`,
        );
      else
        proxyEvents.record(
          svc,
          'Warning',
          'NodePortUnavailable',
          `cannot listen on ${spec.key} (${err.code ?? err.message}); retrying`,
        );
    },
    onBound(spec, port) {
      if (spec.kind === 'ingress')
        log(`dataplane: cluster ingress controller listening on http://${hostPort(spec.host, port)}`);
    },
  });

  const ingressKey = ingressPort !== undefined ? hostPort(address, ingressPort) : undefined;
  let syncQueued = false;
  let stopped = false;
  const syncListeners = () => {
    if (syncQueued || stopped) return;
    syncQueued = true;
    setImmediate(() => {
      syncQueued = false;
      if (stopped) return;
      pool.sync(desiredListeners(view.services(), { address, loadBalancerIP: ip, ingressPort }));
    });
  };

  // Status writes: `svc/<ns>/<name>` and `ing/<ns>/<name>` keys, through the status subresource.
  const statusController = createController({
    name: 'dataplane-status',
    clock: o.clock,
    log,
    async reconcile(key) {
      const kind = key.slice(0, 3);
      const [ns, name] = split(key.slice(4));
      if (kind === 'svc') {
        const svc = view.service(ns, name);
        const patch = svc && serviceStatusPatch(svc, ip);
        if (!svc || !patch) return;
        await o.client.patch(resources.services, ns, name, 'merge', patch, { subresource: 'status' });
        if (svc.spec?.type === 'LoadBalancer')
          lbEvents.record(svc, 'Normal', 'EnsuredLoadBalancer', `Ensured load balancer at ${ip}`);
      } else {
        const ing = ingresses.get(ns, name) as Ingress | undefined;
        const patch = ing && ingressStatusPatch(ing, ip);
        if (!ing || !patch) return;
        await o.client.patch(resources.ingresses, ns, name, 'merge', patch, { subresource: 'status' });
      }
    },
  });

  services.on({
    add: (s) => {
      statusController.enqueue(`svc/${keyOf(s)}`);
      syncListeners();
    },
    update: (_o, s) => {
      statusController.enqueue(`svc/${keyOf(s)}`);
      syncListeners();
    },
    delete: () => syncListeners(),
  });
  ingresses.on({
    add: (i) => statusController.enqueue(`ing/${keyOf(i)}`),
    update: (_o, i) => statusController.enqueue(`ing/${keyOf(i)}`),
  });
  await o.informers.start();
  statusController.start();
  syncListeners();

  return {
    publishedIP: ip,
    ingressPort: () => (ingressKey ? pool.boundPort(ingressKey) : undefined),
    listeners: () =>
      [...pool.specs().values()].map((s) => ({
        key: s.key,
        kind: s.kind,
        bound: pool.boundPort(s.key) !== undefined,
        ...(s.service ? { service: `${s.service.namespace}/${s.service.name}` } : {}),
      })),
    async stop() {
      stopped = true;
      statusController.stop();
      await pool.close();
    },
  };
}
