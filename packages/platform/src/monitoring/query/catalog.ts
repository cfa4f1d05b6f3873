/**
 * @module monitoring/query/catalog
 * KubeSphere's metric names (monitoring.kubesphere.io/v1alpha3) as data: each is an expression over base
 * series, summed at the metric's level. Base series are what the scraper stores (or what the Prometheus
 * adapter's PromQL returns, see prometheus.ts). Metrics KubeSphere has but this platform has no source for
 * (load averages, IOPS, inode use, components) are listed in `UNSUPPORTED` and answer "no data", as
 * KubeSphere does for a metric without a series.
 */

export type Level = 'cluster' | 'node' | 'workspace' | 'namespace' | 'workload' | 'pod' | 'container';

/** Labels a level's results carry (and groups by). */
export const LEVEL_LABELS: Record<Level, string[]> = {
  cluster: [],
  node: ['node'],
  workspace: ['workspace'],
  namespace: ['namespace'],
  workload: ['namespace', 'owner_kind', 'workload'],
  pod: ['namespace', 'pod'],
  container: ['namespace', 'pod', 'container'],
};

/** An expression: a base series summed per level, or arithmetic of two expressions. */
export type Expr = { base: string } | { op: '/' | '-' | '+'; a: Expr; b: Expr };

const b = (base: string): Expr => ({ base });
const div = (a: Expr | string, c: Expr | string): Expr => ({ op: '/', a: ex(a), b: ex(c) });
const sub = (a: Expr | string, c: Expr | string): Expr => ({ op: '-', a: ex(a), b: ex(c) });
const add = (a: Expr | string, c: Expr | string): Expr => ({ op: '+', a: ex(a), b: ex(c) });
const ex = (e: Expr | string): Expr => (typeof e === 'string' ? b(e) : e);

/** Base series and what they mean (units in the name's KubeSphere sense). */
export const BASE_SERIES: Record<string, string> = {
  node_cpu_usage: 'CPU cores in use on the node',
  node_cpu_total: 'allocatable CPU cores of the node',
  node_memory_usage_wo_cache: 'working-set bytes of the node',
  node_memory_total: 'allocatable memory bytes of the node',
  node_disk_size_usage: 'bytes used by containers on the node file system',
  node_disk_size_capacity: 'allocatable ephemeral-storage bytes of the node',
  node_net_bytes_received: 'bytes/s received by the node (its pods when the kubelet has no node cgroup)',
  node_net_bytes_transmitted: 'bytes/s sent by the node (its pods when the kubelet has no node cgroup)',
  node_disk_read_throughput: 'bytes/s read from disk on the node',
  node_disk_write_throughput: 'bytes/s written to disk on the node',
  node_disk_read_iops: 'disk reads/s on the node',
  node_disk_write_iops: 'disk writes/s on the node',
  node_pod_quota: 'allocatable pods of the node',
  node_pod_count: 'pods bound to the node',
  node_pod_running_count: 'running pods on the node',
  node_pod_succeeded_count: 'succeeded pods on the node',
  node_pod_abnormal_count: 'pods on the node neither running nor succeeded',
  node_online: '1 when the node is Ready',
  node_present: '1 for every node',
  pod_cpu_usage: 'CPU cores used by the pod',
  pod_memory_usage: 'memory bytes (with cache) of the pod',
  pod_memory_usage_wo_cache: 'working-set bytes of the pod',
  pod_net_bytes_transmitted: 'bytes/s sent by the pod',
  pod_net_bytes_received: 'bytes/s received by the pod',
  container_cpu_usage: 'CPU cores used by the container',
  container_memory_usage: 'memory bytes (with cache) of the container',
  container_memory_usage_wo_cache: 'working-set bytes of the container',
  container_processes_usage: 'processes in the container',
  container_threads_usage: 'threads in the container',
  namespace_pod_count: 'pods in the namespace',
  namespace_pod_running_count: 'running pods in the namespace',
  namespace_pod_succeeded_count: 'succeeded pods in the namespace',
  namespace_pod_abnormal_count: 'pods neither running nor succeeded',
  namespace_cpu_limit_hard: 'limits.cpu of the namespace ResourceQuotas',
  namespace_memory_limit_hard: 'limits.memory of the namespace ResourceQuotas',
  namespace_pod_count_hard: 'pods of the namespace ResourceQuotas',
  cluster_namespace_count: 'namespaces in the cluster',
  workload_deployment_replica: 'desired replicas of a Deployment',
  workload_deployment_replica_available: 'available replicas of a Deployment',
  workload_statefulset_replica: 'desired replicas of a StatefulSet',
  workload_statefulset_replica_available: 'ready replicas of a StatefulSet',
  workload_daemonset_replica: 'desired pods of a DaemonSet',
  workload_daemonset_replica_available: 'available pods of a DaemonSet',
};

