/**
 * @module controllers/system/hpa/plan
 * The HorizontalPodAutoscaler decision (pure), after upstream's algorithm: per metric, desired =
 * ceil(ready pods × current / target) unless within 10% tolerance; the largest proposal wins; scale-down
 * recommendations are stabilized over a window (300s by default); behavior policies limit each step;
 * the result is clamped to [minReplicas, maxReplicas]. Produces status, conditions and the event reason.
 */
import { formatQuantity, parseQuantity } from '@sphere/shared';
import { setCondition, ts, type Condition } from '../support';
import type { PodUsage } from './metrics';

export const tolerance = 0.1;

interface Policy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds?: number;
}

interface Rules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: Policy[];
}

export interface MetricSpec {
  type: string;
  resource?: { name: string; target: { type: string; averageUtilization?: number; averageValue?: string } };
}

export interface HpaSpec {
  scaleTargetRef: { apiVersion?: string; kind: string; name: string };
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: { scaleUp?: Rules; scaleDown?: Rules };
}

export interface Recommendation {
  at: number;
  replicas: number;
}

/** A pod's resource requests (sum over containers; undefined when any container lacks one). */
export interface PodRequests {
  pod: string;
  cpuMillis?: number;
  memoryBytes?: number;
}

export interface HpaInput {
  spec: HpaSpec;
  /** Status before this pass (conditions keep their transition times). */
  conditions?: Condition[];
  lastScaleTime?: string;
  currentReplicas: number;
  /** Ready running pods of the target with their requests. */
  pods: PodRequests[];
  usage: PodUsage[];
  /** Earlier recommendations (newest last) for stabilization. */
  history: Recommendation[];
  now: Date;
}

export interface HpaPlan {
  desiredReplicas: number;
  /** Set when the target must be rescaled. */
  rescaleReason?: string;
  recommendation?: Recommendation;
  currentMetrics: unknown[];
  conditions: Condition[];
}

