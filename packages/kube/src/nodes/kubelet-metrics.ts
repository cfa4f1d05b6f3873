/**
 * @module nodes/kubelet-metrics
 * The Prometheus text a simulated kubelet serves, with kubelet/cAdvisor names and labels (plus a `node`
 * label so one text can hold every node). `/metrics/resource`: node and container CPU and working set.
 * `/metrics/cadvisor`: container CPU and working set, per-pod network counters (`container=""`,
 * `interface="eth0"`), per-container filesystem usage and I/O counters (`device="/dev/sda1"`), and the
 * node's own (`id="/"`) network, filesystem usage/limit and disk I/O. Every value is a function of time
 * (counters integrate steady rates with a slow wave) plus the load the traffic model integrates, so a
 * scrape costs a few arithmetic operations per container and no state.
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';
import { seededRandom } from './pod-logs';
import { containersOf, statusOf, type ContainerSpec } from './pod-view';
import { imageProfile } from './profiles';
import { containerUsage, cpuSecondsTotal, NODE_BASE, type UsageModel } from './usage';

export type KubeletEndpoint = 'resource' | 'cadvisor' | 'all';

const Mi = 1024 * 1024;
const DEVICE = '/dev/sda1';
/** Node-level activity of system daemons and the OS, on top of its pods. */
const NODE_RATES = { rx: 1800, tx: 1400, reads: 40_000, writes: 90_000 };
const NODE_FS_BASE = 7.2 * 1024 ** 3;

/** ∫₀ᵉ rate·(1 + 0.2·sin(t/300 + φ)) dt: a counter whose rate waves slowly but never falls. */
function waved(rate: number, elapsed: number, phase: number): number {
  return rate * (elapsed + 60 * (Math.cos(phase) - Math.cos(elapsed / 300 + phase)));
}

interface Lines {
  [series: string]: string[];
}

const HELP: [string, string, string][] = [
  ['node_cpu_usage_seconds_total', 'counter', 'Cumulative cpu time consumed by the node in core-seconds'],
  ['node_memory_working_set_bytes', 'gauge', 'Current working set of the node in bytes'],
  [
    'container_cpu_usage_seconds_total',
    'counter',
    'Cumulative cpu time consumed by the container in core-seconds',
  ],
  ['container_memory_working_set_bytes', 'gauge', 'Current working set of the container in bytes'],
  ['container_network_receive_bytes_total', 'counter', 'Cumulative count of bytes received'],
  ['container_network_transmit_bytes_total', 'counter', 'Cumulative count of bytes transmitted'],
  [
    'container_fs_usage_bytes',
    'gauge',
    'Number of bytes that are consumed by the container on this filesystem.',
  ],
  [
    'container_fs_limit_bytes',
    'gauge',
    'Number of bytes that can be consumed by the container on this filesystem.',
  ],
  ['container_fs_reads_bytes_total', 'counter', 'Cumulative count of bytes read'],
  ['container_fs_writes_bytes_total', 'counter', 'Cumulative count of bytes written'],
];

const RESOURCE = new Set(HELP.slice(0, 4).map((h) => h[0]));
const CADVISOR = new Set(HELP.slice(2).map((h) => h[0]));

function render(lines: Lines, endpoint: KubeletEndpoint): string {
  const out: string[] = [];
  for (const [name, type, help] of HELP) {
    if (endpoint === 'resource' && !RESOURCE.has(name)) continue;
    if (endpoint === 'cadvisor' && !CADVISOR.has(name)) continue;
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...(lines[name] ?? []));
  }
  return `${out.join('\n')}\n`;
}

