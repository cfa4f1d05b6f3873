/**
 * @module scheduler/cache
 * Per-node aggregates kept incrementally from pod and node events (as kube-scheduler's cache): requested
 * resources, pods per owner, pod labels for inter-pod affinity. Each update costs O(1) in the number of
 * pods, so a decision only walks nodes, never all pods.
 */
import type { KubeObject } from '@sphere/shared';
import {
  accumulate,
  emptyResources,
  nodeAllocatable,
  nodeTaints,
  ownerKey,
  podRequests,
  type Resources,
  type Taint,
} from './model';

/** What the cache remembers about a pod placed on a node. */
export interface PlacedPod {
  key: string;
  namespace: string;
  labels: Record<string, string>;
  requests: Resources;
  owner: string;
  nodeName: string;
  /** Required anti-affinity terms of this pod (checked against incoming pods, symmetrically). */
  antiAffinity: PodAffinityTerm[];
}

export interface PodAffinityTerm {
  labelSelector?: import('@sphere/shared').LabelSelector | null;
  namespaces?: string[];
  namespaceSelector?: object | null;
  topologyKey: string;
}

export interface NodeInfo {
  name: string;
  node?: KubeObject;
  /** Facts read once per node update (filters run them for every decision). */
  ready: boolean;
  unschedulable: boolean;
  taints: Taint[];
  labels: Record<string, string>;
  allocatable: Resources;
  requested: Resources;
  pods: Map<string, PlacedPod>;
  ownerCounts: Map<string, number>;
}

/** Pods that no longer hold resources on their node. */
export const isTerminal = (pod: KubeObject): boolean => {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
};

export const podKey = (pod: KubeObject): string => `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;

export function requiredAntiAffinity(pod: KubeObject): PodAffinityTerm[] {
  const spec = pod.spec as { affinity?: { podAntiAffinity?: Record<string, unknown> } } | undefined;
  const terms = spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return Array.isArray(terms) ? (terms as PodAffinityTerm[]) : [];
}

export class SchedulerCache {
  readonly nodes = new Map<string, NodeInfo>();
  private readonly placed = new Map<string, PlacedPod>();
  /** Placed pods that carry required anti-affinity (usually few; checked for every incoming pod). */
  readonly withAntiAffinity = new Map<string, PlacedPod>();

  private info(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) {
      info = {
        name,
        ready: false,
        unschedulable: false,
        taints: [],
        labels: {},
        allocatable: emptyResources(),
        requested: emptyResources(),
        pods: new Map(),
        ownerCounts: new Map(),
      };
      this.nodes.set(name, info);
    }
    return info;
  }

  setNode(node: KubeObject): void {
    const info = this.info(node.metadata.name ?? '');
    info.node = node;
    info.allocatable = nodeAllocatable(node);
    const conditions = (node.status as { conditions?: { type: string; status: string }[] } | undefined)
      ?.conditions;
    info.ready = conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    info.unschedulable = (node.spec as { unschedulable?: boolean } | undefined)?.unschedulable === true;
    info.taints = nodeTaints(node);
    info.labels = node.metadata.labels ?? {};
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    if (!info) return;
    if (info.pods.size === 0) this.nodes.delete(name);
    else info.node = undefined;
  }

  /** Nodes known as Node objects (placeholders for pods on vanished nodes excluded). */
  *liveNodes(): Iterable<NodeInfo> {
    for (const info of this.nodes.values()) if (info.node) yield info;
  }

  nodeCount(): number {
    let n = 0;
    for (const info of this.nodes.values()) if (info.node) n++;
    return n;
  }

  isPlaced(key: string): boolean {
    return this.placed.has(key);
  }

  /** Records (or moves) a pod on `nodeName`; used both for bound pods and for assumed bindings. */
  place(pod: KubeObject, nodeName: string): void {
    const key = podKey(pod);
    const prior = this.placed.get(key);
    if (prior && prior.nodeName === nodeName) return;
    if (prior) this.unplace(key);
    const entry: PlacedPod = {
      key,
      namespace: pod.metadata.namespace ?? '',
      labels: pod.metadata.labels ?? {},
      requests: podRequests(pod),
      owner: ownerKey(pod),
      nodeName,
      antiAffinity: requiredAntiAffinity(pod),
    };
    this.placed.set(key, entry);
    const info = this.info(nodeName);
    info.pods.set(key, entry);
    accumulate(info.requested, entry.requests, 1);
    if (entry.owner) info.ownerCounts.set(entry.owner, (info.ownerCounts.get(entry.owner) ?? 0) + 1);
    if (entry.antiAffinity.length > 0) this.withAntiAffinity.set(key, entry);
  }

  /** Forgets a pod (deleted, terminal, or a binding that failed). */
  unplace(key: string): void {
    const entry = this.placed.get(key);
    if (!entry) return;
    this.placed.delete(key);
    this.withAntiAffinity.delete(key);
    const info = this.nodes.get(entry.nodeName);
    if (!info) return;
    info.pods.delete(key);
    accumulate(info.requested, entry.requests, -1);
    if (entry.owner) {
      const n = (info.ownerCounts.get(entry.owner) ?? 1) - 1;
      if (n <= 0) info.ownerCounts.delete(entry.owner);
      else info.ownerCounts.set(entry.owner, n);
    }
    if (!info.node && info.pods.size === 0) this.nodes.delete(info.name);
  }
}
