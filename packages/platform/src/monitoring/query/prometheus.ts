/**
 * @module monitoring/query/prometheus
 * Source (b): base series from a Prometheus server (`--prometheus-url`) through its HTTP API
 * (`/api/v1/query`, `/api/v1/query_range`). Each base series is one PromQL expression over what a
 * kube-prometheus installation scrapes: cAdvisor through the kubelet (`container_*`, with the `node` label
 * kube-prometheus adds) and kube-state-metrics (`kube_*`). `%s` in a template receives the pushed-down
 * label matchers. The engine derives every KubeSphere metric from these exactly as for source (a).
 */
import { errors } from '@sphere/shared';
import type { BaseFetch, GridSeries, Labels, MetricsSource } from './types';

interface BaseQuery {
  promql: string;
  /** Labels the result carries, so matchers on them may be pushed into the query. */
  labels: string[];
  /** Labels renamed in the result (kube-state-metrics' `deployment` → our `workload`). */
  rename?: Record<string, string>;
  /** Labels added to every result series. */
  constant?: Labels;
}

const CONTAINERS = 'container!="",container!="POD"';
const POD = ['namespace', 'pod', 'node'];
const CONTAINER = ['namespace', 'pod', 'container'];
const NODE = ['node'];
const NS = ['namespace'];