/** Object kinds counted per namespace (`namespace_<kind>_count`). */
export const COUNTED_KINDS = [
  'deployment',
  'statefulset',
  'daemonset',
  'replicaset',
  'job',
  'cronjob',
  'service',
  'endpoint',
  'secret',
  'configmap',
  'pvc',
  'hpa',
  'ingresses_extensions',
] as const;
for (const k of COUNTED_KINDS) BASE_SERIES[`namespace_${k}_count`] = `${k} objects in the namespace`;

const catalog: Record<string, Expr> = {};
const def = (name: string, e: Expr | string) => (catalog[name] = ex(e));

// Shared physical-resource metrics of the cluster and node levels.
for (const lvl of ['cluster', 'node']) {
  def(`${lvl}_cpu_usage`, 'node_cpu_usage');
  def(`${lvl}_cpu_total`, 'node_cpu_total');
  def(`${lvl}_cpu_utilisation`, div('node_cpu_usage', 'node_cpu_total'));
  def(`${lvl}_memory_usage_wo_cache`, 'node_memory_usage_wo_cache');
  def(`${lvl}_memory_total`, 'node_memory_total');
  def(`${lvl}_memory_available`, sub('node_memory_total', 'node_memory_usage_wo_cache'));
  def(`${lvl}_memory_utilisation`, div('node_memory_usage_wo_cache', 'node_memory_total'));
  def(`${lvl}_disk_size_usage`, 'node_disk_size_usage');
  def(`${lvl}_disk_size_capacity`, 'node_disk_size_capacity');
  def(`${lvl}_disk_size_available`, sub('node_disk_size_capacity', 'node_disk_size_usage'));
  def(`${lvl}_disk_size_utilisation`, div('node_disk_size_usage', 'node_disk_size_capacity'));
  def(`${lvl}_net_bytes_transmitted`, 'node_net_bytes_transmitted');
  def(`${lvl}_net_bytes_received`, 'node_net_bytes_received');
  def(`${lvl}_pod_quota`, 'node_pod_quota');
  def(`${lvl}_disk_read_throughput`, 'node_disk_read_throughput');
  def(`${lvl}_disk_write_throughput`, 'node_disk_write_throughput');
  def(`${lvl}_disk_read_iops`, 'node_disk_read_iops');
  def(`${lvl}_disk_write_iops`, 'node_disk_write_iops');
  def(`${lvl}_pod_utilisation`, div('node_pod_count', 'node_pod_quota'));
}
def('node_pod_count', 'node_pod_count');
def('node_pod_running_count', 'node_pod_running_count');
def('node_pod_succeeded_count', 'node_pod_succeeded_count');
def('node_pod_abnormal_count', 'node_pod_abnormal_count');
def('node_pod_abnormal_ratio', div('node_pod_abnormal_count', 'node_pod_count'));

def('cluster_node_online', 'node_online');
def('cluster_node_total', 'node_present');
def('cluster_node_offline', sub('node_present', 'node_online'));
def('cluster_node_offline_ratio', div(sub('node_present', 'node_online'), 'node_present'));
def('cluster_namespace_count', 'cluster_namespace_count');

