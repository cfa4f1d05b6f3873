/**
 * @module registry/apps/replicasets
 * apps/v1 ReplicaSet: replicas default, selector/template validation, columns and the scale subresource.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { defaultPodTemplate, validatePodTemplate } from './pod-template';
import {
  ageCell,
  ageColumn,
  column,
  containerCells,
  containersColumn,
  defaultField,
  get,
  goLabelSelector,
  imagesColumn,
  immutableField,
  intCell,
  nameColumn,
  nonNegative,
  selectorCell,
  selectorColumn,
  specOf,
  validateSelectorMatchesTemplate,
  type Obj,
} from './support';
import { validateWorkloadStatus } from './workload-rules';

/** apps/v1 defaulting of a ReplicaSet. */
export function defaultReplicaSet(obj: KubeObject): void {
  const spec = specOf(obj);
  defaultField(spec, 'replicas', 1);
  defaultPodTemplate(spec);
}

/** Validation of a ReplicaSet (create and update). */
export function validateReplicaSet(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') {
    return validateWorkloadStatus(obj, [
      'replicas',
      'fullyLabeledReplicas',
      'readyReplicas',
      'availableReplicas',
    ]);
  }
  const spec = (obj.spec ?? {}) as Obj;
  const causes: StatusCause[] = [
    ...nonNegative(spec.replicas, 'spec.replicas'),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    // Upstream's ReplicaSet validation reuses the Deployment wording for an empty selector.
    ...validateSelectorMatchesTemplate(spec, 'deployment'),
    ...validatePodTemplate(spec.template, 'spec.template', {
      restart: ['Always'],
      activeDeadlineForbidden: 'activeDeadlineSeconds in ReplicaSet is not Supported',
    }),
  ];
  if (old) {
    causes.push(
      ...immutableField(spec.selector, get(old, 'spec', 'selector'), 'spec.selector', (v) =>
        goLabelSelector(v as never),
      ),
    );
  }
  return causes;
}

/** apps/v1 replicasets. */
export const replicasets: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  schemaId: 'io.k8s.api.apps.v1.ReplicaSet',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  scale: {
    specReplicasPath: 'spec.replicas',
    statusReplicasPath: 'status.replicas',
    labelSelectorPath: 'spec.selector',
  },
  fieldSelectors: {
    'status.replicas': (obj) => String(intCell(get(obj, 'status', 'replicas'))),
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  defaults: defaultReplicaSet,
  validate: validateReplicaSet,
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'Replicas is the number of desired pods.'),
      column('Current', 'integer', 'Replicas is the most recently observed number of non-terminating pods.'),
      column(
        'Ready',
        'integer',
        'The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.',
      ),
      ageColumn,
      containersColumn,
      imagesColumn,
      selectorColumn,
    ],
    cells(obj, now) {
      const spec = (obj.spec ?? {}) as Obj;
      const status = (obj.status ?? {}) as Obj;
      const [names, images] = containerCells(get(spec, 'template', 'spec'));
      return [
        obj.metadata.name ?? '',
        intCell(spec.replicas),
        intCell(status.replicas),
        intCell(status.readyReplicas),
        ageCell(obj, now),
        names,
        images,
        selectorCell(spec.selector),
      ];
    },
  },
};
