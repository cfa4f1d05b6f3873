/**
 * @module registry/apps/statefulsets
 * apps/v1 StatefulSet: defaults (OrderedReady, RollingUpdate partition 0, PVC retention Retain/Retain,
 * claim template defaults), validation including upstream's rule that only some spec fields may change,
 * the `kubectl get` columns and the scale subresource.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { defaultPodTemplate, validatePodTemplate } from './pod-template';
import {
  ageCell,
  ageColumn,
  child,
  cloneJson,
  column,
  containerCells,
  containersColumn,
  deepEqual,
  defaultField,
  get,
  imagesColumn,
  intCell,
  invalidRendered,
  isObj,
  nameColumn,
  nonNegative,
  specOf,
  validateSelectorMatchesTemplate,
  type Obj,
} from './support';
import { validateWorkloadStatus } from './workload-rules';

/** Defaults of one volume claim template (a PersistentVolumeClaim embedded in the spec). */
function defaultClaimTemplate(claim: Obj): void {
  defaultField(claim, 'apiVersion', 'v1');
  defaultField(claim, 'kind', 'PersistentVolumeClaim');
  const spec = child(claim, 'spec');
  defaultField(spec, 'volumeMode', 'Filesystem');
  const status = child(claim, 'status');
  defaultField(status, 'phase', 'Pending');
}

/** apps/v1 defaulting of a StatefulSet (`SetDefaults_StatefulSet` plus the pod template). */
export function defaultStatefulSet(obj: KubeObject): void {
  const spec = specOf(obj);
  defaultField(spec, 'podManagementPolicy', 'OrderedReady');
  const strategy = child(spec, 'updateStrategy');
  defaultField(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = child(strategy, 'rollingUpdate');
    defaultField(rolling, 'partition', 0);
  }
  defaultField(spec, 'replicas', 1);
  defaultField(spec, 'revisionHistoryLimit', 10);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  defaultField(retention, 'whenDeleted', 'Retain');
  defaultField(retention, 'whenScaled', 'Retain');
  for (const claim of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (isObj(claim)) defaultClaimTemplate(claim);
  }
  defaultPodTemplate(spec);
}

/** Spec fields an update may change; everything else is frozen once created. */
const updatableSpecFields = [
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'revisionHistoryLimit',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
];

/** The Forbidden cause upstream returns for any other spec change (same wording as kube-apiserver 1.32). */
export const statefulSetSpecForbidden: StatusCause = {
  reason: 'FieldValueForbidden',
  field: 'spec',
  message:
    "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
};

function frozenPart(spec: Obj): Obj {
  const copy = cloneJson(spec);
  for (const key of updatableSpecFields) delete copy[key];
  return copy;
}

/** `%#v` of the internal RollingUpdateStatefulSetStrategy (partition is a plain int32 there). */
function goRollingUpdate(rolling: unknown): string {
  const partition = isObj(rolling) && typeof rolling.partition === 'number' ? rolling.partition : 0;
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${partition}, MaxUnavailable:(*intstr.IntOrString)(nil)}`;
}

/** `%#v` of the internal StatefulSetUpdateStrategy (its pointer member prints as an address, or nil). */
function goUpdateStrategy(strategy: Obj): string {
  const rolling = isObj(strategy.rollingUpdate)
    ? '(*apps.RollingUpdateStatefulSetStrategy)(...)'
    : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  return `apps.StatefulSetUpdateStrategy{Type:${JSON.stringify(String(strategy.type ?? ''))}, RollingUpdate:${rolling}}`;
}

