/**
 * @module monitoring/api/routes
 * `/kapis/monitoring.kubesphere.io/v1alpha3/...` routes. Authorization is the platform router's default
 * (`authz: 'check'`): the path decides the scope — `/cluster`, `/nodes`, `/namespaces` and `/pods` are
 * cluster-scoped (platform roles), `/workspaces/{ws}...` is the workspace's, `/namespaces/{ns}/...` the
 * project's — so a user reads the metrics of exactly the projects and workspaces they may read.
 */
import { errors } from '@sphere/shared';
import type { RequestContext, Route } from '../../router';
import type { Level } from '../query/catalog';
import { Evaluation, type Enricher, type Scope } from '../query/engine';
import type { MetricsSource } from '../query/types';
import { parseParams } from './params';
import { respondJson, withFilters } from './respond';

export const MONITORING_PREFIX = '/kapis/monitoring.kubesphere.io/v1alpha3';

const WORKLOAD_KINDS: Record<string, string> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
};

function ownerKind(kind: string): string {
  const k = WORKLOAD_KINDS[kind.toLowerCase()];
  if (!k)
    throw errors.badRequest(`unsupported workload kind "${kind}" (deployment, statefulset or daemonset)`);
  return k;
}

type ScopeOf = (params: Record<string, string>) => Scope;

/** Path (after the prefix) → level and scope, as KubeSphere's v1alpha3 registers them. */
const TABLE: [string, Level, ScopeOf, string][] = [
  ['/cluster', 'cluster', () => ({ level: 'cluster', eq: {} }), 'Cluster metrics'],
  ['/nodes', 'node', () => ({ level: 'node', eq: {} }), 'Metrics of every node'],
  ['/nodes/:node', 'node', (p) => ({ level: 'node', eq: { node: p.node } }), 'Metrics of a node'],
  ['/workspaces', 'workspace', () => ({ level: 'workspace', eq: {} }), 'Metrics of every workspace'],
  [
    '/workspaces/:workspace',
    'workspace',
    (p) => ({ level: 'workspace', eq: { workspace: p.workspace } }),
    'Metrics of a workspace',
  ],
  [
    '/workspaces/:workspace/namespaces',
    'namespace',
    (p) => ({ level: 'namespace', eq: { workspace: p.workspace } }),
    'Metrics of the projects of a workspace',
  ],
  ['/namespaces', 'namespace', () => ({ level: 'namespace', eq: {} }), 'Metrics of every project'],
  [
    '/namespaces/:namespace',
    'namespace',
    (p) => ({ level: 'namespace', eq: { namespace: p.namespace } }),
    'Metrics of a project',
  ],
  [
    '/namespaces/:namespace/workloads',
    'workload',
    (p) => ({ level: 'workload', eq: { namespace: p.namespace } }),
    'Metrics of the workloads of a project',
  ],
  [
    '/namespaces/:namespace/workloads/:kind',
    'workload',
    (p) => ({ level: 'workload', eq: { namespace: p.namespace, owner_kind: ownerKind(p.kind) } }),
    'Metrics of the workloads of one kind',
  ],
  [
    '/namespaces/:namespace/workloads/:kind/:workload',
    'workload',
    (p) => ({
      level: 'workload',
      eq: { namespace: p.namespace, owner_kind: ownerKind(p.kind), workload: p.workload },
    }),
    'Metrics of one workload',
  ],
  [
    '/namespaces/:namespace/workloads/:kind/:workload/pods',
    'pod',
    (p) => ({
      level: 'pod',
      eq: { namespace: p.namespace, owner_kind: ownerKind(p.kind), workload: p.workload },
    }),
    'Metrics of the pods of a workload',
  ],
  ['/pods', 'pod', () => ({ level: 'pod', eq: {} }), 'Metrics of every pod'],
  [
    '/namespaces/:namespace/pods',
    'pod',
    (p) => ({ level: 'pod', eq: { namespace: p.namespace } }),
    'Metrics of the pods of a project',
  ],
  [
    '/namespaces/:namespace/pods/:pod',
    'pod',
    (p) => ({ level: 'pod', eq: { namespace: p.namespace, pod: p.pod } }),
    'Metrics of a pod',
  ],
  [
    '/nodes/:node/pods',
    'pod',
    (p) => ({ level: 'pod', eq: { node: p.node } }),
    'Metrics of the pods on a node',
  ],
  [
    '/nodes/:node/pods/:pod',
    'pod',
    (p) => ({ level: 'pod', eq: { node: p.node, pod: p.pod } }),
    'Metrics of a pod on a node',
  ],
  [
    '/namespaces/:namespace/pods/:pod/containers',
    'container',
    (p) => ({ level: 'container', eq: { namespace: p.namespace, pod: p.pod } }),
    'Metrics of the containers of a pod',
  ],
  [
    '/namespaces/:namespace/pods/:pod/containers/:container',
    'container',
    (p) => ({ level: 'container', eq: { namespace: p.namespace, pod: p.pod, container: p.container } }),
    'Metrics of a container',
  ],
];

export interface MonitoringRouteDeps {
  source: () => MetricsSource;
  enrich: Enricher;
  now: () => number;
  /** Platform-wide counts for `/kubesphere` (workspaces, users, clusters). */
  platformCounts: () => Promise<Record<string, number>>;
}

/** The v1alpha3 routes in the platform router's shape. */
export function monitoringRoutes(deps: MonitoringRouteDeps): Route[] {
  const tag = 'Monitoring';
  const routes: Route[] = TABLE.map(([path, , scopeOf, summary]) => ({
    method: 'GET',
    pattern: `${MONITORING_PREFIX}${path}`,
    tag,
    summary: `${summary} (metrics_filter, resources_filter, time | start/end/step, sort_metric/sort_type/page/limit)`,
    handler: async (ctx: RequestContext) => {
      const params = parseParams(ctx.url.searchParams, deps.now());
      const scope = withFilters(scopeOf(ctx.params), params);
      const body = await respondJson(new Evaluation(deps.source(), params.grid, deps.enrich), scope, params);
      // The JSON text is written here (what the router's sendJson would send for `respond`'s objects).
      ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      ctx.res.end(body);
      return undefined;
    },
  }));
  routes.push({
    method: 'GET',
    pattern: `${MONITORING_PREFIX}/kubesphere`,
    tag,
    summary: 'Platform counts: kubesphere_workspace_count, kubesphere_user_count, kubesphere_cluser_count',
    handler: async (ctx) => {
      const params = parseParams(ctx.url.searchParams, deps.now());
      const counts = await deps.platformCounts();
      const t = params.grid.start / 1000;
      return {
        results: Object.entries(counts)
          .filter(([name]) => params.metricsFilter.test(name))
          .map(([name, v]) => ({
            metric_name: name,
            data: { resultType: 'vector', result: [{ metric: {}, value: [t, String(v)] }] },
          })),
      };
    },
  });
  return routes;
}
