/**
 * @module components/routes
 * Service Components, KubeSphere's `GET /kapis/resources.kubesphere.io/v1alpha2/components[/{name}]` and
 * `GET .../componenthealth` (also under v1alpha3). Everything is found through the Kubernetes API, so it
 * works on any cluster: the API server from `/readyz?verbose` and `/livez?verbose`, kube-controller-manager
 * and kube-scheduler from their leader-election Leases in kube-system ("unknown" when a cluster keeps none),
 * nodes from the node cache, and the platform's own parts (ks-apiserver = this server, its controllers,
 * monitoring). Authorization is the router's default: `get`/`list` of `components` in
 * `resources.kubesphere.io` at the platform scope (platform administrators).
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { Platform } from '../context';
import { listableTypes } from '../kube/resources';
import type { Route } from '../router';
import {
  apiServerStatus,
  asKubeComponentStatus,
  component,
  leaseStatus,
  nodeCounts,
  type ComponentStatus,
  type LeaseLike,
  type Probe,
} from './health';

/** What the platform knows about its own optional parts. */
export interface ComponentsOptions {
  startedAt: Date;
  /** `off` when monitoring is disabled by configuration; `error` when it failed to start. */
  monitoring: () => { state: 'on' | 'off' | 'error'; message?: string };
}

const LEADER_ELECTED = ['kube-controller-manager', 'kube-scheduler'];

async function probe(p: Platform, path: string): Promise<Probe> {
  try {
    const res = await p.client.raw('GET', path);
    return { status: res.status, body: res.body.toString('utf8') };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

async function lease(p: Platform, name: string): Promise<LeaseLike | undefined | { error: string }> {
  const res = await probe(p, `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`);
  if ('error' in res) return res;
  if (res.status === 404) return undefined;
  if (res.status === 401 || res.status === 403)
    return { error: 'the platform may not read leases in kube-system' };
  if (res.status !== 200) return { error: `HTTP ${res.status} reading the lease` };
  try {
    return JSON.parse(res.body) as LeaseLike;
  } catch {
    return { error: 'malformed lease' };
  }
}

/** Every component, control plane first. */
export async function collectComponents(p: Platform, o: ComponentsOptions): Promise<ComponentStatus[]> {
  const [readyz, livez, ...leases] = await Promise.all([
    probe(p, '/readyz?verbose'),
    probe(p, '/livez?verbose'),
    ...LEADER_ELECTED.map((n) => lease(p, n)),
  ]);
  const now = p.now();
  const api = apiServerStatus(readyz, livez);
  const out: ComponentStatus[] = [api];
  // A real API server reports etcd among its readiness checks; the embedded cluster has no etcd.
  const etcd = api.checks?.find((c) => c.name === 'etcd');
  if (etcd)
    out.push(
      component(
        'etcd',
        'kubernetes',
        etcd.ok ? 'healthy' : 'unhealthy',
        `readyz check etcd ${etcd.ok ? 'ok' : 'failed'}`,
        {
          namespace: 'kube-system',
          selfLink: '/readyz/etcd',
        },
      ),
    );
  LEADER_ELECTED.forEach((name, i) => out.push(leaseStatus(name, leases[i], now)));
  out.push(
    component('ks-apiserver', 'kubesphere', 'healthy', 'serving this request', {
      startedAt: o.startedAt.toISOString(),
      selfLink: '/kapis/version',
    }),
    component(
      'ks-controller-manager',
      'kubesphere',
      p.cfg.controllers ? 'healthy' : 'unknown',
      p.cfg.controllers
        ? 'controllers run in the platform process'
        : 'controllers are off in this replica (another replica may run them)',
      { startedAt: p.cfg.controllers ? o.startedAt.toISOString() : undefined },
    ),
  );
  const mon = o.monitoring();
  if (mon.state !== 'off') {
    out.push(
      component(
        'monitoring',
        'monitoring',
        mon.state === 'on' ? 'healthy' : 'unhealthy',
        mon.message ?? (mon.state === 'on' ? 'collecting metrics' : 'failed to start'),
        { selfLink: '/kapis/monitoring.kubesphere.io/v1alpha3/cluster' },
      ),
    );
  }
  return out;
}

async function nodeStatus(p: Platform) {
  const cache = await p.caches.forType(listableTypes.nodes);
  return nodeCounts(
    cache.list() as (KubeObject & { status?: { conditions?: { type: string; status: string }[] } })[],
  );
}

export function componentRoutes(p: Platform, o: ComponentsOptions): Route[] {
  const routes: Route[] = [];
  for (const version of ['v1alpha2', 'v1alpha3']) {
    const prefix = `/kapis/resources.kubesphere.io/${version}`;
    routes.push(
      {
        method: 'GET',
        pattern: `${prefix}/components`,
        tag: 'Components',
        summary:
          'Service components: kube-apiserver (readyz/livez), kube-controller-manager and kube-scheduler (leader leases), ks-apiserver, ks-controller-manager, monitoring',
        handler: () => collectComponents(p, o),
      },
      {
        method: 'GET',
        pattern: `${prefix}/components/:name`,
        tag: 'Components',
        summary: 'One service component',
        handler: async (ctx) => {
          const found = (await collectComponents(p, o)).find((c) => c.name === ctx.params.name);
          if (!found) throw errors.notFound('components', 'resources.kubesphere.io', ctx.params.name);
          return found;
        },
      },
      {
        method: 'GET',
        pattern: `${prefix}/componenthealth`,
        tag: 'Components',
        summary: 'Health summary: KubeSphere components, Kubernetes components (v1.ComponentStatus), nodes',
        handler: async () => {
          const [all, nodes] = await Promise.all([collectComponents(p, o), nodeStatus(p)]);
          return {
            kubesphereStatus: all.filter((c) => c.group !== 'kubernetes'),
            kubernetesStatus: all.filter((c) => c.group === 'kubernetes').map(asKubeComponentStatus),
            nodeStatus: nodes,
          };
        },
      },
    );
  }
  return routes;
}
