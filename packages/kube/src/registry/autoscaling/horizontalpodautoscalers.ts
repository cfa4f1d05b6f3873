/**
 * @module registry/autoscaling/horizontalpodautoscalers
 * HorizontalPodAutoscalers served as autoscaling/v2 (stored) and autoscaling/v1 (converted), with v2's
 * defaults (minReplicas 1, 80% CPU when no metric is given, behavior rules), validation and the columns
 * `kubectl get hpa` shows.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { defaultField, invalidRendered, isObj, specOf, type Obj } from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { validateHpaBehavior } from './hpa-behavior';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa-convert';
import { hpaTable } from './hpa-table';

export { formatHpaTargets } from './hpa-table';

const defaultCpuUtilization = 80;

function scaleUpDefaults(): Obj {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

function scaleDownDefaults(): Obj {
  return {
    stabilizationWindowSeconds: 300,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  };
}

function fillRules(behavior: Obj, key: 'scaleUp' | 'scaleDown'): void {
  const defaults = key === 'scaleUp' ? scaleUpDefaults() : scaleDownDefaults();
  const rules = behavior[key];
  if (!isObj(rules)) {
    behavior[key] = defaults;
    return;
  }
  for (const [field, value] of Object.entries(defaults)) defaultField(rules, field, value);
}

/** autoscaling/v2 defaulting (`SetDefaults_HorizontalPodAutoscaler`). */
export function defaultHpaV2(obj: KubeObject): void {
  const spec = specOf(obj);
  defaultField(spec, 'minReplicas', 1);
  if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
    spec.metrics = [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: defaultCpuUtilization } },
      },
    ];
  }
  // Behavior defaults apply only when the user wrote a behavior section (as upstream).
  if (isObj(spec.behavior)) {
    fillRules(spec.behavior, 'scaleUp');
    fillRules(spec.behavior, 'scaleDown');
  }
}

function validateReplicaBounds(spec: Obj): StatusCause[] {
  const causes: StatusCause[] = [];
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === 'number' && min < 1) {
    causes.push(invalidRendered('spec.minReplicas', String(min), 'must be greater than or equal to 1'));
  }
  if (typeof max !== 'number' || max < 1) {
    causes.push(invalidRendered('spec.maxReplicas', String(max ?? 0), 'must be greater than 0'));
  } else if (typeof min === 'number' && max < min) {
    causes.push(
      invalidRendered('spec.maxReplicas', String(max), 'must be greater than or equal to `minReplicas`'),
    );
  }
  const ref = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (!ref.kind)
    causes.push({
      reason: 'FieldValueRequired',
      field: 'spec.scaleTargetRef.kind',
      message: 'Required value',
    });
  if (!ref.name)
    causes.push({
      reason: 'FieldValueRequired',
      field: 'spec.scaleTargetRef.name',
      message: 'Required value',
    });
  return causes;
}

const metricTypes = ['Object', 'Pods', 'Resource', 'ContainerResource', 'External'];
const sourceField: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

function validateTarget(target: unknown, path: string, resourceLike: boolean): StatusCause[] {
  if (!isObj(target))
    return [
      { reason: 'FieldValueRequired', field: path, message: 'Required value: must specify a metric target' },
    ];
  const causes: StatusCause[] = [];
  const type = target.type;
  if (!['Utilization', 'Value', 'AverageValue'].includes(String(type))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: `${path}.type`,
      message: `Unsupported value: "${String(type ?? '')}": supported values: "Utilization", "Value", "AverageValue"`,
    });
  }
  const utilization = target.averageUtilization;
  if (type === 'Utilization') {
    if (!resourceLike)
      causes.push(invalidRendered(`${path}.type`, '"Utilization"', 'must be either Value or AverageValue'));
    if (typeof utilization !== 'number') {
      causes.push({
        reason: 'FieldValueRequired',
        field: `${path}.averageUtilization`,
        message: 'Required value: must set averageUtilization when type is Utilization',
      });
    }
  }
  if (typeof utilization === 'number' && utilization < 1) {
    causes.push(invalidRendered(`${path}.averageUtilization`, String(utilization), 'must be greater than 0'));
  }
  return causes;
}

