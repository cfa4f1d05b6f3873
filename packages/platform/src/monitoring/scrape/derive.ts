/**
 * @module monitoring/scrape/derive
 * Pure functions from one node's kubelet metrics to base series: counters become per-second rates
 * (CPU cores, network and disk bytes/s, disk operations/s) from the previous scrape, gauges are summed per
 * container, pod and node. Node series come from the node's own cgroup (`id="/"`, as cAdvisor and
 * kube-prometheus report the whole machine) when the kubelet exposes it, else from the sum of its pods.
 * Rates are rounded (CPU to 0.1 millicore, bytes/s to whole bytes) so a steady load stores the same value
 * each scrape, which the chunk codec stores in one bit.
 */
import type { PromSample } from '../promtext';
import type { Labels } from '../query/types';

/** A base sample: series labels (with `__name__`) and value. */
export interface BaseSample {
  labels: Labels;
  value: number;
}

/** Last value and time of every counter, across scrapes. */
export type CounterState = Map<string, { t: number; v: number }>;

/** Owner and node of a pod, from the inventory. */
export type PodInfo = (namespace: string, pod: string) => Labels;

const round = (v: number, unit: number) => Math.round(v / unit) * unit;
const CPU_UNIT = 1e-4;

/** cAdvisor series of the node's own cgroup (`id="/"`) and the node base series each gives. */
const ROOT_SERIES: Record<string, string> = {
  container_cpu_usage_seconds_total: 'node_cpu_usage',
  container_memory_working_set_bytes: 'node_memory_usage_wo_cache',
  container_fs_usage_bytes: 'node_disk_size_usage',
  container_network_receive_bytes_total: 'node_net_bytes_received',
  container_network_transmit_bytes_total: 'node_net_bytes_transmitted',
  container_fs_reads_bytes_total: 'node_disk_read_throughput',
  container_fs_writes_bytes_total: 'node_disk_write_throughput',
  container_fs_reads_total: 'node_disk_read_iops',
  container_fs_writes_total: 'node_disk_write_iops',
};
const COUNTERS = new Set(Object.keys(ROOT_SERIES).filter((n) => n.endsWith('_total')));
const DISK_FIELD: Record<string, 'read' | 'write' | 'readOps' | 'writeOps'> = {
  container_fs_reads_bytes_total: 'read',
  container_fs_writes_bytes_total: 'write',
  container_fs_reads_total: 'readOps',
  container_fs_writes_total: 'writeOps',
};

function rate(state: CounterState, key: string, t: number, v: number, seen: Set<string>): number | undefined {
  seen.add(key);
  const prev = state.get(key);
  state.set(key, { t, v });
  if (!prev || t <= prev.t) return undefined;
  const dv = v >= prev.v ? v - prev.v : v; // a reset restarts from zero
  return dv / ((t - prev.t) / 1000);
}

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);

/**
 * Derives base samples from a node's `/metrics/cadvisor` and `/metrics/resource`. `now` stamps samples
 * without a timestamp of their own (used only for rate computation; callers store at the tick time).
 */