const defaultMetrics: MetricSpec[] = [
  { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
];
const defaultScaleUp: Required<Rules> = {
  stabilizationWindowSeconds: 0,
  selectPolicy: 'Max',
  policies: [
    { type: 'Percent', value: 100, periodSeconds: 15 },
    { type: 'Pods', value: 4, periodSeconds: 15 },
  ],
};
const defaultScaleDown: Required<Rules> = {
  stabilizationWindowSeconds: 300,
  selectPolicy: 'Max',
  policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
};

interface Proposal {
  replicas: number;
  description: string;
  current: unknown;
}

function evaluate(metric: MetricSpec, input: HpaInput): Proposal | { error: string; reason: string } {
  const res = metric.resource;
  if (metric.type !== 'Resource' || !res || (res.name !== 'cpu' && res.name !== 'memory'))
    return {
      reason: 'InvalidMetricSourceType',
      error: `the HPA controller only supports cpu and memory resource metrics (got ${metric.type})`,
    };
  const field = res.name === 'cpu' ? 'cpuMillis' : 'memoryBytes';
  const usageByPod = new Map(input.usage.map((u) => [u.pod, u[field]]));
  const pods = input.pods.filter((p) => usageByPod.has(p.pod));
  if (pods.length === 0)
    return {
      reason: 'FailedGetResourceMetric',
      error: `failed to get ${res.name} utilization: no metrics returned from resource metrics API`,
    };
  const used = pods.reduce((n, p) => n + (usageByPod.get(p.pod) ?? 0), 0);
  const ready = pods.length;
  const format = (v: number) =>
    res.name === 'cpu' ? formatQuantity(v / 1000) : formatQuantity(v, 'BinarySI');
  if (res.target.type === 'Utilization') {
    const missing = pods.find((p) => p[field] === undefined || p[field] === 0);
    if (missing)
      return {
        reason: 'FailedGetResourceMetric',
        error: `failed to get ${res.name} utilization: missing request for ${res.name} in pod ${missing.pod}`,
      };
    const requested = pods.reduce((n, p) => n + (p[field] ?? 0), 0);
    const utilization = Math.round((used * 100) / requested);
    const target = res.target.averageUtilization ?? 80;
    const ratio = utilization / target;
    const replicas = Math.abs(ratio - 1) <= tolerance ? input.currentReplicas : Math.ceil(ratio * ready);
    return {
      replicas,
      description: `${res.name} resource utilization (percentage of request)`,
      current: {
        type: 'Resource',
        resource: {
          name: res.name,
          current: { averageUtilization: utilization, averageValue: format(used / ready) },
        },
      },
    };
  }
  const target = parseQuantity(res.target.averageValue ?? '0') * (res.name === 'cpu' ? 1000 : 1);
  const average = used / ready;
  const ratio = target > 0 ? average / target : 1;
  const replicas = Math.abs(ratio - 1) <= tolerance ? input.currentReplicas : Math.ceil(ratio * ready);
  return {
    replicas,
    description: `${res.name} resource`,
    current: { type: 'Resource', resource: { name: res.name, current: { averageValue: format(average) } } },
  };
}

/** Applies the behavior's rate limits to a step from `current` to `desired`. */
export function limitStep(current: number, desired: number, behavior: HpaSpec['behavior']): number {
  if (desired > current) {
    const rules = { ...defaultScaleUp, ...(behavior?.scaleUp ?? {}) };
    if (rules.selectPolicy === 'Disabled') return current;
    const limits = rules.policies.map((p) =>
      p.type === 'Pods' ? current + p.value : Math.ceil(current * (1 + p.value / 100)),
    );
    const limit = rules.selectPolicy === 'Min' ? Math.min(...limits) : Math.max(...limits);
    return Math.min(desired, limit);
  }
  if (desired < current) {
    const rules = { ...defaultScaleDown, ...(behavior?.scaleDown ?? {}) };
    if (rules.selectPolicy === 'Disabled') return current;
    const limits = rules.policies.map((p) =>
      p.type === 'Pods' ? current - p.value : Math.floor(current * (1 - p.value / 100)),
    );
    const limit = rules.selectPolicy === 'Min' ? Math.max(...limits) : Math.min(...limits);
    return Math.max(desired, limit);
  }
  return current;
}

export function planHpa(input: HpaInput): HpaPlan {
  const { spec, now, currentReplicas } = input;
  const nowText = ts(now);
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => ({
    type,
    status,
    reason,
    message,
    lastTransitionTime: nowText,
  });
  let conditions = input.conditions ?? [];
  const minReplicas = spec.minReplicas ?? 1;
  conditions = setCondition(
    conditions,
    cond(
      'AbleToScale',
      'True',
      'SucceededGetScale',
      "the HPA controller was able to get the target's current scale",
    ),
  );

  if (currentReplicas === 0 && minReplicas !== 0) {
    conditions = setCondition(
      conditions,
      cond(
        'ScalingActive',
        'False',
        'ScalingDisabled',
        'scaling is disabled since the replica count of the target is zero',
      ),
    );
    return { desiredReplicas: 0, currentMetrics: [], conditions };
  }

  const proposals: Proposal[] = [];
  let failure: { error: string; reason: string } | undefined;
  for (const metric of spec.metrics?.length ? spec.metrics : defaultMetrics) {
    const r = evaluate(metric, input);
    if ('error' in r) failure ??= r;
    else proposals.push(r);
  }
  if (proposals.length === 0) {
    conditions = setCondition(
      conditions,
      cond(
        'ScalingActive',
        'False',
        failure?.reason ?? 'FailedGetResourceMetric',
        `the HPA was unable to compute the replica count: ${failure?.error ?? 'no metrics'}`,
      ),
    );
    return { desiredReplicas: currentReplicas, currentMetrics: [], conditions };
  }
  const best = proposals.reduce((a, b) => (b.replicas > a.replicas ? b : a));
  conditions = setCondition(
    conditions,
    cond(
      'ScalingActive',
      'True',
      'ValidMetricFound',
      `the HPA was able to successfully calculate a replica count from ${best.description}`,
    ),
  );

  // Stabilization: scale down only as far as the highest recommendation within the window allows.
  const recommendation = { at: now.getTime(), replicas: best.replicas };
  const downWindow =
    (spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? defaultScaleDown.stabilizationWindowSeconds) *
    1000;
  const upWindow =
    (spec.behavior?.scaleUp?.stabilizationWindowSeconds ?? defaultScaleUp.stabilizationWindowSeconds) * 1000;
  const recent = (windowMs: number) =>
    [...input.history.filter((h) => h.at > now.getTime() - windowMs), recommendation].map((h) => h.replicas);
  let stabilized = best.replicas;
  let ableReason = ['ReadyForNewScale', 'recommended size matches current size'];
  if (best.replicas < currentReplicas) {
    stabilized = Math.min(currentReplicas, Math.max(...recent(downWindow)));
    if (stabilized > best.replicas)
      ableReason = [
        'ScaleDownStabilized',
        'recent recommendations were higher than current one, applying the highest recent recommendation',
      ];
  } else if (best.replicas > currentReplicas) {
    stabilized = Math.max(currentReplicas, Math.min(...recent(upWindow)));
  }
  // Rate limits and bounds together, reporting whichever binds (upstream's order of reasons).
  const stepped = limitStep(currentReplicas, stabilized, spec.behavior);
  let desired = Math.min(spec.maxReplicas, Math.max(minReplicas, stepped));
  let limited: [string, string] | undefined;
  if (stabilized > spec.maxReplicas && desired === spec.maxReplicas)
    limited = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
  else if (stepped < stabilized)
    limited = ['ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate'];
  else if (stabilized < minReplicas)
    limited = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
  else if (stepped > stabilized)
    limited = [
      'ScaleDownLimit',
      'the desired replica count is decreasing faster than the maximum scale rate',
    ];
  if (currentReplicas > spec.maxReplicas) desired = spec.maxReplicas;
  conditions = setCondition(
    conditions,
    limited
      ? cond('ScalingLimited', 'True', limited[0], limited[1])
      : cond(
          'ScalingLimited',
          'False',
          'DesiredWithinRange',
          'the desired count is within the acceptable range',
        ),
  );
  let rescaleReason: string | undefined;
  if (desired !== currentReplicas) {
    rescaleReason =
      desired > currentReplicas ? `${best.description} above target` : 'All metrics below target';
    ableReason = ['SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`];
  }
  conditions = setCondition(conditions, cond('AbleToScale', 'True', ableReason[0], ableReason[1]));
  // Keep upstream's condition order: AbleToScale, ScalingActive, ScalingLimited.
  const order = ['AbleToScale', 'ScalingActive', 'ScalingLimited'];
  conditions = [...conditions].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  return {
    desiredReplicas: desired,
    rescaleReason,
    recommendation,
    currentMetrics: proposals.map((p) => p.current),
    conditions,
  };
}