/** PromQL for every base series (documented in docs/monitoring.md). */
export const BASE_PROMQL: Record<string, BaseQuery> = {
  node_cpu_usage: {
    promql: 'sum by (node) (rate(container_cpu_usage_seconds_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_cpu_total: { promql: 'sum by (node) (kube_node_status_allocatable{resource="cpu"%s})', labels: NODE },
  node_memory_usage_wo_cache: {
    promql: 'sum by (node) (container_memory_working_set_bytes{id="/"%s})',
    labels: NODE,
  },
  node_memory_total: {
    promql: 'sum by (node) (kube_node_status_allocatable{resource="memory"%s})',
    labels: NODE,
  },
  node_disk_size_usage: { promql: 'sum by (node) (container_fs_usage_bytes{id="/"%s})', labels: NODE },
  node_disk_size_capacity: {
    promql: 'sum by (node) (kube_node_status_allocatable{resource="ephemeral_storage"%s})',
    labels: NODE,
  },
  node_net_bytes_received: {
    promql: 'sum by (node) (rate(container_network_receive_bytes_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_net_bytes_transmitted: {
    promql: 'sum by (node) (rate(container_network_transmit_bytes_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_disk_read_throughput: {
    promql: 'sum by (node) (rate(container_fs_reads_bytes_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_disk_write_throughput: {
    promql: 'sum by (node) (rate(container_fs_writes_bytes_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_disk_read_iops: {
    promql: 'sum by (node) (rate(container_fs_reads_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_disk_write_iops: {
    promql: 'sum by (node) (rate(container_fs_writes_total{id="/"%s}[5m]))',
    labels: NODE,
  },
  node_pod_quota: { promql: 'sum by (node) (kube_node_status_allocatable{resource="pods"%s})', labels: NODE },
  node_pod_count: { promql: 'count by (node) (kube_pod_info{node!=""%s})', labels: NODE },
  node_pod_running_count: {
    promql:
      'sum by (node) ((kube_pod_status_phase{phase="Running"} == 1) * on (namespace, pod) group_left (node) kube_pod_info{node!=""%s})',
    labels: NODE,
  },
  node_pod_succeeded_count: {
    promql:
      'sum by (node) ((kube_pod_status_phase{phase="Succeeded"} == 1) * on (namespace, pod) group_left (node) kube_pod_info{node!=""%s})',
    labels: NODE,
  },
  node_pod_abnormal_count: {
    promql:
      'sum by (node) ((kube_pod_status_phase{phase=~"Pending|Failed|Unknown"} == 1) * on (namespace, pod) group_left (node) kube_pod_info{node!=""%s})',
    labels: NODE,
  },
  node_online: {
    promql: 'sum by (node) (kube_node_status_condition{condition="Ready",status="true"%s})',
    labels: NODE,
  },
  node_present: { promql: 'sum by (node) (kube_node_info{%s})', labels: NODE },
  pod_cpu_usage: {
    promql: `sum by (namespace, pod, node) (rate(container_cpu_usage_seconds_total{${CONTAINERS}%s}[5m]))`,
    labels: POD,
  },
  pod_memory_usage: {
    promql: `sum by (namespace, pod, node) (container_memory_usage_bytes{${CONTAINERS}%s})`,
    labels: POD,
  },
  pod_memory_usage_wo_cache: {
    promql: `sum by (namespace, pod, node) (container_memory_working_set_bytes{${CONTAINERS}%s})`,
    labels: POD,
  },
  pod_net_bytes_transmitted: {
    promql: 'sum by (namespace, pod, node) (rate(container_network_transmit_bytes_total{pod!=""%s}[5m]))',
    labels: POD,
  },
  pod_net_bytes_received: {
    promql: 'sum by (namespace, pod, node) (rate(container_network_receive_bytes_total{pod!=""%s}[5m]))',
    labels: POD,
  },
  container_cpu_usage: {
    promql: `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${CONTAINERS}%s}[5m]))`,
    labels: CONTAINER,
  },
  container_memory_usage: {
    promql: `sum by (namespace, pod, container) (container_memory_usage_bytes{${CONTAINERS}%s})`,
    labels: CONTAINER,
  },
  container_memory_usage_wo_cache: {
    promql: `sum by (namespace, pod, container) (container_memory_working_set_bytes{${CONTAINERS}%s})`,
    labels: CONTAINER,
  },
  container_processes_usage: {
    promql: `sum by (namespace, pod, container) (container_processes{${CONTAINERS}%s})`,
    labels: CONTAINER,
  },
  container_threads_usage: {
    promql: `sum by (namespace, pod, container) (container_threads{${CONTAINERS}%s})`,
    labels: CONTAINER,
  },
  namespace_pod_count: { promql: 'count by (namespace) (kube_pod_info{%s})', labels: NS },
  namespace_pod_running_count: {
    promql: 'sum by (namespace) (kube_pod_status_phase{phase="Running"%s})',
    labels: NS,
  },
  namespace_pod_succeeded_count: {
    promql: 'sum by (namespace) (kube_pod_status_phase{phase="Succeeded"%s})',
    labels: NS,
  },
  namespace_pod_abnormal_count: {
    promql: 'sum by (namespace) (kube_pod_status_phase{phase=~"Pending|Failed|Unknown"%s})',
    labels: NS,
  },
  namespace_cpu_limit_hard: {
    promql: 'sum by (namespace) (kube_resourcequota{type="hard",resource="limits.cpu"%s})',
    labels: NS,
  },
  namespace_memory_limit_hard: {
    promql: 'sum by (namespace) (kube_resourcequota{type="hard",resource="limits.memory"%s})',
    labels: NS,
  },
  namespace_pod_count_hard: {
    promql: 'sum by (namespace) (kube_resourcequota{type="hard",resource="pods"%s})',
    labels: NS,
  },
  cluster_namespace_count: { promql: 'count(kube_namespace_created{%s})', labels: [] },
};

const COUNT_METRICS: Record<string, string> = {
  deployment: 'kube_deployment_created',
  statefulset: 'kube_statefulset_created',
  daemonset: 'kube_daemonset_created',
  replicaset: 'kube_replicaset_created',
  job: 'kube_job_created',
  cronjob: 'kube_cronjob_created',
  service: 'kube_service_created',
  endpoint: 'kube_endpoint_created',
  secret: 'kube_secret_created',
  configmap: 'kube_configmap_created',
  pvc: 'kube_persistentvolumeclaim_info',
  hpa: 'kube_horizontalpodautoscaler_info',
  ingresses_extensions: 'kube_ingress_created',
};
for (const [kind, series] of Object.entries(COUNT_METRICS))
  BASE_PROMQL[`namespace_${kind}_count`] = { promql: `count by (namespace) (${series}{%s})`, labels: NS };

const WORKLOADS: [string, string, string, string][] = [
  ['deployment', 'Deployment', 'kube_deployment_spec_replicas', 'kube_deployment_status_replicas_available'],
  ['statefulset', 'StatefulSet', 'kube_statefulset_replicas', 'kube_statefulset_status_replicas_ready'],
  [
    'daemonset',
    'DaemonSet',
    'kube_daemonset_status_desired_number_scheduled',
    'kube_daemonset_status_number_available',
  ],
];
for (const [kind, ownerKind, desired, available] of WORKLOADS) {
  const q = (series: string): BaseQuery => ({
    promql: `sum by (namespace, ${kind}) (${series}{%s})`,
    labels: NS,
    rename: { [kind]: 'workload' },
    constant: { owner_kind: ownerKind },
  });
  BASE_PROMQL[`workload_${kind}_replica`] = q(desired);
  BASE_PROMQL[`workload_${kind}_replica_available`] = q(available);
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** The PromQL sent for a base series with pushed-down label equalities. */
export function promqlFor(base: string, eq: Labels): string | undefined {
  const q = BASE_PROMQL[base];
  if (!q) return undefined;
  const matchers = q.labels.filter((l) => eq[l] !== undefined).map((l) => `${l}="${escapeLabel(eq[l])}"`);
  return q.promql.replaceAll('%s', (sel: string, offset: number, whole: string) => {
    void sel;
    if (matchers.length === 0) return '';
    return whole[offset - 1] === '{' ? matchers.join(',') : `,${matchers.join(',')}`;
  });
}

interface PromResponse {
  status: 'success' | 'error';
  error?: string;
  data?: {
    resultType: 'matrix' | 'vector' | 'scalar' | 'string';
    result: { metric: Labels; value?: [number, string]; values?: [number, string][] }[];
  };
}

export type FetchLike = (url: string) => Promise<{ status: number; text(): Promise<string> }>;

export class PrometheusSource implements MetricsSource {
  readonly name = 'prometheus';
  private readonly base: string;

  constructor(
    url: string,
    private readonly http: FetchLike = (u) => fetch(u),
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  async fetch({ base, eq, grid }: BaseFetch): Promise<GridSeries[]> {
    const promql = promqlFor(base, eq);
    const q = BASE_PROMQL[base];
    if (!promql || !q) return [];
    const params = new URLSearchParams({ query: promql });
    let path: string;
    if (grid.count === 1) {
      path = '/api/v1/query';
      params.set('time', String(grid.start / 1000));
    } else {
      path = '/api/v1/query_range';
      params.set('start', String(grid.start / 1000));
      params.set('end', String((grid.start + (grid.count - 1) * grid.step) / 1000));
      params.set('step', String(grid.step / 1000));
    }
    const res = await this.http(`${this.base}${path}?${params.toString()}`);
    const text = await res.text();
    let body: PromResponse;
    try {
      body = JSON.parse(text) as PromResponse;
    } catch {
      throw errors.serviceUnavailable(`prometheus answered ${res.status} with a non-JSON body`);
    }
    if (body.status !== 'success' || !body.data) {
      throw errors.serviceUnavailable(
        `prometheus query failed (${res.status}): ${body.error ?? 'unknown error'}`,
      );
    }
    return body.data.result.map((r) => {
      const labels: Labels = { __name__: base };
      for (const [k, v] of Object.entries(r.metric)) labels[q.rename?.[k] ?? k] = v;
      Object.assign(labels, q.constant);
      const values = new Float64Array(grid.count).fill(NaN);
      const points = r.values ?? (r.value ? [r.value] : []);
      for (const [ts, v] of points) {
        const i = Math.round((ts * 1000 - grid.start) / grid.step);
        if (grid.count === 1) values[0] = Number(v);
        else if (i >= 0 && i < grid.count) values[i] = Number(v);
      }
      return { labels, values };
    });
  }
}
