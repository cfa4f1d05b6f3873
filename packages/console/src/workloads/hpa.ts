/**
 * @module workloads/hpa
 * The Deployment's HorizontalPodAutoscaler (KubeSphere's "Horizontal Pod Autoscaling"): an
 * `autoscaling/v2` HPA named after the Deployment, scaling it by CPU utilization and/or average memory;
 * the Deployment carries `kubesphere.io/relatedHPA=<name>`. Pure: form ↔ object, targets vs current.
 */
import type { KubeObject } from '@sphere/shared';

/** Annotation on the workload naming its HPA. */
export const RELATED_HPA = 'kubesphere.io/relatedHPA';

/** What the HPA dialog edits. */
export interface HpaForm {
  minReplicas: number;
  maxReplicas: number;
  /** Target average CPU utilization in percent of the requests; absent = not scaled by CPU. */
  cpuUtilization?: number;
  /** Target average memory per pod as a quantity (`200Mi`); absent = not scaled by memory. */
  memoryAverageValue?: string;
}

interface MetricSpec {
  type: string;
  resource?: {
    name: string;
    target?: { type: string; averageUtilization?: number; averageValue?: string };
    current?: { averageUtilization?: number; averageValue?: string };
  };
}

type Any = Record<string, unknown>;

/** KubeSphere's defaults for a new HPA. */
export const DEFAULT_HPA_FORM: HpaForm = { minReplicas: 1, maxReplicas: 10, cpuUtilization: 50 };

const QUANTITY = /^[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/;

/** i18n keys of the problems with a form (empty when valid). */
export function validateHpaForm(f: HpaForm): string[] {
  const out: string[] = [];
  if (!Number.isInteger(f.minReplicas) || f.minReplicas < 1) out.push('HPA_MIN_INVALID');
  if (!Number.isInteger(f.maxReplicas) || f.maxReplicas < Math.max(1, f.minReplicas))
    out.push('HPA_MAX_INVALID');
  if (f.cpuUtilization !== undefined && (!Number.isInteger(f.cpuUtilization) || f.cpuUtilization < 1))
    out.push('HPA_CPU_INVALID');
  if (f.memoryAverageValue !== undefined && !QUANTITY.test(f.memoryAverageValue))
    out.push('HPA_MEMORY_INVALID');
  if (f.cpuUtilization === undefined && f.memoryAverageValue === undefined) out.push('HPA_METRIC_REQUIRED');
  return out;
}

/** The metrics list of a form. */
export function hpaMetricSpecs(f: HpaForm): MetricSpec[] {
  const out: MetricSpec[] = [];
  if (f.cpuUtilization !== undefined)
    out.push({
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: f.cpuUtilization } },
    });
  if (f.memoryAverageValue !== undefined)
    out.push({
      type: 'Resource',
      resource: { name: 'memory', target: { type: 'AverageValue', averageValue: f.memoryAverageValue } },
    });
  return out;
}

/**
 * The HPA for a workload. With `existing`, its metadata (resourceVersion) and any spec fields the form
 * does not show (behavior) are kept, so the result can be PUT.
 */
export function hpaObject(workload: KubeObject, f: HpaForm, existing?: KubeObject): KubeObject {
  const name = workload.metadata.name ?? '';
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: existing
      ? structuredClone(existing.metadata)
      : { name, namespace: workload.metadata.namespace, labels: { ...(workload.metadata.labels ?? {}) } },
    spec: {
      ...((existing?.spec as Any | undefined) ?? {}),
      scaleTargetRef: {
        apiVersion: workload.apiVersion ?? 'apps/v1',
        kind: workload.kind ?? 'Deployment',
        name,
      },
      minReplicas: f.minReplicas,
      maxReplicas: f.maxReplicas,
      metrics: hpaMetricSpecs(f),
    },
  };
}

/** The form an existing HPA shows (defaults for none). */
export function hpaForm(hpa: KubeObject | undefined): HpaForm {
  if (!hpa) return { ...DEFAULT_HPA_FORM };
  const spec = (hpa.spec ?? {}) as { minReplicas?: number; maxReplicas?: number; metrics?: MetricSpec[] };
  const metric = (name: string) =>
    spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === name);
  return {
    minReplicas: spec.minReplicas ?? 1,
    maxReplicas: spec.maxReplicas ?? 1,
    cpuUtilization: metric('cpu')?.resource?.target?.averageUtilization,
    memoryAverageValue: metric('memory')?.resource?.target?.averageValue,
  };
}

/** Plain byte counts (the controller reports `13600617`) as Mi; quantities with a suffix unchanged. */
export function readableBytes(v: string): string {
  if (!/^\d+$/.test(v)) return v;
  const mi = Number(v) / 1024 / 1024;
  return `${mi >= 10 ? Math.round(mi) : Number(mi.toFixed(1))}Mi`;
}

/** One row of the HPA card: a metric's target and its current value from the HPA's status. */
export interface HpaMetricRow {
  resource: 'cpu' | 'memory';
  target: string;
  current: string;
}

/** Targets vs current values (`50%` / `30%`, `200Mi` / `120Mi`); `-` when not measured yet. */
export function hpaMetricRows(hpa: KubeObject): HpaMetricRow[] {
  const spec = (hpa.spec ?? {}) as { metrics?: MetricSpec[] };
  const current = (
    (hpa.status as { currentMetrics?: MetricSpec[] } | undefined)?.currentMetrics ?? []
  ).filter((m) => m.type === 'Resource');
  const rows: HpaMetricRow[] = [];
  for (const m of spec.metrics ?? []) {
    const name = m.resource?.name;
    if (m.type !== 'Resource' || (name !== 'cpu' && name !== 'memory')) continue;
    const target = m.resource?.target ?? { type: '' };
    const cur = current.find((c) => c.resource?.name === name)?.resource?.current;
    const utilization = target.type === 'Utilization';
    rows.push({
      resource: name,
      target: utilization ? `${target.averageUtilization ?? '-'}%` : String(target.averageValue ?? '-'),
      current: utilization
        ? cur?.averageUtilization !== undefined
          ? `${cur.averageUtilization}%`
          : '-'
        : cur?.averageValue !== undefined
          ? readableBytes(cur.averageValue)
          : '-',
    });
  }
  return rows;
}

/** Replica figures of the HPA card. */
export function hpaReplicas(hpa: KubeObject): {
  min: number;
  max: number;
  current: number;
  desired: number;
} {
  const spec = (hpa.spec ?? {}) as { minReplicas?: number; maxReplicas?: number };
  const status = (hpa.status ?? {}) as { currentReplicas?: number; desiredReplicas?: number };
  return {
    min: spec.minReplicas ?? 1,
    max: spec.maxReplicas ?? 1,
    current: status.currentReplicas ?? 0,
    desired: status.desiredReplicas ?? 0,
  };
}

/** Name of the HPA bound to a workload (annotation), if any. */
export function relatedHpaName(workload: KubeObject): string | undefined {
  return workload.metadata.annotations?.[RELATED_HPA] || undefined;
}

/** Merge patch binding (`name`) or unbinding (`null`) a workload's HPA annotation. */
export function relatedHpaPatch(name: string | null): unknown {
  return { metadata: { annotations: { [RELATED_HPA]: name } } };
}
