/**
 * @module nodes/usage
 * Simulated resource usage. Each container's usage is a deterministic function of (pod, container, time):
 * steady around its request (or a small default) with slow waves and noise, capped at its limit. History
 * therefore costs no memory: any past sample is recomputed; the cumulative CPU counter is the integral.
 * Serves NodeMetrics/PodMetrics objects (metrics.k8s.io/v1beta1) and Prometheus text.
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';
import type { Clock } from '../controllers/runtime/clock';
import { seededRandom } from './pod-logs';
import { containersOf, specOf, statusOf, type ContainerSpec } from './pod-view';

export interface Usage {
  /** CPU in cores. */
  cpu: number;
  /** Memory working set in bytes. */
  memory: number;
}

const DEFAULT_CPU = 0.005;
const DEFAULT_MEMORY = 24 * 1024 * 1024;
/** Node overhead (system daemons, kubelet) on top of its pods. */
const NODE_BASE: Usage = { cpu: 0.12, memory: 1.4 * 1024 ** 3 };

/** Parsed quantities by their text: pods repeat a handful of values, and parsing is exact (BigInt). */
const parsed = new Map<string, number | undefined>();

function quantity(map: Record<string, string> | undefined, key: string): number | undefined {
  const v = map?.[key];
  if (v === undefined) return undefined;
  if (parsed.has(v)) return parsed.get(v);
  let n: number | undefined;
  try {
    n = parseQuantity(v);
  } catch {
    n = undefined;
  }
  if (parsed.size < 10_000) parsed.set(v, n);
  return n;
}

