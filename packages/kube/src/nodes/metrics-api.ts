/**
 * @module nodes/metrics-api
 * metrics.k8s.io/v1beta1 (what metrics-server serves and `kubectl top` reads): read-only NodeMetrics and
 * PodMetrics computed from the simulated usage model. Nothing is stored; the descriptors only declare
 * the kinds for discovery, and `readMetrics` answers get/list.
 *
 * Wiring (lead): register `metricsDescriptors` with the registry, and in the pipeline's get/list answer
 * targets with group `metrics.k8s.io` from `readMetrics(cluster.nodeSimulation.usage, target, query)`
 * instead of the store (RBAC applies as for any resource; writes answer 405).
 */
import { errors, matchesRequirements, parseSelector, type KubeList, type KubeObject } from '@sphere/shared';
import type { ResourceDescriptor } from '../registry/types';
import type { UsageModel } from './usage';

export const METRICS_GROUP = 'metrics.k8s.io';

const common = {
  group: METRICS_GROUP,
  version: 'v1beta1',
  verbs: ['get', 'list'],
  storageVersion: false,
  strategicMerge: false,
};

/** NodeMetrics: /apis/metrics.k8s.io/v1beta1/nodes[/name]. */
export const nodeMetricsDescriptor: ResourceDescriptor = {
  ...common,
  kind: 'NodeMetrics',
  listKind: 'NodeMetricsList',
  plural: 'nodes',
  singular: '',
  namespaced: false,
};

/** PodMetrics: /apis/metrics.k8s.io/v1beta1/namespaces/ns/pods[/name] and /pods across namespaces. */
export const podMetricsDescriptor: ResourceDescriptor = {
  ...common,
  kind: 'PodMetrics',
  listKind: 'PodMetricsList',
  plural: 'pods',
  singular: '',
  namespaced: true,
};

export const metricsDescriptors: ResourceDescriptor[] = [nodeMetricsDescriptor, podMetricsDescriptor];

/**
 * Answers a get (name set) or list of NodeMetrics/PodMetrics, honouring `labelSelector` and
 * `fieldSelector=metadata.name=…` as metrics-server does.
 */
export function readMetrics(
  usage: UsageModel,
  target: { resource: string; namespace?: string; name?: string },
  query: { labelSelector?: string; fieldSelector?: string } = {},
): KubeObject | KubeList {
  const isNodes = target.resource === 'nodes';
  if (!isNodes && target.resource !== 'pods') throw errors.pathNotFound();
  let items = isNodes ? usage.nodeMetrics() : usage.podMetrics(target.namespace || undefined);
  if (target.name) {
    const found = items.find((i) => i.metadata.name === target.name);
    if (!found) throw errors.notFound(target.resource, METRICS_GROUP, target.name);
    return found;
  }
  if (query.labelSelector) {
    const reqs = parseSelector(query.labelSelector);
    items = items.filter((i) => matchesRequirements(reqs, i.metadata.labels));
  }
  const byName = /^metadata\.name=(.+)$/.exec(query.fieldSelector ?? '');
  if (byName) items = items.filter((i) => i.metadata.name === byName[1]);
  return {
    kind: isNodes ? 'NodeMetricsList' : 'PodMetricsList',
    apiVersion: `${METRICS_GROUP}/v1beta1`,
    metadata: {},
    items,
  };
}
