/**
 * @module registry/batch/jobs
 * batch/v1 Job: the generated selector and pod labels (from the uid the pipeline assigns before
 * `prepareForCreate`), defaults, validation with kube-apiserver's messages, Orphan as the default delete
 * propagation, the `status.successful` field selector and the `kubectl get` columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { defaultPodTemplate } from '../apps/pod-template';
import {
  ageCell,
  ageColumn,
  child,
  cloneJson,
  column,
  containerCells,
  containersColumn,
  defaultField,
  get,
  goLabelSelector,
  imagesColumn,
  immutableField,
  intCell,
  isObj,
  nameColumn,
  selectorCell,
  selectorColumn,
  specOf,
  humanDuration,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { validateGeneratedSelector, validateJobSpec } from './job-rules';

export const controllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const jobNameLabel = 'batch.kubernetes.io/job-name';
export const legacyControllerUidLabel = 'controller-uid';
export const legacyJobNameLabel = 'job-name';

/**
 * Adds the labels and selector a Job gets unless it asks for a manual selector. Labels the user already
 * set are kept (a conflicting value is then reported by validation, as upstream does).
 */
export function generateJobSelector(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec.manualSelector === true) return;
  const uid = obj.metadata.uid ?? '';
  const name = obj.metadata.name ?? '';
  const metadata = child(child(spec, 'template'), 'metadata');
  const labels = child(metadata, 'labels') as Record<string, unknown>;
  for (const key of [legacyJobNameLabel, jobNameLabel]) defaultField(labels, key, name);
  for (const key of [legacyControllerUidLabel, controllerUidLabel]) defaultField(labels, key, uid);
  const selector = child(spec, 'selector');
  const matchLabels = child(selector, 'matchLabels');
  defaultField(matchLabels, controllerUidLabel, uid);
}

/** batch/v1 defaulting of a Job (`SetDefaults_Job` plus the pod template). */
export function defaultJob(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  defaultField(spec, 'parallelism', 1);
  if (spec.backoffLimit == null) spec.backoffLimit = spec.backoffLimitPerIndex != null ? 2147483647 : 6;
  const templateLabels = get<Record<string, string>>(spec, 'template', 'metadata', 'labels');
  if (templateLabels && Object.keys(obj.metadata.labels ?? {}).length === 0) {
    obj.metadata.labels = { ...templateLabels };
  }
  defaultField(spec, 'completionMode', 'NonIndexed');
  defaultField(spec, 'suspend', false);
  defaultField(
    spec,
    'podReplacementPolicy',
    spec.podFailurePolicy != null ? 'Failed' : 'TerminatingOrFailed',
  );
  defaultField(spec, 'manualSelector', false);
  for (const rule of (get<unknown[]>(spec, 'podFailurePolicy', 'rules') ?? []).filter(isObj)) {
    for (const pattern of (Array.isArray(rule.onPodConditions) ? rule.onPodConditions : []).filter(isObj)) {
      defaultField(pattern, 'status', 'True');
    }
  }
  defaultPodTemplate(spec);
}

/** Template fields a suspended, never-started Job may still change (scheduling directives). */
function mutableTemplateView(template: unknown, allowSchedulingChanges: boolean): unknown {
  if (!allowSchedulingChanges || !isObj(template)) return template;
  const copy = cloneJson(template);
  const meta = child(copy, 'metadata');
  delete meta.labels;
  delete meta.annotations;
  const podSpec = child(copy, 'spec');
  for (const key of ['nodeSelector', 'affinity', 'tolerations', 'schedulingGates']) delete podSpec[key];
  return copy;
}