function validateUpdateStrategy(spec: Obj): StatusCause[] {
  const strategy = spec.updateStrategy;
  if (!isObj(strategy)) return [];
  const causes: StatusCause[] = [];
  const rolling = strategy.rollingUpdate;
  switch (strategy.type) {
    case undefined:
    case '':
      causes.push({ reason: 'FieldValueRequired', field: 'spec.updateStrategy', message: 'Required value' });
      break;
    case 'OnDelete':
      if (rolling !== undefined && rolling !== null) {
        causes.push(
          invalidRendered(
            'spec.updateStrategy.rollingUpdate',
            goRollingUpdate(rolling),
            "only allowed for updateStrategy 'RollingUpdate'",
          ),
        );
      }
      break;
    case 'RollingUpdate':
      if (isObj(rolling))
        causes.push(...nonNegative(rolling.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      break;
    default:
      causes.push(
        invalidRendered(
          'spec.updateStrategy',
          goUpdateStrategy(strategy),
          "must be 'RollingUpdate' or 'OnDelete'",
        ),
      );
  }
  return causes;
}

function validateRetentionPolicy(spec: Obj): StatusCause[] {
  const policy = spec.persistentVolumeClaimRetentionPolicy;
  if (!isObj(policy)) return [];
  const causes: StatusCause[] = [];
  for (const key of ['whenDeleted', 'whenScaled']) {
    const v = policy[key];
    if (v !== undefined && v !== 'Retain' && v !== 'Delete') {
      causes.push({
        reason: 'FieldValueNotSupported',
        field: `spec.persistentVolumeClaimRetentionPolicy.${key}`,
        message: `Unsupported value: "${String(v)}": supported values: "Retain", "Delete"`,
      });
    }
  }
  return causes;
}

/** Validation of a StatefulSet (create and update). */
export function validateStatefulSet(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') {
    return validateWorkloadStatus(obj, [
      'replicas',
      'readyReplicas',
      'currentReplicas',
      'updatedReplicas',
      'availableReplicas',
    ]);
  }
  const spec = (obj.spec ?? {}) as Obj;
  const causes: StatusCause[] = [];
  const policy = spec.podManagementPolicy;
  if (policy === undefined || policy === '') {
    causes.push({
      reason: 'FieldValueRequired',
      field: 'spec.podManagementPolicy',
      message: 'Required value',
    });
  } else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    causes.push(
      invalidRendered(
        'spec.podManagementPolicy',
        JSON.stringify(policy),
        "must be 'OrderedReady' or 'Parallel'",
      ),
    );
  }
  causes.push(...validateUpdateStrategy(spec));
  causes.push(...validateRetentionPolicy(spec));
  causes.push(...nonNegative(spec.replicas, 'spec.replicas'));
  causes.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  causes.push(...nonNegative(get(spec, 'ordinals', 'start'), 'spec.ordinals.start'));
  causes.push(...validateSelectorMatchesTemplate(spec, 'statefulset'));
  causes.push(
    ...validatePodTemplate(spec.template, 'spec.template', {
      restart: ['Always'],
      activeDeadlineForbidden: 'activeDeadlineSeconds in StatefulSet is not Supported',
      extraVolumeNames: (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [])
        .map((c) => (isObj(c) && isObj(c.metadata) ? c.metadata.name : undefined))
        .filter((n): n is string => typeof n === 'string'),
    }),
  );
  if (old && !deepEqual(frozenPart(spec), frozenPart((old.spec ?? {}) as Obj))) {
    causes.push(statefulSetSpecForbidden);
  }
  return causes;
}

/** apps/v1 statefulsets. */
export const statefulsets: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  schemaId: 'io.k8s.api.apps.v1.StatefulSet',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  scale: {
    specReplicasPath: 'spec.replicas',
    statusReplicasPath: 'status.replicas',
    labelSelectorPath: 'spec.selector',
  },
  prepareForCreate(obj) {
    obj.status = { replicas: 0, availableReplicas: 0 };
  },
  defaults: defaultStatefulSet,
  validate: validateStatefulSet,
  table: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'Number of the pod with ready state'),
      ageColumn,
      containersColumn,
      imagesColumn,
    ],
    cells(obj, now) {
      const spec = (obj.spec ?? {}) as Obj;
      const [names, images] = containerCells(get(spec, 'template', 'spec'));
      return [
        obj.metadata.name ?? '',
        `${intCell(get(obj, 'status', 'readyReplicas'))}/${intCell(spec.replicas)}`,
        ageCell(obj, now),
        names,
        images,
      ];
    },
  },
};