/** Usage of one container at `at` (pure). */
export function containerUsage(pod: KubeObject, c: ContainerSpec, at: Date): Usage {
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}`);
  const phase = rnd() * Math.PI * 2;
  const level = 0.35 + rnd() * 0.4; // each container settles at its own share of its request
  const req = c.resources?.requests;
  const lim = c.resources?.limits;
  const cpuReq = quantity(req, 'cpu') ?? DEFAULT_CPU;
  const memReq = quantity(req, 'memory') ?? DEFAULT_MEMORY;
  const t = at.getTime() / 1000;
  const wave = Math.sin(t / 90 + phase) * 0.15;
  const noise = (seededRandom(`${pod.metadata.uid}/${c.name}/${Math.floor(t / 15)}`)() - 0.5) * 0.1;
  let cpu = cpuReq * Math.max(0.02, level + wave + noise);
  let memory = memReq * Math.max(0.1, level + 0.1 + wave / 5);
  const cpuLim = quantity(lim, 'cpu');
  const memLim = quantity(lim, 'memory');
  if (cpuLim !== undefined) cpu = Math.min(cpu, cpuLim);
  if (memLim !== undefined) memory = Math.min(memory, memLim * 0.98);
  return { cpu, memory: Math.round(memory) };
}

/** Cumulative CPU seconds since the container started (mean level × elapsed, as a counter must grow). */
export function cpuSecondsTotal(pod: KubeObject, c: ContainerSpec, startedAt: Date, at: Date): number {
  const elapsed = Math.max(0, (at.getTime() - startedAt.getTime()) / 1000);
  const mid = new Date((startedAt.getTime() + at.getTime()) / 2);
  return containerUsage(pod, c, mid).cpu * elapsed;
}

const running = (pod: KubeObject) => statusOf(pod).phase === 'Running';
const cpuNano = (cores: number) => `${Math.round(cores * 1e9)}n`;
const memKi = (bytes: number) => `${Math.round(bytes / 1024)}Ki`;
const ts = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Where the model reads pods and nodes from (an informer cache). */
export interface ObjectSource {
  list(namespace?: string): KubeObject[];
}

export class UsageModel {
  constructor(private readonly o: { clock: Clock; pods: ObjectSource; nodes: ObjectSource }) {}

  start(): void {}
  stop(): void {}

  private podsByNode(): Map<string, KubeObject[]> {
    const map = new Map<string, KubeObject[]>();
    for (const pod of this.o.pods.list()) {
      const node = specOf(pod).nodeName;
      if (!node || !running(pod)) continue;
      const list = map.get(node);
      if (list) list.push(pod);
      else map.set(node, [pod]);
    }
    return map;
  }

  podUsage(pod: KubeObject, at = this.o.clock.now()): { name: string; usage: Usage }[] {
    return containersOf(pod).map((c) => ({ name: c.name, usage: containerUsage(pod, c, at) }));
  }

  nodeUsage(pods: KubeObject[], at = this.o.clock.now()): Usage {
    const total = { ...NODE_BASE };
    for (const pod of pods)
      for (const c of this.podUsage(pod, at)) {
        total.cpu += c.usage.cpu;
        total.memory += c.usage.memory;
      }
    return total;
  }

  /** NodeMetrics objects (metrics.k8s.io/v1beta1) for every node. */
  nodeMetrics(): KubeObject[] {
    const now = this.o.clock.now();
    const byNode = this.podsByNode();
    return this.o.nodes.list().map((node) => {
      const u = this.nodeUsage(byNode.get(node.metadata.name ?? '') ?? [], now);
      return {
        apiVersion: 'metrics.k8s.io/v1beta1',
        kind: 'NodeMetrics',
        metadata: {
          name: node.metadata.name,
          creationTimestamp: ts(now),
          labels: node.metadata.labels ?? {},
        },
        timestamp: ts(now),
        window: '20.052s',
        usage: { cpu: cpuNano(u.cpu), memory: memKi(u.memory) },
      } as KubeObject;
    });
  }

  /** PodMetrics objects for running pods (optionally one namespace). */
  podMetrics(namespace?: string): KubeObject[] {
    const now = this.o.clock.now();
    return this.o.pods
      .list(namespace)
      .filter((p) => running(p) && specOf(p).nodeName)
      .map(
        (pod) =>
          ({
            apiVersion: 'metrics.k8s.io/v1beta1',
            kind: 'PodMetrics',
            metadata: {
              name: pod.metadata.name,
              namespace: pod.metadata.namespace,
              creationTimestamp: ts(now),
              labels: pod.metadata.labels ?? {},
            },
            timestamp: ts(now),
            window: '15.021s',
            containers: this.podUsage(pod, now).map((c) => ({
              name: c.name,
              usage: { cpu: cpuNano(c.usage.cpu), memory: memKi(c.usage.memory) },
            })),
          }) as KubeObject,
      );
  }

  /** Usage samples of one pod over the last `minutes`, one per `stepSeconds` (for charts). */
  podHistory(pod: KubeObject, minutes = 10, stepSeconds = 60): { at: string; cpu: number; memory: number }[] {
    const now = this.o.clock.now().getTime();
    const out: { at: string; cpu: number; memory: number }[] = [];
    for (let t = now - minutes * 60_000; t <= now; t += stepSeconds * 1000) {
      const u = this.nodeUsage([pod], new Date(t));
      out.push({ at: ts(new Date(t)), cpu: u.cpu - NODE_BASE.cpu, memory: u.memory - NODE_BASE.memory });
    }
    return out;
  }

  /** Prometheus text exposition with kubelet/cAdvisor series names. */
  prometheusMetrics(): string {
    const now = this.o.clock.now();
    const ms = now.getTime();
    const out: string[] = [
      '# HELP node_cpu_usage_seconds_total Cumulative cpu time consumed by the node in core-seconds',
      '# TYPE node_cpu_usage_seconds_total counter',
    ];
    const byNode = this.podsByNode();
    const nodes = this.o.nodes.list();
    const nodeLines: string[] = [];
    const memLines: string[] = [];
    for (const node of nodes) {
      const name = node.metadata.name ?? '';
      const created = new Date(node.metadata.creationTimestamp ?? now).getTime();
      const u = this.nodeUsage(byNode.get(name) ?? [], now);
      nodeLines.push(
        `node_cpu_usage_seconds_total{node="${name}"} ${((u.cpu * (ms - created)) / 1000).toFixed(3)} ${ms}`,
      );
      memLines.push(`node_memory_working_set_bytes{node="${name}"} ${Math.round(u.memory)} ${ms}`);
    }
    out.push(
      ...nodeLines,
      '# HELP node_memory_working_set_bytes Current working set of the node in bytes',
      '# TYPE node_memory_working_set_bytes gauge',
      ...memLines,
    );
    const cpuLines: string[] = [];
    const wsLines: string[] = [];
    for (const [node, pods] of byNode) {
      for (const pod of pods) {
        const started = new Date(statusOf(pod).startTime ?? now);
        for (const c of containersOf(pod)) {
          const labels = `container="${c.name}",namespace="${pod.metadata.namespace}",node="${node}",pod="${pod.metadata.name}"`;
          cpuLines.push(
            `container_cpu_usage_seconds_total{${labels}} ${cpuSecondsTotal(pod, c, started, now).toFixed(3)} ${ms}`,
          );
          wsLines.push(
            `container_memory_working_set_bytes{${labels}} ${containerUsage(pod, c, now).memory} ${ms}`,
          );
        }
      }
    }
    out.push(
      '# HELP container_cpu_usage_seconds_total Cumulative cpu time consumed by the container in core-seconds',
      '# TYPE container_cpu_usage_seconds_total counter',
      ...cpuLines,
    );
    out.push(
      '# HELP container_memory_working_set_bytes Current working set of the container in bytes',
      '# TYPE container_memory_working_set_bytes gauge',
      ...wsLines,
    );
    return `${out.join('\n')}\n`;
  }
}
