/**
 * @module dataplane/listeners
 * Which sockets the data plane should hold open (pure): every TCP nodePort of NodePort and LoadBalancer
 * Services on the bind address; for LoadBalancer Services also `<load balancer ip>:<port>` (best effort:
 * ports below 1024 need privileges); and the cluster ingress controller's port. When two Services claim
 * the same socket, the older one keeps it.
 */
import type { Service, ServicePort } from './model';
import { portProtocol, type PortProtocol } from './protocol';

export type ListenerKind = 'node-port' | 'load-balancer' | 'ingress';

export interface ListenerSpec {
  /** `host:port`, the identity of the socket. */
  key: string;
  host: string;
  port: number;
  kind: ListenerKind;
  protocol: PortProtocol;
  /** The Service and its port (absent for the ingress listener). */
  service?: { namespace: string; name: string; port: ServicePort };
}

export interface ListenerOptions {
  /** Address nodePorts are bound on (the cluster's bind address, 127.0.0.1 by default). */
  address: string;
  /** The IP written into LoadBalancer status and bound for `<ip>:<port>`. */
  loadBalancerIP: string;
  /** Port of the cluster ingress controller, or undefined for none. */
  ingressPort?: number;
}

export const hostPort = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

const servesNodePorts = (s: Service) => s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer';

/** The sockets wanted for these Services. */
export function desiredListeners(services: Service[], o: ListenerOptions): ListenerSpec[] {
  const out = new Map<string, ListenerSpec>();
  const add = (l: ListenerSpec) => {
    if (!out.has(l.key)) out.set(l.key, l);
  };
  if (o.ingressPort !== undefined)
    add({
      key: hostPort(o.address, o.ingressPort),
      host: o.address,
      port: o.ingressPort,
      kind: 'ingress',
      protocol: 'http',
    });
  const sorted = services
    .filter((s) => servesNodePorts(s) && !s.metadata.deletionTimestamp)
    .sort(
      (a, b) =>
        (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
    );
  const ref = (s: Service, port: ServicePort) => ({
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name ?? '',
    port,
  });
  for (const s of sorted)
    for (const p of s.spec?.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP' || !p.nodePort) continue;
      const key = hostPort(o.address, p.nodePort);
      add({
        key,
        host: o.address,
        port: p.nodePort,
        kind: 'node-port',
        protocol: portProtocol(p),
        service: ref(s, p),
      });
    }
  // Load balancer addresses last, so they never take a socket a nodePort needs.
  for (const s of sorted) {
    if (s.spec?.type !== 'LoadBalancer') continue;
    for (const p of s.spec?.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP') continue;
      const key = hostPort(o.loadBalancerIP, p.port);
      const clashes = [...out.values()].some(
        (l) => l.port === p.port && (l.host === '0.0.0.0' || l.host === '::'),
      );
      if (clashes) continue;
      add({
        key,
        host: o.loadBalancerIP,
        port: p.port,
        kind: 'load-balancer',
        protocol: portProtocol(p),
        service: ref(s, p),
      });
    }
  }
  return [...out.values()];
}

/**
 * Sockets to open and to close to get from `current` to `desired`. A socket whose protocol changes
 * (HTTP ↔ banner) is closed and opened again; one that only changes Service is kept (requests look the
 * Service up when they arrive).
 */
export function diffListeners(
  current: ReadonlyMap<string, ListenerSpec>,
  desired: ListenerSpec[],
): { open: ListenerSpec[]; close: string[] } {
  const want = new Map(desired.map((l) => [l.key, l]));
  const close = [...current.values()]
    .filter((l) => want.get(l.key)?.protocol !== l.protocol)
    .map((l) => l.key);
  const open = desired.filter((l) => current.get(l.key)?.protocol !== l.protocol);
  return { open, close };
}

/** The IP to publish for LoadBalancer Services and Ingresses given the bind address. */
export function publishedIP(address: string): string {
  return address === '0.0.0.0' || address === '::' || address === '' ? '127.0.0.1' : address;
}
