/**
 * @module registry/apps/deployments
 * apps/v1 Deployment: defaults (replicas, RollingUpdate 25%/25%, history and progress deadline, pod
 * template), validation with kube-apiserver's messages, the `kubectl get` columns and the scale subresource.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { defaultPodTemplate, validatePodTemplate } from './pod-template';
import {
  ageCell,
  ageColumn,
  child,
  column,
  containerCells,
  containersColumn,
  defaultField,
  get,
  goLabelSelector,
  imagesColumn,
  immutableField,
  intCell,
  invalidRendered,
  isObj,
  nameColumn,
  nonNegative,
  selectorCell,
  selectorColumn,
  specOf,
  validateSelectorMatchesTemplate,
  type Obj,
} from './support';
import {
  goIntOrString,
  intOrPercentIsZero,
  notMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateWorkloadStatus,
} from './workload-rules';

/** apps/v1 defaulting of a Deployment (`SetDefaults_Deployment` plus the pod template). */
export function defaultDeployment(obj: KubeObject): void {
  const spec = specOf(obj);
  defaultField(spec, 'replicas', 1);
  const strategy = child(spec, 'strategy');
  defaultField(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = child(strategy, 'rollingUpdate');
    defaultField(rolling, 'maxUnavailable', '25%');
    defaultField(rolling, 'maxSurge', '25%');
  }
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultField(spec, 'progressDeadlineSeconds', 600);
  defaultPodTemplate(spec);
}

function validateStrategy(spec: Obj): StatusCause[] {
  const strategy = spec.strategy;
  if (!isObj(strategy)) return [];
  const causes: StatusCause[] = [];
  const type = strategy.type;
  const rolling = strategy.rollingUpdate;
  if (type === 'Recreate') {
    if (rolling !== undefined && rolling !== null) {
      causes.push({
        reason: 'FieldValueForbidden',
        field: 'spec.strategy.rollingUpdate',
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      });
    }
  } else if (type === 'RollingUpdate') {
    if (!isObj(rolling)) {
      causes.push({
        reason: 'FieldValueRequired',
        field: 'spec.strategy.rollingUpdate',
        message: 'Required value: this should be defaulted and never be nil',
      });
    } else {
      const path = 'spec.strategy.rollingUpdate';
      causes.push(...validatePositiveIntOrPercent(rolling.maxUnavailable, `${path}.maxUnavailable`));
      causes.push(...validatePositiveIntOrPercent(rolling.maxSurge, `${path}.maxSurge`));
      if (intOrPercentIsZero(rolling.maxUnavailable) && intOrPercentIsZero(rolling.maxSurge)) {
        causes.push(
          invalidRendered(
            `${path}.maxUnavailable`,
            goIntOrString(rolling.maxUnavailable ?? 0),
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      }
      // Only maxUnavailable is capped: a surge may exceed 100%.
      causes.push(...notMoreThan100Percent(rolling.maxUnavailable, `${path}.maxUnavailable`));
    }
  } else {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.strategy.type',
      message: `Unsupported value: "${String(type ?? '')}": supported values: "Recreate", "RollingUpdate"`,
    });
  }
  return causes;
}

/** Validation of a Deployment (create and update). */
export function validateDeployment(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status')
    return validateWorkloadStatus(obj, [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
    ]);
  const spec = (obj.spec ?? {}) as Obj;
  const causes: StatusCause[] = [];
  causes.push(...nonNegative(spec.replicas, 'spec.replicas'));
  causes.push(...validateSelectorMatchesTemplate(spec, 'deployment'));
  causes.push(
    ...validatePodTemplate(spec.template, 'spec.template', {
      restart: ['Always'],
      activeDeadlineForbidden: 'activeDeadlineSeconds in ReplicaSet is not Supported',
    }),
  );
  causes.push(...validateStrategy(spec));
  causes.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  causes.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline === 'number') {
    causes.push(...nonNegative(deadline, 'spec.progressDeadlineSeconds'));
    if (deadline <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      causes.push(
        invalidRendered(
          'spec.progressDeadlineSeconds',
          String(deadline),
          'must be greater than minReadySeconds',
        ),
      );
    }
  }
  if (old) {
    causes.push(
      ...immutableField(spec.selector, get(old, 'spec', 'selector'), 'spec.selector', (v) =>
        goLabelSelector(v as never),
      ),
    );
  }
  return causes;
}

/** apps/v1 deployments. */
export const deployments: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  schemaId: 'io.k8s.api.apps.v1.Deployment',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  scale: {
    specReplicasPath: 'spec.replicas',
    statusReplicasPath: 'status.replicas',
    labelSelectorPath: 'spec.selector',
  },
  prepareForCreate(obj) {
    obj.status = {};
  },
  defaults: defaultDeployment,
  validate: validateDeployment,
  table: {
    columns: [
      nameColumn,
      column('Ready', 'string', 'Number of the pod with ready state'),
      column(
        'Up-to-date',
        'string',
        'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
      ),
      column(
        'Available',
        'string',
        'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
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
      const selector = selectorCell(spec.selector);
      return [
        obj.metadata.name ?? '',
        `${intCell(status.readyReplicas)}/${intCell(spec.replicas)}`,
        intCell(status.updatedReplicas),
        intCell(status.availableReplicas),
        ageCell(obj, now),
        names,
        images,
        // Deployments print `selector.String()`, which is empty (not <none>) for an empty selector.
        selector === '<none>' ? '' : selector,
      ];
    },
  },
};
