/**
 * @module registry/scheduling/priorityclasses
 * scheduling.k8s.io/v1 PriorityClass (cluster-scoped): the value is fixed once created, `system-` names
 * are reserved, user classes stay at or below one billion.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  column,
  defaultField,
  immutableField,
  invalidRendered,
  nameColumn,
} from '../apps/support';
import type { ResourceDescriptor } from '../types';

/** The largest value a user-defined class may have. */
export const highestUserDefinablePriority = 1_000_000_000;
/** The classes Kubernetes itself defines (the only ones allowed the `system-` prefix). */
export const systemPriorityClasses: Record<string, number> = {
  'system-node-critical': 2_000_001_000,
  'system-cluster-critical': 2_000_000_000,
};

/** scheduling/v1 defaulting. */
export function defaultPriorityClass(obj: KubeObject): void {
  defaultField(obj as Record<string, unknown>, 'preemptionPolicy', 'PreemptLowerPriority');
}

/** Validation of a PriorityClass. */
export function validatePriorityClass(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = obj.metadata.name ?? '';
  const value = obj.value;
  const system = systemPriorityClasses[name];
  if (system !== undefined) {
    if (value !== system) {
      causes.push(
        invalidRendered(
          'metadata.name',
          JSON.stringify(name),
          `name '${name}' is a system priority class name and its value must be ${system}`,
        ),
      );
    }
  } else if (name.startsWith('system-')) {
    causes.push(
      invalidRendered(
        'metadata.name',
        JSON.stringify(name),
        "priority class names with 'system-' prefix are reserved for system use only",
      ),
    );
  } else if (typeof value === 'number' && value > highestUserDefinablePriority) {
    causes.push({
      reason: 'FieldValueForbidden',
      field: 'value',
      message: `Forbidden: maximum allowed value of a user defined priority is ${highestUserDefinablePriority}`,
    });
  }
  if (typeof value !== 'number')
    causes.push({ reason: 'FieldValueRequired', field: 'value', message: 'Required value' });
  const policy = obj.preemptionPolicy;
  if (policy !== undefined && policy !== 'PreemptLowerPriority' && policy !== 'Never') {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'preemptionPolicy',
      message: `Unsupported value: "${String(policy)}": supported values: "Never", "PreemptLowerPriority"`,
    });
  }
  if (old) {
    if (obj.value !== old.value) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'value',
        message: 'Forbidden: may not be changed in an update.',
      });
    }
    causes.push(...immutableField(obj.preemptionPolicy, old.preemptionPolicy, 'preemptionPolicy'));
  }
  return causes;
}

/** scheduling.k8s.io/v1 priorityclasses. */
export const priorityclasses: ResourceDescriptor = {
  group: 'scheduling.k8s.io',
  version: 'v1',
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  namespaced: false,
  shortNames: ['pc'],
  schemaId: 'io.k8s.api.scheduling.v1.PriorityClass',
  strategicMerge: true,
  defaults: defaultPriorityClass,
  validate: (obj, old) => validatePriorityClass(obj, old),
  table: {
    columns: [
      nameColumn,
      column('Value', 'integer', 'value represents the integer value of this priority class.'),
      column(
        'Global-Default',
        'boolean',
        'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class.',
      ),
      ageColumn,
      column(
        'PreemptionPolicy',
        'string',
        'preemptionPolicy is the Policy for preempting pods with lower priority.',
      ),
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      typeof obj.value === 'number' ? obj.value : 0,
      obj.globalDefault === true,
      ageCell(obj, now),
      typeof obj.preemptionPolicy === 'string' ? obj.preemptionPolicy : '',
    ],
  },
};
