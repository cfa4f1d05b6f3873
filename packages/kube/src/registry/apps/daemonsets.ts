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
  cloneJson,
  column,
  containerCells,
  containersColumn,
  deepEqual,
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
  notMoreThan100Percent,
  validatePositiveIntOrPercent,
  validateWorkloadStatus,
} from './workload-rules';

/**
 * apps/v1 carries the DaemonSet's template generation in this annotation; the DaemonSet controller labels
 * pods with it (`pod-template-generation`).
 */
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

function templateGeneration(obj: KubeObject): number {
  const n = Number.parseInt(obj.metadata.annotations?.[templateGenerationAnnotation] ?? '', 10);
  return Number.isFinite(n) ? n : 0;
}

function setTemplateGeneration(obj: KubeObject, n: number): void {
  obj.metadata.annotations = {
    ...(obj.metadata.annotations ?? {}),
    [templateGenerationAnnotation]: String(n),
  };
}

/** A fresh DaemonSet: empty status and template generation 1 (unless the client set a higher one). */
export function prepareDaemonSetCreate(obj: KubeObject): void {
  obj.status = {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  };
  if (templateGeneration(obj) < 1) setTemplateGeneration(obj, 1);
}

/**
 * Clients cannot set the template generation; it goes up by one whenever the pod template changes
 * (compared after defaulting, so a replace that omits defaulted fields is not a change).
 */
export function prepareDaemonSetUpdate(obj: KubeObject, old: KubeObject): void {
  const next = cloneJson((obj.spec ?? {}) as Obj);
  defaultPodTemplate(next);
  const changed = !deepEqual(next.template, get(old, 'spec', 'template'));
  setTemplateGeneration(obj, templateGeneration(old) + (changed ? 1 : 0));
}

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
    // Upstream reports the whole strategy struct as the unsupported value.
    const rollingText = isObj(strategy.rollingUpdate)
      ? '(*apps.RollingUpdateDaemonSet)(...)'
      : '(*apps.RollingUpdateDaemonSet)(nil)';
    return [
      {
        reason: 'FieldValueNotSupported',
        field: 'spec.updateStrategy',
        message: `Unsupported value: apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(String(type ?? ''))}, RollingUpdate:${rollingText}}: supported values: "RollingUpdate", "OnDelete"`,
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
  const causes: StatusCause[] = [];
  // As upstream: a value is only checked when it is non-zero (an unparsable string counts as zero).
  const hasUnavailable = !intOrPercentIsZero(rolling.maxUnavailable);
  const hasSurge = !intOrPercentIsZero(rolling.maxSurge);
  for (const [key, present] of [
    ['maxUnavailable', hasUnavailable],
    ['maxSurge', hasSurge],
  ] as const) {
    if (!present) continue;
    causes.push(...validatePositiveIntOrPercent(rolling[key], `${path}.${key}`));
    causes.push(...notMoreThan100Percent(rolling[key], `${path}.${key}`));
  }
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
  prepareForCreate: prepareDaemonSetCreate,
  prepareForUpdate(obj, old, ctx) {
    if (ctx.subresource === '') prepareDaemonSetUpdate(obj, old);
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
