/**
 * @module nodes/usage
 * Simulated resource usage. Each container's usage is a deterministic function of (pod, container, time):
 * steady around what it needs — its image profile or `sphere.io/*-usage` annotation (profiles.ts), else
 * a share of its request (or a small default) — with slow waves and noise, plus the load other pods put
 * on it through a Service (traffic.ts), capped at its limit. History therefore costs no memory: any past
 * sample is recomputed; the cumulative CPU counter is the integral. Serves NodeMetrics/PodMetrics objects
 * (metrics.k8s.io/v1beta1); the Prometheus text is in kubelet-metrics.ts.
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';
import type { Clock } from '../controllers/runtime/clock';
import { seededRandom } from './pod-logs';
import { containersOf, specOf, statusOf, type ContainerSpec } from './pod-view';
import { cpuDemand, memoryDemand } from './profiles';
import { kubeletMetricsText, type KubeletEndpoint } from './kubelet-metrics';
import { LOOP_CPU, TrafficModel, type WatchedSource } from './traffic';

export interface Usage {
  /** CPU in cores. */
  cpu: number;
  /** Memory working set in bytes. */
  memory: number;
}

const DEFAULT_CPU = 0.005;
const DEFAULT_MEMORY = 24 * 1024 * 1024;
/** Node overhead (system daemons, kubelet) on top of its pods. */
export const NODE_BASE: Usage = { cpu: 0.12, memory: 1.4 * 1024 ** 3 };

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

/** A container's steady CPU (cores) before waves, noise and load: its profile, or a share of its request. */
export function idleCpu(pod: KubeObject, c: ContainerSpec): number {
  const known = cpuDemand(pod, c);
  if (known !== undefined) return known;
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}`);
  rnd();
  return (quantity(c.resources?.requests, 'cpu') ?? DEFAULT_CPU) * (0.35 + rnd() * 0.4);
}

/**
 * CPU (cores) that `loops` of load add to the container serving them (a pod's first container), as far
 * as its CPU limit leaves room above its idle use.
 */
export function loadCpu(pod: KubeObject, c: ContainerSpec, loops: number): number {
  if (loops <= 0) return 0;
  const lim = quantity(c.resources?.limits, 'cpu');
  const want = loops * LOOP_CPU;
  return lim === undefined ? want : Math.min(want, Math.max(0, lim - idleCpu(pod, c)));
}

/** Usage of one container at `at` (pure), with `extraCpu` cores of load on top of its own. */
export function containerUsage(pod: KubeObject, c: ContainerSpec, at: Date, extraCpu = 0): Usage {
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}`);
  const phase = rnd() * Math.PI * 2;
  const level = 0.35 + rnd() * 0.4; // each container settles at its own share of its request
  const jitter = 0.95 + rnd() * 0.1; // and known needs vary a little from pod to pod
  const req = c.resources?.requests;
  const lim = c.resources?.limits;
  const t = at.getTime() / 1000;
  const wave = Math.sin(t / 90 + phase) * 0.15;
  const noise = (seededRandom(`${pod.metadata.uid}/${c.name}/${Math.floor(t / 15)}`)() - 0.5) * 0.1;
  const knownCpu = cpuDemand(pod, c);
  const knownMemory = memoryDemand(pod, c);
  let cpu =
    knownCpu !== undefined
      ? knownCpu * Math.max(0.05, 1 + (wave + noise) * 2)
      : (quantity(req, 'cpu') ?? DEFAULT_CPU) * Math.max(0.02, level + wave + noise);
  cpu += extraCpu;
  let memory =
    knownMemory !== undefined
      ? knownMemory * (jitter + wave / 10)
      : (quantity(req, 'memory') ?? DEFAULT_MEMORY) * Math.max(0.1, level + 0.1 + wave / 5);
  const cpuLim = quantity(lim, 'cpu');
  const memLim = quantity(lim, 'memory');
  if (cpuLim !== undefined) cpu = Math.min(cpu, cpuLim);
  if (memLim !== undefined) memory = Math.min(memory, memLim * 0.98);
  return { cpu, memory: Math.round(memory) };
}

/**
 * Cumulative CPU seconds since the container started: the exact integral of its steady level and slow
 * wave (the short-term noise averages out), so the counter only grows; plus `loadSeconds` core-seconds
 * of load it served.
 */
