/**
 * @module dataplane/ingress-match
 * Which Service an HTTP request reaches through a set of Ingresses (pure). Hosts: an exact rule host
 * wins over a wildcard (`*.example.com` matches exactly one more label), which wins over rules without a
 * host. Within the chosen host, paths: an Exact match wins, then the longest Prefix match (element-wise:
 * `/foo` matches `/foo` and `/foo/bar`, not `/foobar`); ImplementationSpecific is treated as Prefix on
 * path elements (ingress-nginx treats it as a location prefix). No path matches → the `defaultBackend` of
 * an Ingress with that host (else of any Ingress), or nothing (the controller answers 404). Ties go to the
 * oldest Ingress, then by namespace/name, as ingress-nginx does.
 */
import type { Ingress, IngressBackend } from './model';

export interface IngressMatch {
  ingress: { namespace: string; name: string };
  /** The backend Service (in the Ingress's namespace) and its port by number or name. */
  service: { namespace: string; name: string; port: { name?: string; number?: number } };
  /** The rule path that matched (absent for a default backend). */
  path?: string;
  pathType?: string;
}

/** Host without port, lower case. */
export function normalizeHost(host: string | undefined): string {
  if (!host) return '';
  const h = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return h.toLowerCase();
}

function hostRank(ruleHost: string | undefined, host: string): number {
  if (!ruleHost) return 1;
  const rh = ruleHost.toLowerCase();
  if (rh === host) return 3;
  if (rh.startsWith('*.')) {
    const suffix = rh.slice(1);
    const label = host.slice(0, host.length - suffix.length);
    if (host.endsWith(suffix) && label.length > 0 && !label.includes('.')) return 2;
  }
  return 0;
}

const elements = (p: string) => p.split('/').filter(Boolean);

/** Match strength of one rule path for a request path: 0 none; Exact above every prefix length. */
export function pathScore(rulePath: string | undefined, pathType: string | undefined, path: string): number {
  const rp = rulePath || '/';
  if (pathType === 'Exact') return rp === path ? 1_000_000 : 0;
  const want = elements(rp);
  const got = elements(path);
  if (want.length > got.length) return 0;
  for (let i = 0; i < want.length; i++) if (want[i] !== got[i]) return 0;
  return 1 + want.length;
}

const age = (i: Ingress) => i.metadata.creationTimestamp ?? '';
const byAge = (a: Ingress, b: Ingress) =>
  age(a).localeCompare(age(b)) ||
  `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`);

function toMatch(ing: Ingress, backend: IngressBackend | undefined, path?: string, pathType?: string) {
  if (!backend?.service?.name) return undefined;
  const m: IngressMatch = {
    ingress: { namespace: ing.metadata.namespace ?? '', name: ing.metadata.name ?? '' },
    service: {
      namespace: ing.metadata.namespace ?? '',
      name: backend.service.name,
      port: backend.service.port ?? {},
    },
  };
  if (path !== undefined) {
    m.path = path;
    m.pathType = pathType;
  }
  return m;
}

/** The backend for a request with `host` and `path` among `ingresses`, or undefined (404). */
export function matchIngress(
  ingresses: Ingress[],
  hostHeader: string | undefined,
  rawPath: string,
): IngressMatch | undefined {
  const host = normalizeHost(hostHeader);
  const path = (rawPath.split('?')[0] || '/').replace(/\/{2,}/g, '/');
  const sorted = ingresses.filter((i) => !i.metadata.deletionTimestamp).sort(byAge);
  let bestRank = 0;
  for (const ing of sorted)
    for (const rule of ing.spec?.rules ?? []) bestRank = Math.max(bestRank, hostRank(rule.host, host));
  let best: { score: number; match: IngressMatch } | undefined;
  const hostIngresses: Ingress[] = [];
  if (bestRank > 0) {
    for (const ing of sorted) {
      let inHost = false;
      for (const rule of ing.spec?.rules ?? []) {
        if (hostRank(rule.host, host) !== bestRank) continue;
        inHost = true;
        for (const p of rule.http?.paths ?? []) {
          const score = pathScore(p.path, p.pathType, path);
          if (score === 0 || (best && best.score >= score)) continue;
          const match = toMatch(ing, p.backend, p.path || '/', p.pathType);
          if (match) best = { score, match };
        }
      }
      if (inHost) hostIngresses.push(ing);
    }
  }
  if (best) return best.match;
  for (const ing of [...hostIngresses, ...sorted]) {
    const m = toMatch(ing, ing.spec?.defaultBackend);
    if (m) return m;
  }
  return undefined;
}

/** Whether the Ingress lists `host` under `spec.tls` (served over plain HTTP by the simulation). */
export function hasTls(ing: Ingress, hostHeader: string | undefined): boolean {
  const host = normalizeHost(hostHeader);
  return (ing.spec?.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostRank(h, host) >= 2));
}