// Pod counts and object counts roll up from the namespace series.
for (const lvl of ['cluster', 'workspace', 'namespace']) {
  def(`${lvl}_pod_count`, 'namespace_pod_count');
  def(`${lvl}_pod_running_count`, 'namespace_pod_running_count');
  def(`${lvl}_pod_succeeded_count`, 'namespace_pod_succeeded_count');
  def(`${lvl}_pod_abnormal_count`, 'namespace_pod_abnormal_count');
  def(`${lvl}_pod_abnormal_ratio`, div('namespace_pod_abnormal_count', 'namespace_pod_count'));
  for (const k of COUNTED_KINDS) def(`${lvl}_${k}_count`, `namespace_${k}_count`);
}
// Usage of workspaces, namespaces and workloads is the sum over their pods.
for (const lvl of ['workspace', 'namespace', 'workload']) {
  def(`${lvl}_cpu_usage`, 'pod_cpu_usage');
  def(`${lvl}_memory_usage`, 'pod_memory_usage');
  def(`${lvl}_memory_usage_wo_cache`, 'pod_memory_usage_wo_cache');
  def(`${lvl}_net_bytes_transmitted`, 'pod_net_bytes_transmitted');
  def(`${lvl}_net_bytes_received`, 'pod_net_bytes_received');
}
def('namespace_cpu_limit_hard', 'namespace_cpu_limit_hard');
def('namespace_memory_limit_hard', 'namespace_memory_limit_hard');
def('namespace_pod_count_hard', 'namespace_pod_count_hard');
for (const kind of ['deployment', 'statefulset', 'daemonset']) {
  def(`workload_${kind}_replica`, `workload_${kind}_replica`);
  def(`workload_${kind}_replica_available`, `workload_${kind}_replica_available`);
  def(
    `workload_${kind}_unavailable_replicas_ratio`,
    div(sub(`workload_${kind}_replica`, `workload_${kind}_replica_available`), `workload_${kind}_replica`),
  );
}
for (const m of [
  'pod_cpu_usage',
  'pod_memory_usage',
  'pod_memory_usage_wo_cache',
  'pod_net_bytes_transmitted',
  'pod_net_bytes_received',
  'container_cpu_usage',
  'container_memory_usage',
  'container_memory_usage_wo_cache',
  'container_processes_usage',
  'container_threads_usage',
])
  def(m, m);
def('cluster_net_utilisation', add('node_net_bytes_transmitted', 'node_net_bytes_received'));
def('node_net_utilisation', add('node_net_bytes_transmitted', 'node_net_bytes_received'));

/** KubeSphere metric names this platform knows but has no data for (no source exposes them). */
export const UNSUPPORTED: Record<Level, string[]> = {
  cluster: [
    'cluster_load1',
    'cluster_load5',
    'cluster_load15',
    'cluster_disk_inode_total',
    'cluster_disk_inode_usage',
    'cluster_disk_inode_utilisation',
    'cluster_pv_count',
    'cluster_memory_usage',
  ],
  node: [
    'node_load1',
    'node_load5',
    'node_load15',
    'node_disk_inode_total',
    'node_disk_inode_usage',
    'node_disk_inode_utilisation',
    'node_pleg_quantile',
    'node_device_size_usage',
    'node_device_size_utilisation',
  ],
  workspace: ['workspace_devops_project_count', 'workspace_member_count', 'workspace_role_count'],
  namespace: ['namespace_s2ibuilder_count'],
  workload: [],
  pod: [],
  container: [],
};

/** Every metric of a level, in a stable order (the catalogue, then the unsupported names). */
export function metricsOfLevel(level: Level): string[] {
  const prefix = `${level}_`;
  const known = Object.keys(catalog).filter((m) => m.startsWith(prefix));
  return [...known, ...UNSUPPORTED[level]];
}

/** The expression of a metric, or undefined when no source can answer it. */
export function metricExpr(metric: string): Expr | undefined {
  return catalog[metric];
}

/** Base series an expression reads. */
export function basesOf(e: Expr): string[] {
  return 'base' in e ? [e.base] : [...basesOf(e.a), ...basesOf(e.b)];
}

/** The expression written out, for documentation: `sum by (namespace) (pod_cpu_usage)`. */
export function describeExpr(e: Expr, level: Level): string {
  if ('base' in e) {
    const by = LEVEL_LABELS[level];
    return by.length ? `sum by (${by.join(', ')}) (${e.base})` : `sum(${e.base})`;
  }
  return `(${describeExpr(e.a, level)} ${e.op} ${describeExpr(e.b, level)})`;
}
