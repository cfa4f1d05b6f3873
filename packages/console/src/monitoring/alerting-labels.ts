/**
 * @module monitoring/alerting-labels
 * What the alerting pages share: i18n keys of units, levels, targets and severities, severity colours, and
 * the scope (cluster or project) a page shows.
 */
import { useParams } from 'react-router-dom';
import type { FormUnit, Level } from './alerting';

export const UNIT_KEY: Record<FormUnit, string | undefined> = {
  percent: 'unitPercent',
  cores: 'unitCores',
  mib: 'unitMib',
  gb: 'unitGb',
  mbps: 'unitMbps',
  count: undefined,
};
export const LEVEL_KEY: Record<Level, string> = {
  cluster: 'levelCluster',
  node: 'levelNode',
  namespace: 'levelNamespace',
  workload: 'levelWorkload',
  pod: 'levelPod',
};
export const TARGET_KEYS: Partial<Record<Level, [string, string]>> = {
  node: ['targetNode', 'targetNodePlaceholder'],
  workload: ['targetWorkload', 'targetWorkloadPlaceholder'],
  pod: ['targetPod', 'targetPodPlaceholder'],
};
export const SEVERITY_KEY: Record<string, string> = {
  warning: 'severityWarning',
  error: 'severityError',
  critical: 'severityCritical',
  info: 'severityInfo',
};
export const SEVERITY_COLOR: Record<string, string> = {
  warning: 'gold',
  error: 'volcano',
  critical: 'red',
  info: 'blue',
};

/** `namespace` from the prop, else from the route (project pages), else the cluster's. */
export function useScopeNamespace(namespace?: string): string | undefined {
  const params = useParams();
  return namespace ?? params.namespace;
}
