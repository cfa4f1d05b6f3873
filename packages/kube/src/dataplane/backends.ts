/**
 * @module dataplane/backends
 * Which pods may serve a Service port: the READY endpoints of its EndpointSlices (as kube-proxy programs
 * them), each with the port its slice resolved for that service port, and round-robin choice among them.
 */
import type { ClusterView, Service, ServicePort } from './model';

/** One ready endpoint of a service port. */
export interface Backend {
  namespace: string;
  /** Pod name (from the endpoint's targetRef), or the address when the endpoint names no pod. */
  pod: string;
  ip: string;
  port: number;
  node?: string;
}

/**
 * Ready endpoints behind `port` of `svc`, sorted by pod name, one per address. An endpoint whose
 * `conditions.ready` is absent counts as ready (the API's meaning of "unknown"), as kube-proxy does.
 */
export function readyBackends(view: ClusterView, svc: Service, port: ServicePort): Backend[] {
  const ns = svc.metadata.namespace ?? '';
  const protocol = port.protocol ?? 'TCP';
  const byIp = new Map<string, Backend>();
  for (const slice of view.slicesOf(ns, svc.metadata.name ?? '')) {
    const sp = (slice.ports ?? []).find(
      (p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === protocol,
    );
    if (!sp?.port) continue;
    for (const ep of slice.endpoints ?? []) {
      if (ep.conditions?.ready === false) continue;
      const ip = ep.addresses?.[0];
      if (!ip || byIp.has(ip)) continue;
      byIp.set(ip, {
        namespace: ns,
        pod: ep.targetRef?.kind === 'Pod' && ep.targetRef.name ? ep.targetRef.name : ip,
        ip,
        port: sp.port,
        ...(ep.nodeName ? { node: ep.nodeName } : {}),
      });
    }
  }
  return [...byIp.values()].sort((a, b) => a.pod.localeCompare(b.pod));
}

/** Round-robin over changing lists: one counter per key (e.g. `ns/service:port`). */
export class RoundRobin {
  private readonly counters = new Map<string, number>();

  /** The next of `items` for `key`, or undefined when there is none. */
  pick<T>(key: string, items: readonly T[]): T | undefined {
    if (items.length === 0) return undefined;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, (n + 1) % 1_000_000);
    return items[n % items.length];
  }
}
