/**
 * @module registry/policy/poddisruptionbudgets
 * policy/v1 PodDisruptionBudget: validation (minAvailable xor maxUnavailable, int-or-percent values), the
 * status subresource the disruption controller writes, and the `kubectl get pdb` columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { validateLabelSelector } from '../validation';
import {
  ageCell,
  ageColumn,
  column,
  get,
  intCell,
  invalidRendered,
  isObj,
  nameColumn,
  type Obj,
} from '../apps/support';
import { validateIntOrPercent } from '../apps/workload-rules';
import type { ResourceDescriptor, StrategyContext } from '../types';

/** Validation of a PodDisruptionBudget. */
export function validatePodDisruptionBudget(
  obj: KubeObject,
  _old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') {
    const status = (isObj(obj.status) ? obj.status : {}) as Obj;
    return ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'].flatMap((k) =>
      typeof status[k] === 'number' && (status[k] as number) < 0
        ? [invalidRendered(`status.${k}`, String(status[k]), 'must be greater than or equal to 0')]
        : [],
    );
  }
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes: StatusCause[] = [];
  const hasMin = spec.minAvailable !== undefined && spec.minAvailable !== null;
  const hasMax = spec.maxUnavailable !== undefined && spec.maxUnavailable !== null;
  if (hasMin && hasMax) {
    causes.push(
      invalidRendered(
        'spec',
        'policy.PodDisruptionBudgetSpec{...}',
        'minAvailable and maxUnavailable cannot be both set',
      ),
    );
  }
  causes.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  causes.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  causes.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== null && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.unhealthyPodEvictionPolicy',
      message: `Unsupported value: "${String(policy)}": supported values: "AlwaysAllow", "IfHealthyBudget"`,
    });
  }
  return causes;
}

function intOrString(v: unknown): string {
  return v === undefined || v === null ? 'N/A' : String(v);
}

/** policy/v1 poddisruptionbudgets. */
export const poddisruptionbudgets: ResourceDescriptor = {
  group: 'policy',
  version: 'v1',
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  namespaced: true,
  shortNames: ['pdb'],
  schemaId: 'io.k8s.api.policy.v1.PodDisruptionBudget',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
  },
  validate: validatePodDisruptionBudget,
  table: {
    columns: [
      nameColumn,
      column('Min Available', 'string', 'The minimum number of pods that must be available.'),
      column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
      column(
        'Allowed Disruptions',
        'integer',
        'Calculated number of pods that may be disrupted at this time.',
      ),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      intOrString(get(obj, 'spec', 'minAvailable')),
      intOrString(get(obj, 'spec', 'maxUnavailable')),
      intCell(get(obj, 'status', 'disruptionsAllowed')),
      ageCell(obj, now),
    ],
  },
};
