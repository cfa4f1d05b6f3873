/**
 * @module components/health
 * Pure decisions behind "Service Components": the API server's `/readyz?verbose` / `/livez?verbose`
 * answers, the freshness of the leader-election Leases of kube-controller-manager and kube-scheduler,
 * node readiness, and the KubeSphere-shaped component records built from them.
 */

/** healthy / unhealthy, or unknown when the platform cannot tell (no Lease, no permission). */
export type Health = 'healthy' | 'unhealthy' | 'unknown';

/** One named check of `/readyz?verbose` (`[+]etcd ok`, `[-]poststarthook/x failed: reason withheld`). */
export interface HealthCheck {
  name: string;
  ok: boolean;
}

/**
 * A component as KubeSphere's `GET /components` shows it (`name`, `namespace`, `selfLink`, `label`,
 * `startedAt`, `totalBackends`, `healthyBackends`), plus Sphere's `group`, `status`, `message`, `checks`.
 */
export interface ComponentStatus {
  name: string;
  namespace: string;
  selfLink: string;
  label: Record<string, string>;
  startedAt?: string;
  totalBackends: number;
  healthyBackends: number;
  /** `kubernetes` (control plane), `kubesphere` (this platform) or `monitoring`. */
  group: 'kubernetes' | 'kubesphere' | 'monitoring';
  status: Health;
  /** Why, in a sentence (check failures, lease age, holder). */
  message: string;
  checks?: HealthCheck[];
}

/** Parses the verbose body of `/readyz` or `/livez`: one `[+]name ok` / `[-]name failed…` per line. */
export function parseHealthChecks(body: string): HealthCheck[] {
  const out: HealthCheck[] = [];
  for (const line of body.split('\n')) {
    const m = /^\[([+-])\]([^\s]+)/.exec(line.trim());
    if (m) out.push({ name: m[2], ok: m[1] === '+' });
  }
  return out;
}

/** An endpoint's answer: HTTP status and body, or the transport error. */
export type Probe = { status: number; body: string } | { error: string };

/** The kube-apiserver component from its readyz and livez probes. */
export function apiServerStatus(readyz: Probe, livez: Probe): ComponentStatus {
  const checks = [readyz, livez].flatMap((p) => ('body' in p ? parseHealthChecks(p.body) : []));
  const unique = [...new Map(checks.map((c) => [c.name, c])).values()];
  const failing = unique.filter((c) => !c.ok).map((c) => c.name);
  const problems: string[] = [];
  for (const [name, p] of [
    ['readyz', readyz],
    ['livez', livez],
  ] as const) {
    if ('error' in p) problems.push(`${name}: ${p.error}`);
    else if (p.status !== 200) problems.push(`${name}: HTTP ${p.status}`);
  }
  // A 401/403 means the platform may not read the endpoint: that says nothing about the API server.
  const forbidden = [readyz, livez].every((p) => 'status' in p && (p.status === 401 || p.status === 403));
  const status: Health = forbidden ? 'unknown' : problems.length ? 'unhealthy' : 'healthy';
  const message = problems.length
    ? [...problems, ...(failing.length ? [`failing checks: ${failing.join(', ')}`] : [])].join('; ')
    : unique.length
      ? `${unique.length} checks passed`
      : 'ok';
  return component('kube-apiserver', 'kubernetes', status, message, {
    namespace: 'kube-system',
    selfLink: '/readyz',
    checks: unique.length ? unique : undefined,
  });
}

/** The parts of a coordination.k8s.io/v1 Lease that matter here. */
export interface LeaseLike {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    renewTime?: string;
    acquireTime?: string;
  };
}

/** Grace for clock skew between the platform and the lease holder. */
export const LEASE_GRACE_SECONDS = 5;

/**
 * A leader-elected control-plane component from its Lease in kube-system: healthy while the holder
 * renewed within `leaseDurationSeconds` (+ grace), unhealthy when the lease expired or has no holder,
 * unknown when there is no Lease (`undefined`) or it could not be read (`{error}`).
 */
export function leaseStatus(
  name: string,
  lease: LeaseLike | undefined | { error: string },
  now: Date,
): ComponentStatus {
  const base = {
    namespace: 'kube-system',
    selfLink: `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`,
  };
  if (!lease)
    return component(name, 'kubernetes', 'unknown', 'no leader-election lease in kube-system', base);
  if ('error' in lease) return component(name, 'kubernetes', 'unknown', lease.error, base);
  const spec = lease.spec ?? {};
  const renewed = spec.renewTime ? Date.parse(spec.renewTime) : NaN;
  const duration = spec.leaseDurationSeconds ?? 15;
  if (!spec.holderIdentity || Number.isNaN(renewed))
    return component(name, 'kubernetes', 'unhealthy', 'the lease has no holder', base);
  const age = Math.max(0, Math.round((now.getTime() - renewed) / 1000));
  const fresh = age <= duration + LEASE_GRACE_SECONDS;
  return component(
    name,
    'kubernetes',
    fresh ? 'healthy' : 'unhealthy',
    fresh
      ? `leader ${spec.holderIdentity} renewed ${age}s ago`
      : `leader ${spec.holderIdentity} last renewed ${age}s ago (lease duration ${duration}s)`,
    { ...base, startedAt: spec.acquireTime },
  );
}

/** Node readiness as KubeSphere's `nodeStatus`. */
export function nodeCounts(nodes: { status?: { conditions?: { type: string; status: string }[] } }[]): {
  totalNodes: number;
  healthyNodes: number;
} {
  const healthy = nodes.filter((n) =>
    (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
  ).length;
  return { totalNodes: nodes.length, healthyNodes: healthy };
}

/** Builds one record; backends are 1/1, 0/1 or 0/0 (unknown). */
export function component(
  name: string,
  group: ComponentStatus['group'],
  status: Health,
  message: string,
  extra: Partial<Pick<ComponentStatus, 'namespace' | 'selfLink' | 'startedAt' | 'checks' | 'label'>> = {},
): ComponentStatus {
  return {
    name,
    namespace: extra.namespace ?? 'kubesphere-system',
    selfLink: extra.selfLink ?? '',
    label: extra.label ?? { component: name },
    startedAt: extra.startedAt,
    totalBackends: status === 'unknown' ? 0 : 1,
    healthyBackends: status === 'healthy' ? 1 : 0,
    group,
    status,
    message,
    ...(extra.checks ? { checks: extra.checks } : {}),
  };
}

/**
 * The Kubernetes `v1.ComponentStatus` shape KubeSphere 2.x returned as `kubernetesStatus`
 * (condition `Healthy` True/False/Unknown).
 */
export function asKubeComponentStatus(c: ComponentStatus) {
  return {
    metadata: { name: c.name },
    conditions: [
      {
        type: 'Healthy',
        status: c.status === 'healthy' ? 'True' : c.status === 'unhealthy' ? 'False' : 'Unknown',
        message: c.message,
      },
    ],
  };
}