function validateJobUpdate(obj: KubeObject, old: KubeObject): StatusCause[] {
  const spec = (obj.spec ?? {}) as Obj;
  const oldSpec = (old.spec ?? {}) as Obj;
  const causes: StatusCause[] = [];
  const indexedScaling =
    spec.completionMode === 'Indexed' &&
    spec.completions === spec.parallelism &&
    oldSpec.completions === oldSpec.parallelism;
  if (!indexedScaling)
    causes.push(...immutableField(spec.completions, oldSpec.completions, 'spec.completions'));
  causes.push(
    ...immutableField(spec.selector, oldSpec.selector, 'spec.selector', (v) => goLabelSelector(v as never)),
  );
  const allowScheduling = oldSpec.suspend === true && get(old, 'status', 'startTime') == null;
  causes.push(
    ...immutableField(
      mutableTemplateView(spec.template, allowScheduling),
      mutableTemplateView(oldSpec.template, allowScheduling),
      'spec.template',
      () => 'core.PodTemplateSpec{...}',
    ),
  );
  causes.push(...immutableField(spec.completionMode, oldSpec.completionMode, 'spec.completionMode'));
  causes.push(
    ...immutableField(
      spec.podFailurePolicy,
      oldSpec.podFailurePolicy,
      'spec.podFailurePolicy',
      () => 'batch.PodFailurePolicy{...}',
    ),
  );
  causes.push(
    ...immutableField(spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, 'spec.backoffLimitPerIndex'),
  );
  return causes;
}

/** Validation of a Job (create and update). */
export function validateJob(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  const status = (obj.status ?? {}) as Obj;
  if (ctx.subresource === 'status') {
    return ['active', 'succeeded', 'failed', 'ready', 'terminating'].flatMap((k) =>
      typeof status[k] === 'number' && (status[k] as number) < 0
        ? [
            {
              reason: 'FieldValueInvalid',
              field: `status.${k}`,
              message: `Invalid value: ${String(status[k])}: must be greater than or equal to 0`,
            },
          ]
        : [],
    );
  }
  const causes: StatusCause[] = [];
  if (!old) causes.push(...validateGeneratedSelector(obj));
  causes.push(...validateJobSpec((obj.spec ?? {}) as Obj, 'spec', true));
  if (old) causes.push(...validateJobUpdate(obj, old));
  return causes;
}

function hasTrueCondition(obj: KubeObject, type: string): boolean {
  const conditions = get<unknown[]>(obj, 'status', 'conditions') ?? [];
  const found = conditions.filter(isObj).find((c) => c.type === type);
  return found?.status === 'True';
}

/** The Status column: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatusCell(obj: KubeObject): string {
  if (hasTrueCondition(obj, 'Complete')) return 'Complete';
  if (hasTrueCondition(obj, 'Failed')) return 'Failed';
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  if (hasTrueCondition(obj, 'Suspended')) return 'Suspended';
  if (hasTrueCondition(obj, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** The Completions column: `1/3`, or `0/1 of 4` for work-queue jobs. */
export function jobCompletionsCell(obj: KubeObject): string {
  const spec = (obj.spec ?? {}) as Obj;
  const succeeded = intCell(get(obj, 'status', 'succeeded'));
  if (typeof spec.completions === 'number') return `${succeeded}/${spec.completions}`;
  const parallelism = intCell(spec.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** The Duration column: start to completion, or start to now while running; '' before the start. */
export function jobDurationCell(obj: KubeObject, now: Date): string {
  const start = get<string>(obj, 'status', 'startTime');
  if (!start) return '';
  const completion = get<string>(obj, 'status', 'completionTime');
  const end = completion ? Date.parse(completion) : now.getTime();
  return humanDuration(end - Date.parse(start));
}

/** batch/v1 jobs. */
export const jobs: ResourceDescriptor = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  namespaced: true,
  categories: ['all'],
  schemaId: 'io.k8s.api.batch.v1.Job',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  defaultPropagation: 'Orphan',
  fieldSelectors: {
    'status.successful': (obj) => String(intCell(get(obj, 'status', 'succeeded'))),
  },
  prepareForCreate(obj) {
    obj.status = {};
    generateJobSelector(obj);
  },
  defaults: defaultJob,
  validate: validateJob,
  table: {
    columns: [
      nameColumn,
      column('Status', 'string', 'Status of the job.'),
      column('Completions', 'string', 'The number of pods which reached phase Succeeded.'),
      column('Duration', 'string', 'Time required to complete the job.'),
      ageColumn,
      containersColumn,
      imagesColumn,
      selectorColumn,
    ],
    cells(obj, now) {
      const spec = (obj.spec ?? {}) as Obj;
      const [names, images] = containerCells(get(spec, 'template', 'spec'));
      return [
        obj.metadata.name ?? '',
        jobStatusCell(obj),
        jobCompletionsCell(obj),
        jobDurationCell(obj, now),
        ageCell(obj, now),
        names,
        images,
        selectorCell(spec.selector),
      ];
    },
  },
};