export function cpuSecondsTotal(
  pod: KubeObject,
  c: ContainerSpec,
  startedAt: Date,
  at: Date,
  loadSeconds = 0,
): number {
  const t0 = startedAt.getTime() / 1000;
  const t1 = Math.max(t0, at.getTime() / 1000);
  const rnd = seededRandom(`${pod.metadata.uid}/${c.name}`);
  const phase = rnd() * Math.PI * 2;
  const level = 0.35 + rnd() * 0.4;
  const known = cpuDemand(pod, c);
  // ∫ sin(t/90 + φ) dt = 90·(cos(t0/90 + φ) − cos(t1/90 + φ))
  const wave = 0.15 * 90 * (Math.cos(t0 / 90 + phase) - Math.cos(t1 / 90 + phase));
  const base =
    known !== undefined
      ? known * (t1 - t0 + 2 * wave)
      : (quantity(c.resources?.requests, 'cpu') ?? DEFAULT_CPU) * (level * (t1 - t0) + wave);
  const lim = quantity(c.resources?.limits, 'cpu');
  return (lim !== undefined ? Math.min(base, lim * (t1 - t0)) : base) + loadSeconds;
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
  /** Load between pods through Services (absent without a services source). */
  readonly traffic?: TrafficModel;

  constructor(
    private readonly o: {
      clock: Clock;
      pods: ObjectSource & WatchedSource;
      nodes: ObjectSource;
      services?: WatchedSource;
      /** Least real time between traffic recomputations (default 1 s). */
      minRecomputeMs?: number;
    },
  ) {
    if (o.services)
      this.traffic = new TrafficModel({
        clock: o.clock,
        pods: o.pods,
        services: o.services,
        minRecomputeMs: o.minRecomputeMs,
        cpuOf: (pod, loops) => {
          const first = containersOf(pod)[0];
          return first ? loadCpu(pod, first, loops) : 0;
        },
      });
  }

  start(): void {
    const dirty = () => {
      this.byNodeDirty = true;
    };
    this.o.pods.on?.({ add: dirty, update: dirty, delete: dirty });
  }
  stop(): void {}

  /** Extra CPU (cores) the pod's container at `index` serves for load generators. */
  extraCpu(pod: KubeObject, c: ContainerSpec, index: number): number {
    if (index !== 0 || !this.traffic) return 0;
    return loadCpu(pod, c, this.traffic.served(pod));
  }

  private byNode?: Map<string, KubeObject[]>;
  private byNodeDirty = true;
  private byNodeAt = -Infinity;

  private podsByNode(): Map<string, KubeObject[]> {
    // With a watched cache the index is rebuilt when pods changed (at most every 250 ms of real time:
    // a scrape round of 1,000 nodes must not rebuild it 1,000 times); plain sources rebuild each time.
    const watched = !!this.o.pods.on;
    if (watched && this.byNode && (!this.byNodeDirty || Date.now() - this.byNodeAt < 250)) return this.byNode;
    this.byNodeDirty = false;
    this.byNodeAt = Date.now();
    const map = new Map<string, KubeObject[]>();
    for (const pod of this.o.pods.list()) {
      const node = specOf(pod).nodeName;
      if (!node || !running(pod)) continue;
      const list = map.get(node);
      if (list) list.push(pod);
      else map.set(node, [pod]);
    }
    this.byNode = map;
    return map;
  }

  podUsage(pod: KubeObject, at = this.o.clock.now()): { name: string; usage: Usage }[] {
    return containersOf(pod).map((c, i) => ({
      name: c.name,
      usage: containerUsage(pod, c, at, this.extraCpu(pod, c, i)),
    }));
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

  /** Running pods bound to `node` (indexed once per change of the pod cache, at most every 250 ms). */
  podsOn(node: string): KubeObject[] {
    return this.podsByNode().get(node) ?? [];
  }

  /** The nodes the model reports on. */
  nodes(): KubeObject[] {
    return this.o.nodes.list();
  }

  now(): Date {
    return this.o.clock.now();
  }

  /**
   * Prometheus text with kubelet/cAdvisor series names: every node's (default), or one node's series
   * of one kubelet endpoint (`/metrics/resource`, `/metrics/cadvisor`; `/metrics` has both).
   */
  prometheusMetrics(node?: string, endpoint: KubeletEndpoint = 'all'): string {
    return kubeletMetricsText(this, node, endpoint);
  }
}
