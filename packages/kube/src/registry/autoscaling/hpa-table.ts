/**
 * @module registry/autoscaling/hpa-table
 * The columns `kubectl get hpa` shows, computed from the autoscaling/v2 form of an object.
 */
import { canonicalizeQuantity, type KubeObject } from '@sphere/shared';
import { ageCell, ageColumn, column, get, intCell, isObj, nameColumn, type Obj } from '../apps/support';
import type { TableSpec } from '../types';

function quantity(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '<unknown>';
  try {
    return canonicalizeQuantity(v);
  } catch {
    return String(v);
  }
}

function formatMetric(spec: Obj, status: Obj | undefined): string {
  switch (spec.type) {
    case 'External':
    case 'Object': {
      const key = spec.type === 'External' ? 'external' : 'object';
      const target = get<Obj>(spec, key, 'target') ?? {};
      const current = get<Obj>(status, key, 'current');
      if (target.averageValue !== undefined) {
        const now = current?.averageValue !== undefined ? quantity(current.averageValue) : '<unknown>';
        return `${now}/${quantity(target.averageValue)} (avg)`;
      }
      const now = current ? quantity(current.value) : '<unknown>';
      return `${now}/${quantity(target.value)}`;
    }
    case 'Pods': {
      const current = get<Obj>(status, 'pods', 'current');
      return `${current ? quantity(current.averageValue) : '<unknown>'}/${quantity(get(spec, 'pods', 'target', 'averageValue'))}`;
    }
    case 'Resource':
    case 'ContainerResource': {
      const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
      const name = String(get(spec, key, 'name') ?? '');
      const target = get<Obj>(spec, key, 'target') ?? {};
      const current = get<Obj>(status, key, 'current');
      if (target.averageValue !== undefined) {
        return `${name}: ${current ? quantity(current.averageValue) : '<unknown>'}/${quantity(target.averageValue)}`;
      }
      const now =
        typeof current?.averageUtilization === 'number' ? `${current.averageUtilization}%` : '<unknown>';
      const goal = typeof target.averageUtilization === 'number' ? `${target.averageUtilization}%` : '<auto>';
      return `${name}: ${now}/${goal}`;
    }
    default:
      return '<unknown type>';
  }
}

/** The Targets column of a v2 object: at most two metrics, then `+ N more...`. */
export function formatHpaTargets(obj: KubeObject): string {
  const specs = (get<unknown[]>(obj, 'spec', 'metrics') ?? []).filter(isObj);
  if (specs.length === 0) return '<none>';
  const statuses = get<unknown[]>(obj, 'status', 'currentMetrics') ?? [];
  const list = specs.map((m, i) => formatMetric(m, isObj(statuses[i]) ? statuses[i] : undefined));
  const shown = list.slice(0, 2).join(', ');
  return list.length > 2 ? `${shown} + ${list.length - 2} more...` : shown;
}

/** Columns of `kubectl get hpa`; v1 objects are shown through their v2 form, as the apiserver does. */
export function hpaTable(toV2: (obj: KubeObject) => KubeObject): TableSpec {
  return {
    columns: [
      nameColumn,
      column(
        'Reference',
        'string',
        'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.',
      ),
      column(
        'Targets',
        'string',
        'metrics contains the specifications for which to use to calculate the desired replica count.',
      ),
      column(
        'MinPods',
        'string',
        'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.',
      ),
      column(
        'MaxPods',
        'string',
        'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up.',
      ),
      column(
        'Replicas',
        'string',
        'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.',
      ),
      ageColumn,
    ],
    cells(input, now) {
      const obj = toV2(input);
      const spec = (obj.spec ?? {}) as Obj;
      const ref = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
      return [
        obj.metadata.name ?? '',
        `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`,
        formatHpaTargets(obj),
        typeof spec.minReplicas === 'number' ? String(spec.minReplicas) : '<unset>',
        intCell(spec.maxReplicas),
        intCell(get(obj, 'status', 'currentReplicas')),
        ageCell(obj, now),
      ];
    },
  };
}
