/**
 * @module monitoring/alerting
 * Alert policies in the console, as pure data: the metrics a policy may watch at each level (platform:
 * cluster and node; project: the project, its workloads and pods), each with a human name, the unit its
 * threshold is typed in and the label a target narrows it to; and the mapping between the policy form's
 * values and the API's policy object (`/kapis/alerting.kubesphere.io/v2alpha1/.../rules`).
 */

import { ALERT_CONDITIONS, type AlertCondition, type AlertPolicy, type AlertSeverity } from '@sphere/shared';

export type { AlertPolicy } from '@sphere/shared';
export const CONDITIONS = ALERT_CONDITIONS;
export type Condition = AlertCondition;
/** What the form offers (the API also takes `info`). */
export const SEVERITIES = ['warning', 'error', 'critical'] as const;
export type Severity = AlertSeverity;

/** Where a policy stands, as the API reports it beside the policy. */
export interface PolicyStatus {
  state: 'firing' | 'pending' | 'inactive' | 'disabled';
  firing: number;
  lastEvaluatedAt?: string;
  error?: string;
}

export type ShownPolicy = AlertPolicy & { status?: PolicyStatus };

/** The unit a threshold is typed in, and what one of it is in the metric's own unit. */
export type FormUnit = 'percent' | 'cores' | 'mib' | 'gb' | 'mbps' | 'count';
export const UNIT_FACTOR: Record<FormUnit, number> = {
  percent: 0.01, // ratios 0..1 are typed as 0..100 %
  cores: 1,
  mib: 1024 * 1024, // bytes
  gb: 1e9, // bytes
  mbps: 125_000, // bytes/s
  count: 1,
};

export type Level = 'cluster' | 'node' | 'namespace' | 'workload' | 'pod';
/** The label a target names at each level (none: the level has one series). */
export const TARGET_LABEL: Record<Level, string | undefined> = {
  cluster: undefined,
  node: 'node',
  namespace: undefined,
  workload: 'workload',
  pod: 'pod',
};

export interface AlertMetric {
  metric: string;
  /** i18n key (namespace `monitoring`) of its human name. */
  label: string;
  unit: FormUnit;
}

const m = (metric: string, label: string, unit: FormUnit): AlertMetric => ({ metric, label, unit });

/** Metrics a policy may watch, per level, in the order the form lists them. */
export const ALERT_METRICS: Record<Level, AlertMetric[]> = {
  cluster: [
    m('cluster_cpu_utilisation', 'metricClusterCpuUtilisation', 'percent'),
    m('cluster_memory_utilisation', 'metricClusterMemoryUtilisation', 'percent'),
    m('cluster_disk_size_utilisation', 'metricClusterDiskUtilisation', 'percent'),
    m('cluster_pod_utilisation', 'metricClusterPodUtilisation', 'percent'),
    m('cluster_pod_abnormal_count', 'metricClusterPodAbnormal', 'count'),
    m('cluster_node_offline', 'metricClusterNodeOffline', 'count'),
  ],
  node: [
    m('node_cpu_utilisation', 'metricNodeCpuUtilisation', 'percent'),
    m('node_cpu_usage', 'metricNodeCpuUsage', 'cores'),
    m('node_memory_utilisation', 'metricNodeMemoryUtilisation', 'percent'),
    m('node_memory_usage_wo_cache', 'metricNodeMemoryUsage', 'mib'),
    m('node_disk_size_utilisation', 'metricNodeDiskUtilisation', 'percent'),
    m('node_disk_size_usage', 'metricNodeDiskUsage', 'gb'),
    m('node_pod_utilisation', 'metricNodePodUtilisation', 'percent'),
    m('node_pod_abnormal_count', 'metricNodePodAbnormal', 'count'),
    m('node_net_bytes_transmitted', 'metricNodeNetOut', 'mbps'),
    m('node_net_bytes_received', 'metricNodeNetIn', 'mbps'),
  ],
  namespace: [
    m('namespace_cpu_usage', 'metricProjectCpuUsage', 'cores'),
    m('namespace_memory_usage_wo_cache', 'metricProjectMemoryUsage', 'mib'),
    m('namespace_pod_count', 'metricProjectPodCount', 'count'),
    m('namespace_pod_abnormal_count', 'metricProjectPodAbnormal', 'count'),
  ],
  workload: [
    m('workload_cpu_usage', 'metricWorkloadCpuUsage', 'cores'),
    m('workload_memory_usage_wo_cache', 'metricWorkloadMemoryUsage', 'mib'),
    m('workload_deployment_unavailable_replicas_ratio', 'metricDeploymentUnavailable', 'percent'),
    m('workload_statefulset_unavailable_replicas_ratio', 'metricStatefulSetUnavailable', 'percent'),
  ],
  pod: [
    m('pod_cpu_usage', 'metricPodCpuUsage', 'cores'),
    m('pod_memory_usage_wo_cache', 'metricPodMemoryUsage', 'mib'),
  ],
};