function validateMetrics(spec: Obj): StatusCause[] {
  const metrics = Array.isArray(spec.metrics) ? spec.metrics : [];
  return metrics.flatMap((metric, i) => {
    const path = `spec.metrics[${i}]`;
    if (!isObj(metric))
      return [{ reason: 'FieldValueRequired', field: `${path}.type`, message: 'Required value' }];
    const type = String(metric.type ?? '');
    if (!metricTypes.includes(type)) {
      return [
        {
          reason: 'FieldValueNotSupported',
          field: `${path}.type`,
          message: `Unsupported value: "${type}": supported values: ${metricTypes.map((t) => `"${t}"`).join(', ')}`,
        },
      ];
    }
    const key = sourceField[type];
    const source = metric[key];
    if (!isObj(source)) {
      return [
        {
          reason: 'FieldValueRequired',
          field: `${path}.${key}`,
          message: `Required value: must populate information for the given metric source`,
        },
      ];
    }
    const resourceLike = type === 'Resource' || type === 'ContainerResource';
    const causes: StatusCause[] = [];
    if (resourceLike && !source.name)
      causes.push({
        reason: 'FieldValueRequired',
        field: `${path}.${key}.name`,
        message: 'Required value: must specify a resource name',
      });
    causes.push(...validateTarget(source.target, `${path}.${key}.target`, resourceLike));
    return causes;
  });
}

/** Validation of an autoscaling/v2 HPA. */
export function validateHpaV2(
  obj: KubeObject,
  _old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as Obj;
  return [...validateReplicaBounds(spec), ...validateMetrics(spec), ...validateHpaBehavior(spec.behavior)];
}

/** Validation of an autoscaling/v1 HPA (its own fields; the rest is shared with v2). */
export function validateHpaV1(
  obj: KubeObject,
  _old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as Obj;
  const causes = validateReplicaBounds(spec);
  const target = spec.targetCPUUtilizationPercentage;
  if (typeof target === 'number' && target < 1) {
    causes.push(
      invalidRendered('spec.targetCPUUtilizationPercentage', String(target), 'must be greater than 0'),
    );
  }
  return causes;
}

const common = {
  group: 'autoscaling',
  kind: 'HorizontalPodAutoscaler',
  plural: 'horizontalpodautoscalers',
  singular: 'horizontalpodautoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  storageKey: 'autoscaling/horizontalpodautoscalers',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
} as const;

/** autoscaling/v2 horizontalpodautoscalers (the storage version). */
export const horizontalPodAutoscalersV2: ResourceDescriptor = {
  ...common,
  shortNames: [...common.shortNames],
  categories: [...common.categories],
  version: 'v2',
  storageVersion: true,
  schemaId: 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler',
  prepareForCreate(obj) {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  defaults: defaultHpaV2,
  validate: validateHpaV2,
  table: hpaTable((obj) => obj),
};

/** autoscaling/v1 horizontalpodautoscalers, converted to and from v2 for storage. */
export const horizontalPodAutoscalersV1: ResourceDescriptor = {
  ...common,
  shortNames: [...common.shortNames],
  categories: [...common.categories],
  version: 'v1',
  storageVersion: false,
  schemaId: 'io.k8s.api.autoscaling.v1.HorizontalPodAutoscaler',
  toStorage(obj) {
    const v2 = hpaV1ToV2(obj);
    // The stored (v2) form gets v2's defaults, so a v1 object without a CPU target reads back as 80%.
    defaultHpaV2(v2);
    return v2;
  },
  fromStorage: hpaV2ToV1,
  prepareForCreate(obj) {
    obj.status = { currentReplicas: 0, desiredReplicas: 0 };
  },
  defaults(obj) {
    defaultField(specOf(obj), 'minReplicas', 1);
  },
  validate: validateHpaV1,
  table: hpaTable(hpaV1ToV2),
};
