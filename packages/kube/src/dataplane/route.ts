/**
 * @module dataplane/route
 * Where a request goes (pure, given the cluster view and a round-robin state): a Service port sends it to
 * one of its READY endpoints in turn; when that endpoint is an ingress controller pod, the request is
 * routed on through the Ingresses that controller watches (one level: an ingress controller behind an
 * ingress controller is answered by the inner pod itself).
 */
import { readyBackends, type RoundRobin } from './backends';
import { ingressesServedBy } from './ingress-controllers';
import { hasTls, matchIngress } from './ingress-match';
import type { ClusterView, Ingress, Pod, Service, ServicePort } from './model';

/** The pod that answered, and how the request got there. */
export interface ServedBy {
  pod: string;
  namespace: string;
  ip: string;
  port: number;
  node?: string;
  image?: string;
  service: { namespace: string; name: string; port: number };
  ingress?: {
    namespace: string;
    name: string;
    path?: string;
    /** `namespace/name` of the ingress controller pod, or `cluster` for the cluster ingress controller. */
    controller: string;
    /** The host is listed under the Ingress's `spec.tls` (the simulation answers in plain HTTP anyway). */
    tls: boolean;
  };
}

export type RouteDecision =
  | { kind: 'served'; served: ServedBy }
  | { kind: 'unavailable'; message: string }
  | { kind: 'not-found'; message: string };

export interface RequestInfo {
  host?: string;
  path: string;
}

/** The image of the container listening on `port` (else the first container). */
export function imageFor(pod: Pod | undefined, port: number): string | undefined {
  const containers = pod?.spec?.containers ?? [];
  const byPort = containers.find((c) =>
    ((c as { ports?: { containerPort?: number }[] }).ports ?? []).some((p) => p.containerPort === port),
  );
  return (byPort ?? containers[0])?.image;
}

const svcName = (s: Service) => `${s.metadata.namespace}/${s.metadata.name}`;

/** Routes a request that reached `port` of `svc` (through a nodePort or a load balancer address). */
export function routeService(
  view: ClusterView,
  rr: RoundRobin,
  svc: Service,
  port: ServicePort,
  req: RequestInfo,
  nested = false,
): RouteDecision {
  const backends = readyBackends(view, svc, port);
  const backend = rr.pick(`${svcName(svc)}:${port.port}`, backends);
  if (!backend)
    return {
      kind: 'unavailable',
      message: `service "${svcName(svc)}" has no ready endpoints for port ${port.port}: no pod selected by the service is Ready`,
    };
  const pod = view.pod(backend.namespace, backend.pod);
  if (pod && !nested) {
    const ingresses = ingressesServedBy(pod, view.ingresses());
    if (ingresses) return routeIngress(view, rr, ingresses, req, `${backend.namespace}/${backend.pod}`);
  }
  return {
    kind: 'served',
    served: {
      pod: backend.pod,
      namespace: backend.namespace,
      ip: backend.ip,
      port: backend.port,
      ...(backend.node ? { node: backend.node } : {}),
      ...(imageFor(pod, backend.port) ? { image: imageFor(pod, backend.port) } : {}),
      service: { namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '', port: port.port },
    },
  };
}

/** Routes a request through `ingresses` as the ingress controller `controller` would. */
export function routeIngress(
  view: ClusterView,
  rr: RoundRobin,
  ingresses: Ingress[],
  req: RequestInfo,
  controller: string,
): RouteDecision {
  const m = matchIngress(ingresses, req.host, req.path);
  if (!m)
    return {
      kind: 'not-found',
      message: `default backend - 404: no Ingress rule matches host "${req.host ?? ''}" and path "${req.path}"`,
    };
  const svc = view.service(m.service.namespace, m.service.name);
  const where = `ingress "${m.ingress.namespace}/${m.ingress.name}"`;
  if (!svc)
    return {
      kind: 'unavailable',
      message: `${where}: service "${m.service.namespace}/${m.service.name}" not found`,
    };
  const sp = (svc.spec?.ports ?? []).find((p) =>
    m.service.port.number !== undefined ? p.port === m.service.port.number : p.name === m.service.port.name,
  );
  if (!sp)
    return {
      kind: 'unavailable',
      message: `${where}: service "${svcName(svc)}" has no port ${m.service.port.number ?? m.service.port.name ?? ''}`,
    };
  const d = routeService(view, rr, svc, sp, req, true);
  if (d.kind !== 'served') return { ...d, message: `${where}: ${d.message}` };
  const ing = ingresses.find(
    (i) => i.metadata.namespace === m.ingress.namespace && i.metadata.name === m.ingress.name,
  );
  d.served.ingress = {
    ...m.ingress,
    ...(m.path !== undefined ? { path: m.path } : {}),
    controller,
    tls: !!ing && hasTls(ing, req.host),
  };
  return d;
}
