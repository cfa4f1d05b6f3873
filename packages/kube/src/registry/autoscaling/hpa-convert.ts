/**
 * @module registry/autoscaling/hpa-convert
 * Conversion between autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers. v2 is stored; v1 can only
 * say "target CPU utilization", so (as kube-apiserver does) everything else a v2 object holds travels in
 * annotations on the v1 object and comes back when the object is converted to v2 again.
 */
import type { KubeObject } from '@sphere/shared';
import { cloneJson, isObj, type Obj } from '../apps/support';

export const metricsAnnotation = 'autoscaling.alpha.kubernetes.io/metrics';
export const currentMetricsAnnotation = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const conditionsAnnotation = 'autoscaling.alpha.kubernetes.io/conditions';
export const behaviorAnnotation = 'autoscaling.alpha.kubernetes.io/behavior';

const conversionAnnotations = [
  metricsAnnotation,
  currentMetricsAnnotation,
  conditionsAnnotation,
  behaviorAnnotation,
];

function isCpuUtilizationSpec(metric: Obj): boolean {
  const resource = metric.resource;
  return (
    metric.type === 'Resource' &&
    isObj(resource) &&
    resource.name === 'cpu' &&
    isObj(resource.target) &&
    resource.target.type === 'Utilization' &&
    typeof resource.target.averageUtilization === 'number'
  );
}

function isCpuUtilizationStatus(metric: Obj): boolean {
  const resource = metric.resource;
  return (
    metric.type === 'Resource' &&
    isObj(resource) &&
    resource.name === 'cpu' &&
    isObj(resource.current) &&
    typeof resource.current.averageUtilization === 'number'
  );
}

function parseAnnotation(annotations: Record<string, string>, key: string): unknown {
  const raw = annotations[key];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** autoscaling/v2 → autoscaling/v1. */
export function hpaV2ToV1(obj: KubeObject): KubeObject {
  const out = cloneJson(obj);
  out.apiVersion = 'autoscaling/v1';
  out.kind = 'HorizontalPodAutoscaler';
  const spec = (isObj(out.spec) ? out.spec : {}) as Obj;
  const status = (isObj(out.status) ? out.status : undefined) as Obj | undefined;
  const annotations: Record<string, string> = { ...(out.metadata.annotations ?? {}) };

  const metrics = (Array.isArray(spec.metrics) ? spec.metrics : []).filter(isObj);
  const others: Obj[] = [];
  for (const metric of metrics) {
    if (spec.targetCPUUtilizationPercentage === undefined && isCpuUtilizationSpec(metric)) {
      spec.targetCPUUtilizationPercentage = (
        metric.resource as { target: { averageUtilization: number } }
      ).target.averageUtilization;
    } else {
      others.push(metric);
    }
  }
  if (others.length > 0) annotations[metricsAnnotation] = JSON.stringify(others);
  if (spec.behavior !== undefined && spec.behavior !== null)
    annotations[behaviorAnnotation] = JSON.stringify(spec.behavior);
  delete spec.metrics;
  delete spec.behavior;

  if (status) {
    const current = (Array.isArray(status.currentMetrics) ? status.currentMetrics : []).filter(isObj);
    const otherCurrent: Obj[] = [];
    for (const metric of current) {
      if (status.currentCPUUtilizationPercentage === undefined && isCpuUtilizationStatus(metric)) {
        status.currentCPUUtilizationPercentage = (
          metric.resource as { current: { averageUtilization: number } }
        ).current.averageUtilization;
      } else {
        otherCurrent.push(metric);
      }
    }
    if (otherCurrent.length > 0) annotations[currentMetricsAnnotation] = JSON.stringify(otherCurrent);
    if (Array.isArray(status.conditions) && status.conditions.length > 0) {
      annotations[conditionsAnnotation] = JSON.stringify(status.conditions);
    }
    delete status.currentMetrics;
    delete status.conditions;
    if (status.currentReplicas === undefined) status.currentReplicas = 0;
    if (status.desiredReplicas === undefined) status.desiredReplicas = 0;
  }
  setAnnotations(out, annotations);
  return out;
}

/** autoscaling/v1 → autoscaling/v2 (the conversion annotations are consumed and removed). */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const out = cloneJson(obj);
  out.apiVersion = 'autoscaling/v2';
  out.kind = 'HorizontalPodAutoscaler';
  const spec = (isObj(out.spec) ? out.spec : {}) as Obj;
  const annotations: Record<string, string> = { ...(out.metadata.annotations ?? {}) };

  const metrics: unknown[] = [];
  const others = parseAnnotation(annotations, metricsAnnotation);
  if (Array.isArray(others)) metrics.push(...others);
  if (typeof spec.targetCPUUtilizationPercentage === 'number') {
    metrics.push({
      type: 'Resource',
      resource: {
        name: 'cpu',
        target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage },
      },
    });
  }
  delete spec.targetCPUUtilizationPercentage;
  if (metrics.length > 0) spec.metrics = metrics;
  const behavior = parseAnnotation(annotations, behaviorAnnotation);
  if (isObj(behavior)) spec.behavior = behavior;

  if (isObj(out.status)) {
    const status = out.status;
    const current: unknown[] = [];
    const otherCurrent = parseAnnotation(annotations, currentMetricsAnnotation);
    if (Array.isArray(otherCurrent)) current.push(...otherCurrent);
    if (typeof status.currentCPUUtilizationPercentage === 'number') {
      current.push({
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } },
      });
    }
    delete status.currentCPUUtilizationPercentage;
    if (current.length > 0) status.currentMetrics = current;
    const conditions = parseAnnotation(annotations, conditionsAnnotation);
    if (Array.isArray(conditions)) status.conditions = conditions;
  }
  for (const key of conversionAnnotations) delete annotations[key];
  setAnnotations(out, annotations);
  return out;
}

function setAnnotations(obj: KubeObject, annotations: Record<string, string>): void {
  if (Object.keys(annotations).length > 0) obj.metadata.annotations = annotations;
  else delete obj.metadata.annotations;
}
