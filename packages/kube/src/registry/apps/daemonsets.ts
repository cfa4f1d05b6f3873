/**
 * @module registry/apps/daemonsets
 * apps/v1 DaemonSet: RollingUpdate (maxUnavailable 1, maxSurge 0) defaults, validation and columns.
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
  labelsCell,
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
  validateIntOrPercent,
  validateWorkloadStatus,
} from './workload-rules';

/** apps/v1 defaulting of a DaemonSet. */
export function defaultDaemonSet(obj: KubeObject): void {
  const spec = specOf(obj);
  const strategy = child(spec, 'updateStrategy');
  defaultField(strategy, 'type', 'RollingUpdate');
  if (strategy.type === 'RollingUpdate') {
    const rolling = child(strategy, 'rollingUpdate');
    defaultField(rolling, 'maxUnavailable', 1);
    defaultField(rolling, 'maxSurge', 0);
  }
  defaultField(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec);
}

function validateUpdateStrategy(spec: Obj): StatusCause[] {
  const strategy = spec.updateStrategy;
  if (!isObj(strategy)) return [];
  const type = strategy.type;
  if (type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') {
    return [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.updateStrategy.type',
        message: `Unsupported value: "${String(type ?? '')}": supported values: "OnDelete", "RollingUpdate"`,
      },
    ];
  }
  const rolling = strategy.rollingUpdate;
  if (!isObj(rolling)) {
    return [
      { reason: 'FieldValueRequired', field: 'spec.updateStrategy.rollingUpdate', message: 'Required value' },
    ];
  }
  const path = 'spec.updateStrategy.rollingUpdate';
  const causes = [
    ...validateIntOrPercent(rolling.maxUnavailable, `${path}.maxUnavailable`),
    ...validateIntOrPercent(rolling.maxSurge, `${path}.maxSurge`),
  ];
  const hasUnavailable = !intOrPercentIsZero(rolling.maxUnavailable ?? 0);
  const hasSurge = !intOrPercentIsZero(rolling.maxSurge ?? 0);
  if (hasUnavailable && hasSurge) {
    causes.push(
      invalidRendered(
        `${path}.maxSurge`,
        goIntOrString(rolling.maxSurge),
        'may not be set when maxUnavailable is non-zero',
      ),
    );
  } else if (!hasUnavailable && !hasSurge) {
    causes.push({
      reason: 'FieldValueRequired',
      field: `${path}.maxUnavailable`,
      message: 'Required value: cannot be 0 when maxSurge is 0',
    });
  }
  return causes;
}

/** Validation of a DaemonSet (create and update). */
export function validateDaemonSet(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') {
    return validateWorkloadStatus(obj, [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
    ]);
  }
  const spec = (obj.spec ?? {}) as Obj;
  const causes: StatusCause[] = [
    ...validateSelectorMatchesTemplate(spec, 'daemonset'),
    ...validatePodTemplate(spec.template, 'spec.template', {
      restart: ['Always'],
      activeDeadlineForbidden: 'activeDeadlineSeconds in DaemonSet is not Supported',
    }),
    ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ...validateUpdateStrategy(spec),
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

/** apps/v1 daemonsets. */
export const daemonsets: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  schemaId: 'io.k8s.api.apps.v1.DaemonSet',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = {
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 0,
      numberReady: 0,
    };
  },
  defaults: defaultDaemonSet,
  validate: validateDaemonSet,
  table: {
    columns: [
      nameColumn,
      column('Desired', 'integer', 'The total number of nodes that should be running the daemon pod.'),
      column(
        'Current',
        'integer',
        'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod.',
      ),
      column(
        'Ready',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.',
      ),
      column('Up-to-date', 'integer', 'The total number of nodes that are running updated daemon pod'),
      column(
        'Available',
        'integer',
        'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      ),
      column(
        'Node Selector',
        'string',
        'NodeSelector is a selector which must be true for the pod to fit on a node.',
      ),
      ageColumn,
      containersColumn,
      imagesColumn,
      selectorColumn,
    ],
    cells(obj, now) {
      const spec = (obj.spec ?? {}) as Obj;
      const status = (obj.status ?? {}) as Obj;
      const podSpec = get(spec, 'template', 'spec');
      const [names, images] = containerCells(podSpec);
      return [
        obj.metadata.name ?? '',
        intCell(status.desiredNumberScheduled),
        intCell(status.currentNumberScheduled),
        intCell(status.numberReady),
        intCell(status.updatedNumberScheduled),
        intCell(status.numberAvailable),
        labelsCell(get(podSpec, 'nodeSelector')),
        ageCell(obj, now),
        names,
        images,
        selectorCell(spec.selector),
      ];
    },
  },
};