export function deriveNodeSamples(
  node: string,
  cadvisor: PromSample[],
  resource: PromSample[],
  state: CounterState,
  now: number,
  podInfo: PodInfo,
): BaseSample[] {
  const seen = new Set<string>();
  const out: BaseSample[] = [];
  const containerCpu = new Map<string, number>();
  const containerMem = new Map<string, number>();
  const containerWs = new Map<string, number>();
  const containerProc = new Map<string, number>();
  const containerThreads = new Map<string, number>();
  const podRx = new Map<string, number>();
  const podTx = new Map<string, number>();
  let fsUsage = 0;
  /** Containers' disk rates (bytes/s, operations/s), summed: the node's when it has no `id="/"` series. */
  const disk = { read: 0, write: 0, readOps: 0, writeOps: 0 };
  /** The node's own cgroup (`id="/"`). */
  const root = new Map<string, number>();
  for (const s of cadvisor) {
    const { namespace, pod, container } = s.labels;
    const t = s.timestamp ?? now;
    if (s.labels.id === '/' && !pod) {
      const name = ROOT_SERIES[s.name];
      if (!name) continue;
      const key = `${node}\x00root\x00${s.name}\x00${s.labels.interface ?? ''}\x00${s.labels.device ?? ''}`;
      const v = COUNTERS.has(s.name) ? rate(state, key, t, s.value, seen) : s.value;
      if (v !== undefined) add(root, name, v);
      continue;
    }
    if (!namespace || !pod) continue;
    const ck = `${namespace}\x00${pod}\x00${container ?? ''}`;
    const isContainer = !!container && container !== 'POD';
    switch (s.name) {
      case 'container_cpu_usage_seconds_total':
        if (isContainer) {
          const r = rate(state, `${node}\x00cpu\x00${ck}\x00${s.labels.id ?? ''}`, t, s.value, seen);
          if (r !== undefined) add(containerCpu, ck, r);
        }
        break;
      case 'container_memory_usage_bytes':
        if (isContainer) add(containerMem, ck, s.value);
        break;
      case 'container_memory_working_set_bytes':
        if (isContainer) add(containerWs, ck, s.value);
        break;
      case 'container_processes':
        if (isContainer) add(containerProc, ck, s.value);
        break;
      case 'container_threads':
        if (isContainer) add(containerThreads, ck, s.value);
        break;
      case 'container_fs_usage_bytes':
        if (isContainer) fsUsage += s.value;
        break;
      case 'container_fs_reads_bytes_total':
      case 'container_fs_writes_bytes_total':
      case 'container_fs_reads_total':
      case 'container_fs_writes_total': {
        if (!isContainer) break;
        const key = `${node}\x00fs\x00${s.name}\x00${ck}\x00${s.labels.device ?? ''}`;
        const r = rate(state, key, t, s.value, seen);
        if (r !== undefined) disk[DISK_FIELD[s.name]] += r;
        break;
      }
      case 'container_network_receive_bytes_total':
      case 'container_network_transmit_bytes_total': {
        const rx = s.name === 'container_network_receive_bytes_total';
        const key = `${node}\x00${rx ? 'rx' : 'tx'}\x00${namespace}\x00${pod}\x00${s.labels.interface ?? ''}`;
        const r = rate(state, key, t, s.value, seen);
        if (r !== undefined) add(rx ? podRx : podTx, `${namespace}\x00${pod}`, r);
        break;
      }
    }
  }
  const podSum = (m: Map<string, number>) => {
    const p = new Map<string, number>();
    for (const [k, v] of m) add(p, k.slice(0, k.lastIndexOf('\x00')), v);
    return p;
  };
  const podLabels = (key: string, name: string): Labels => {
    const [namespace, pod] = key.split('\x00');
    return { __name__: name, namespace, pod, node, ...podInfo(namespace, pod) };
  };
  const containerLabels = (key: string, name: string): Labels => {
    const [namespace, pod, container] = key.split('\x00');
    return { __name__: name, namespace, pod, container };
  };
  const emit = (m: Map<string, number>, name: string, level: 'pod' | 'container', unit?: number) => {
    for (const [k, v] of m)
      out.push({
        labels: level === 'pod' ? podLabels(k, name) : containerLabels(k, name),
        value: unit ? round(v, unit) : v,
      });
  };
  emit(containerCpu, 'container_cpu_usage', 'container', CPU_UNIT);
  emit(containerMem, 'container_memory_usage', 'container');
  emit(containerWs, 'container_memory_usage_wo_cache', 'container');
  emit(containerProc, 'container_processes_usage', 'container');
  emit(containerThreads, 'container_threads_usage', 'container');
  const podCpu = podSum(containerCpu);
  emit(podCpu, 'pod_cpu_usage', 'pod', CPU_UNIT);
  emit(podSum(containerMem), 'pod_memory_usage', 'pod');
  emit(podSum(containerWs), 'pod_memory_usage_wo_cache', 'pod');
  emit(podRx, 'pod_net_bytes_received', 'pod', 1);
  emit(podTx, 'pod_net_bytes_transmitted', 'pod', 1);

  const nodeLabels = (name: string): Labels => ({ __name__: name, node });
  let nodeCpu: number | undefined;
  let nodeMem: number | undefined;
  for (const s of resource) {
    if (s.name === 'node_cpu_usage_seconds_total')
      nodeCpu = rate(state, `${node}\x00node_cpu`, s.timestamp ?? now, s.value, seen);
    else if (s.name === 'node_memory_working_set_bytes') nodeMem = s.value;
  }
  // Without the resource endpoint, the node's usage is its own cgroup's, else what its pods use.
  nodeCpu ??= root.get('node_cpu_usage');
  nodeMem ??= root.get('node_memory_usage_wo_cache');
  if (nodeCpu === undefined && resource.length === 0 && containerCpu.size > 0)
    nodeCpu = [...containerCpu.values()].reduce((a, b) => a + b, 0);
  if (nodeMem === undefined && resource.length === 0 && containerWs.size > 0)
    nodeMem = [...containerWs.values()].reduce((a, b) => a + b, 0);
  if (nodeCpu !== undefined)
    out.push({ labels: nodeLabels('node_cpu_usage'), value: round(nodeCpu, CPU_UNIT) });
  if (nodeMem !== undefined) out.push({ labels: nodeLabels('node_memory_usage_wo_cache'), value: nodeMem });
  if (cadvisor.length > 0) {
    const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const fromPods: Record<string, number> = {
      node_disk_size_usage: fsUsage,
      node_net_bytes_received: sum(podRx),
      node_net_bytes_transmitted: sum(podTx),
      node_disk_read_throughput: disk.read,
      node_disk_write_throughput: disk.write,
      node_disk_read_iops: disk.readOps,
      node_disk_write_iops: disk.writeOps,
    };
    for (const [name, v] of Object.entries(fromPods))
      out.push({
        labels: nodeLabels(name),
        value: round(root.get(name) ?? v, name.endsWith('iops') ? 0.01 : 1),
      });
  }
  // Counters of this node that vanished (deleted pods) are forgotten so the state does not grow forever.
  for (const k of state.keys()) if (k.startsWith(`${node}\x00`) && !seen.has(k)) state.delete(k);
  return out;
}
