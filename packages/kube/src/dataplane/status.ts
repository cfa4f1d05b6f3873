/**
 * @module dataplane/status
 * The `status.loadBalancer` the data plane publishes (pure): LoadBalancer Services and every Ingress get
 * `ingress: [{ip}]` with the published IP; a Service that stops being a LoadBalancer loses its entry.
 * Returns the merge patch to send to the status subresource, or undefined when nothing changes.
 */
import type { Ingress, Service } from './model';

type LbStatus = { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

function patchFor(status: LbStatus, want: { ip: string }[]): Record<string, unknown> | undefined {
  const have = status?.loadBalancer?.ingress;
  if (same(have, want)) return undefined;
  return { status: { loadBalancer: { ingress: want.length ? want : null } } };
}

/** Patch for a Service's load balancer status. */
export function serviceStatusPatch(svc: Service, ip: string): Record<string, unknown> | undefined {
  if (svc.metadata.deletionTimestamp) return undefined;
  const want = svc.spec?.type === 'LoadBalancer' ? [{ ip }] : [];
  if (!want.length && !svc.status?.loadBalancer?.ingress?.length) return undefined;
  return patchFor(svc.status, want);
}

/** Patch for an Ingress's load balancer status. */
export function ingressStatusPatch(ing: Ingress, ip: string): Record<string, unknown> | undefined {
  if (ing.metadata.deletionTimestamp) return undefined;
  return patchFor(ing.status, [{ ip }]);
}