/** A container's filesystem figures at `elapsed` seconds: usage, bytes read, bytes written. */
function containerFs(pod: KubeObject, c: ContainerSpec, elapsed: number) {
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}/fs`);
  const base = imageProfile(c.image)?.fs ?? (2 + rnd() * 30) * Mi;
  const reads = 200 + rnd() * 4800;
  const writes = 500 + rnd() * 19_500;
  return {
    usage: Math.round(base + Math.min(elapsed * 64, 64 * Mi)),
    reads: Math.round(reads * elapsed),
    writes: Math.round(writes * elapsed),
  };
}

/** Every node's (or one node's) series for one endpoint. */
export function kubeletMetricsText(
  model: UsageModel,
  only: string | undefined,
  endpoint: KubeletEndpoint,
): string {
  const now = model.now();
  const ms = now.getTime();
  const lines: Lines = {};
  const push = (name: string, labels: string, value: number | string) =>
    (lines[name] ??= []).push(`${name}{${labels}} ${value} ${ms}`);
  const cadvisor = endpoint !== 'resource';
  for (const node of model.nodes()) {
    const name = node.metadata.name ?? '';
    if (only !== undefined && name !== only) continue;
    const pods = model.podsOn(name);
    const uptime = Math.max(0, (ms - new Date(node.metadata.creationTimestamp ?? now).getTime()) / 1000);
    const root = {
      rx: NODE_RATES.rx * uptime,
      tx: NODE_RATES.tx * uptime,
      fs: NODE_FS_BASE,
      reads: 0,
      writes: 0,
    };
    root.reads = NODE_RATES.reads * uptime;
    root.writes = NODE_RATES.writes * uptime;
    let loadCpuSeconds = 0;
    let idleCpu = NODE_BASE.cpu;
    let memory = NODE_BASE.memory;
    for (const pod of pods) {
      const started = new Date(statusOf(pod).startTime ?? now);
      const elapsed = Math.max(0, (ms - started.getTime()) / 1000);
      const load = model.traffic?.totals(pod, ms) ?? { rx: 0, tx: 0, cpuSeconds: 0 };
      loadCpuSeconds += load.cpuSeconds;
      const podLabels = `namespace="${pod.metadata.namespace}",node="${name}",pod="${pod.metadata.name}"`;
      containersOf(pod).forEach((c, i) => {
        const labels = `container="${c.name}",${podLabels}`;
        const served = i === 0 ? load.cpuSeconds : 0;
        push(
          'container_cpu_usage_seconds_total',
          labels,
          cpuSecondsTotal(pod, c, started, now, served).toFixed(3),
        );
        const idle = containerUsage(pod, c, now);
        idleCpu += idle.cpu;
        memory += idle.memory; // load adds CPU, not memory
        push('container_memory_working_set_bytes', labels, idle.memory);
        if (!cadvisor) return;
        const fs = containerFs(pod, c, elapsed);
        root.fs += fs.usage;
        root.reads += fs.reads;
        root.writes += fs.writes;
        const fsLabels = `container="${c.name}",device="${DEVICE}",${podLabels}`;
        push('container_fs_usage_bytes', fsLabels, fs.usage);
        push('container_fs_reads_bytes_total', fsLabels, fs.reads);
        push('container_fs_writes_bytes_total', fsLabels, fs.writes);
      });
      if (!cadvisor) continue;
      const rnd = seededRandom(`${pod.metadata.uid}/net`);
      const phase = rnd() * Math.PI * 2;
      const rx = Math.round(waved(400 + rnd() * 2000, elapsed, phase) + load.rx);
      const tx = Math.round(waved(300 + rnd() * 1500, elapsed, phase) + load.tx);
      root.rx += rx;
      root.tx += tx;
      const netLabels = `container="",interface="eth0",${podLabels}`;
      push('container_network_receive_bytes_total', netLabels, rx);
      push('container_network_transmit_bytes_total', netLabels, tx);
    }
    if (endpoint !== 'cadvisor') {
      push('node_cpu_usage_seconds_total', `node="${name}"`, (idleCpu * uptime + loadCpuSeconds).toFixed(3));
      push('node_memory_working_set_bytes', `node="${name}"`, Math.round(memory));
    }
    if (!cadvisor) continue;
    const rootNet = `container="",id="/",interface="eth0",namespace="",node="${name}",pod=""`;
    push('container_network_receive_bytes_total', rootNet, Math.round(root.rx));
    push('container_network_transmit_bytes_total', rootNet, Math.round(root.tx));
    const rootFs = `container="",device="${DEVICE}",id="/",namespace="",node="${name}",pod=""`;
    push('container_fs_usage_bytes', rootFs, Math.round(root.fs));
    push('container_fs_limit_bytes', rootFs, fsCapacity(node));
    push('container_fs_reads_bytes_total', rootFs, Math.round(root.reads));
    push('container_fs_writes_bytes_total', rootFs, Math.round(root.writes));
  }
  return render(lines, endpoint);
}

function fsCapacity(node: KubeObject): number {
  const v = (node.status as { capacity?: Record<string, string> } | undefined)?.capacity?.[
    'ephemeral-storage'
  ];
  try {
    return v ? parseQuantity(v) : 100 * 1024 ** 3;
  } catch {
    return 100 * 1024 ** 3;
  }
}
