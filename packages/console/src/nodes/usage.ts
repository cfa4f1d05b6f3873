/**
 * @module nodes/usage
 * Node usage vs allocatable for the list's CPU / Memory / Pods columns: one instant query of the
 * platform's node metrics shared by every row (TanStack Query dedupes the key), and the pure figures.
 */
import { useQuery } from '@tanstack/react-query';
import type { KubeObject } from '@sphere/shared';
import { fetchMetrics, valueOf, type MonitoringResponse } from '../monitoring/api';

export type UsageKind = 'cpu' | 'memory' | 'pods';

const METRICS: Record<UsageKind, [used: string, total: string]> = {
  cpu: ['node_cpu_usage', 'node_cpu_total'],
  memory: ['node_memory_usage_wo_cache', 'node_memory_total'],
  pods: ['node_pod_running_count', 'node_pod_quota'],
};

/** The node metrics of every node, refreshed every 30 s; errors (monitoring off) are not retried. */
export function useNodeMetrics() {
  return useQuery({
    queryKey: ['node-usage'],
    queryFn: () => fetchMetrics('/nodes', Object.values(METRICS).flat()),
    refetchInterval: 30_000,
    retry: false,
    staleTime: 10_000,
  });
}

/** CPU cores / memory bytes / pod count from a Kubernetes quantity. */
export function parseQuantity(q: string | undefined): number | undefined {
  if (!q) return undefined;
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const units: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  return units[m[2]] === undefined ? undefined : n * units[m[2]];
}

/**
 * Used and total of one resource of a node: used from monitoring (undefined without it), total from the
 * metrics or else the node's allocatable.
 */
export function nodeUsage(
  node: KubeObject,
  kind: UsageKind,
  metrics: MonitoringResponse | undefined,
): { used?: number; total?: number } {
  const name = node.metadata.name ?? '';
  const [usedMetric, totalMetric] = METRICS[kind];
  const allocatable = ((node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ??
    {}) as Record<string, string>;
  const fallback = parseQuantity(allocatable[kind]);
  return {
    used: valueOf(metrics, usedMetric, { node: name }),
    total: valueOf(metrics, totalMetric, { node: name }) ?? fallback,
  };
}