/** The levels a policy may watch: the cluster's own policies, or a project's. */
export const LEVELS_OF_SCOPE = {
  platform: ['cluster', 'node'] as Level[],
  project: ['namespace', 'workload', 'pod'] as Level[],
};

export const levelOf = (metric: string): Level => metric.slice(0, metric.indexOf('_')) as Level;

/** The catalog entry of a metric; a metric set through the API outside the catalog counts as a plain number. */
export function alertMetric(metric: string): AlertMetric {
  return (
    ALERT_METRICS[levelOf(metric)]?.find((x) => x.metric === metric) ?? { metric, label: '', unit: 'count' }
  );
}

/** Twelve significant digits: 0.8 / 0.01 is 80, not 80.00000000000001. */
const tidy = (v: number) => Number(v.toPrecision(12));

export const toFormThreshold = (v: number, unit: FormUnit) => tidy(v / UNIT_FACTOR[unit]);
export const fromFormThreshold = (v: number, unit: FormUnit) => tidy(v * UNIT_FACTOR[unit]);

export type DurationUnit = 's' | 'm' | 'h';
const SECONDS: Record<DurationUnit, number> = { s: 1, m: 60, h: 3600 };

/** A Go duration ("90s", "1h30m", "0s") in seconds; undefined when it is not one. */
export function durationSeconds(d: string): number | undefined {
  if (d === '0' || d === '0s') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let end = 0;
  for (let x = re.exec(d); x; x = re.exec(d)) {
    total += Number(x[1]) * (x[2] === 'ms' ? 0.001 : SECONDS[x[2] as DurationUnit]);
    end = re.lastIndex;
  }
  return end === d.length && end > 0 ? total : undefined;
}

/** Seconds as the form shows them: in the largest unit that divides them evenly. */
export function splitDuration(seconds: number): { value: number; unit: DurationUnit } {
  if (seconds > 0 && seconds % 3600 === 0) return { value: seconds / 3600, unit: 'h' };
  if (seconds > 0 && seconds % 60 === 0) return { value: seconds / 60, unit: 'm' };
  return { value: tidy(seconds), unit: 's' };
}

/** The policy form's values. */
export interface PolicyFormValues {
  name: string;
  description?: string;
  metric: string;
  /** Name of the node, workload or pod to watch; empty = every one. */
  target?: string;
  condition: Condition;
  /** In the metric's form unit (percent, cores, MiB, ...). */
  threshold: number;
  durationValue: number;
  durationUnit: DurationUnit;
  severity: Severity;
  webhook?: string;
  enabled: boolean;
}

export const EMPTY_FORM: Omit<PolicyFormValues, 'metric'> = {
  name: '',
  condition: '>',
  threshold: 80,
  durationValue: 1,
  durationUnit: 'm',
  severity: 'warning',
  enabled: true,
};

/** A policy → the form's values. */
export function policyToForm(p: AlertPolicy): PolicyFormValues {
  const { unit } = alertMetric(p.metric);
  const label = TARGET_LABEL[levelOf(p.metric)];
  const d = splitDuration(durationSeconds(p.duration) ?? 0);
  return {
    name: p.name,
    ...(p.description ? { description: p.description } : {}),
    metric: p.metric,
    ...(label && p.match?.[label] ? { target: p.match[label] } : {}),
    condition: p.condition,
    threshold: toFormThreshold(p.threshold, unit),
    durationValue: d.value,
    durationUnit: d.unit,
    severity: p.severity,
    ...(p.webhook ? { webhook: p.webhook } : {}),
    enabled: !p.disabled,
  };
}

/**
 * The form's values → the policy body the API takes. `base` is the policy being edited: match labels the
 * form does not show (set through the API) are kept; the target label is replaced.
 */
export function formToPolicy(v: PolicyFormValues, base?: AlertPolicy): AlertPolicy {
  const { unit } = alertMetric(v.metric);
  const label = TARGET_LABEL[levelOf(v.metric)];
  const match: Record<string, string> = { ...(base?.match ?? {}) };
  for (const l of Object.values(TARGET_LABEL)) if (l) delete match[l];
  const target = v.target?.trim();
  if (label && target) match[label] = target;
  const webhook = v.webhook?.trim();
  const description = v.description?.trim();
  return {
    name: v.name.trim(),
    metric: v.metric,
    ...(Object.keys(match).length ? { match } : {}),
    condition: v.condition,
    threshold: fromFormThreshold(v.threshold, unit),
    duration: v.durationValue ? `${tidy(v.durationValue)}${v.durationUnit}` : '0s',
    severity: v.severity,
    ...(webhook ? { webhook } : {}),
    ...(description ? { description } : {}),
    ...(v.enabled ? {} : { disabled: true }),
  };
}

/** The policy without what the server adds (status, createdAt, namespace), as the JSON view shows it. */
export function policyBody(p: ShownPolicy): AlertPolicy {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { status, createdAt, namespace, ...body } = p;
  return body;
}
