/**
 * @module cluster/metrics-api
 * `metrics.k8s.io/v1beta1` (NodeMetrics, PodMetrics — what `kubectl top` reads), computed from the
 * simulated nodes' usage model.
 */
import type { KubeObject } from '@sphere/shared';
import type { ResourceDescriptor } from '../registry/types';

export interface UsageSource {
  nodeMetrics(): KubeObject[];
  podMetrics(namespace?: string): KubeObject[];
}

export function metricsDescriptors(usage: UsageSource): ResourceDescriptor[] {
  return [
    {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      kind: 'NodeMetrics',
      plural: 'nodes',
      singular: '',
      namespaced: false,
      computed: { list: () => usage.nodeMetrics() },
    },
    {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      kind: 'PodMetrics',
      plural: 'pods',
      singular: '',
      namespaced: true,
      computed: { list: (namespace) => usage.podMetrics(namespace) },
    },
  ];
}
