/**
 * @module registry/batch/cronjobs
 * batch/v1 CronJob: defaults, schedule and time-zone validation with kube-apiserver's rules (a `TZ=` or
 * `CRON_TZ=` prefix is refused on create in favour of `spec.timeZone`), job template rules and columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { defaultPodTemplate } from '../apps/pod-template';
import {
  ageCell,
  ageColumn,
  child,
  column,
  containerCells,
  containersColumn,
  defaultField,
  get,
  imagesColumn,
  invalidRendered,
  nameColumn,
  nonNegative,
  selectorCell,
  selectorColumn,
  specOf,
  translateTimestampSince,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { cronScheduleError, timeZoneError } from './cron-schedule';
import { validateJobSpec } from './job-rules';

/** Longest CronJob name: job names append 11 characters (`-<minutes>`) and must stay DNS labels. */
const maxCronJobNameLength = 52;

/** batch/v1 defaulting of a CronJob (`SetDefaults_CronJob` plus the pod template of its job template). */
export function defaultCronJob(obj: KubeObject): void {
  const spec = specOf(obj);
  defaultField(spec, 'concurrencyPolicy', 'Allow');
  defaultField(spec, 'suspend', false);
  defaultField(spec, 'successfulJobsHistoryLimit', 3);
  defaultField(spec, 'failedJobsHistoryLimit', 1);
  defaultPodTemplate(child(child(spec, 'jobTemplate'), 'spec'));
}

function validateSchedule(spec: Obj, old: KubeObject | undefined): StatusCause[] {
  const schedule = spec.schedule;
  if (typeof schedule !== 'string' || schedule === '') {
    return [{ reason: 'FieldValueRequired', field: 'spec.schedule', message: 'Required value' }];
  }
  const causes: StatusCause[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError) causes.push(invalidRendered('spec.schedule', JSON.stringify(schedule), parseError));
  // Objects that already carried TZ in their schedule may keep it (upstream's ratcheting).
  const oldSchedule = get<string>(old, 'spec', 'schedule');
  const allowTzInSchedule = typeof oldSchedule === 'string' && oldSchedule.includes('TZ');
  if (allowTzInSchedule && schedule.includes('TZ') && spec.timeZone != null) {
    causes.push(
      invalidRendered(
        'spec.schedule',
        JSON.stringify(schedule),
        'cannot use both timeZone field and TZ or CRON_TZ in schedule',
      ),
    );
  } else if (!allowTzInSchedule && schedule.includes('TZ')) {
    causes.push(
      invalidRendered(
        'spec.schedule',
        JSON.stringify(schedule),
        'cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ),
    );
  }
  return causes;
}

/** Validation of a CronJob (create and update). */
export function validateCronJob(
  obj: KubeObject,
  old: KubeObject | undefined,
  ctx: StrategyContext,
): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const spec = (obj.spec ?? {}) as Obj;
  const causes: StatusCause[] = [];
  const name = obj.metadata.name ?? '';
  if (!old && name.length > maxCronJobNameLength) {
    causes.push(
      invalidRendered(
        'metadata.name',
        JSON.stringify(name),
        `must be no more than ${maxCronJobNameLength} characters`,
      ),
    );
  }
  causes.push(...validateSchedule(spec, old));
  if (spec.timeZone !== undefined && spec.timeZone !== null) {
    const tzError = timeZoneError(String(spec.timeZone));
    if (tzError) causes.push(invalidRendered('spec.timeZone', JSON.stringify(spec.timeZone), tzError));
  }
  causes.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
  causes.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
  causes.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
  const policy = spec.concurrencyPolicy;
  if (policy === undefined || policy === '') {
    causes.push({ reason: 'FieldValueRequired', field: 'spec.concurrencyPolicy', message: 'Required value' });
  } else if (!['Allow', 'Forbid', 'Replace'].includes(String(policy))) {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.concurrencyPolicy',
      message: `Unsupported value: "${String(policy)}": supported values: "Allow", "Forbid", "Replace"`,
    });
  }
  causes.push(
    ...validateJobSpec((get<Obj>(spec, 'jobTemplate', 'spec') ?? {}) as Obj, 'spec.jobTemplate.spec', false),
  );
  return causes;
}

/** batch/v1 cronjobs. */
export const cronjobs: ResourceDescriptor = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  namespaced: true,
  shortNames: ['cj'],
  categories: ['all'],
  schemaId: 'io.k8s.api.batch.v1.CronJob',
  strategicMerge: true,
  hasStatus: true,
  tracksGeneration: true,
  prepareForCreate(obj) {
    obj.status = {};
  },
  defaults: defaultCronJob,
  validate: validateCronJob,
  table: {
    columns: [
      nameColumn,
      column('Schedule', 'string', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
      column(
        'Timezone',
        'string',
        'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.',
      ),
      column(
        'Suspend',
        'boolean',
        'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.',
      ),
      column('Active', 'integer', 'A list of pointers to currently running jobs.'),
      column(
        'Last Schedule',
        'string',
        'Information when was the last time the job was successfully scheduled.',
      ),
      ageColumn,
      containersColumn,
      imagesColumn,
      selectorColumn,
    ],
    cells(obj, now) {
      const spec = (obj.spec ?? {}) as Obj;
      const jobSpec = get<Obj>(spec, 'jobTemplate', 'spec');
      const [names, images] = containerCells(get(jobSpec, 'template', 'spec'));
      const lastSchedule = get<string>(obj, 'status', 'lastScheduleTime');
      const active = get<unknown[]>(obj, 'status', 'active');
      const suspend = spec.suspend;
      return [
        obj.metadata.name ?? '',
        String(spec.schedule ?? ''),
        typeof spec.timeZone === 'string' ? spec.timeZone : '<none>',
        typeof suspend === 'boolean' ? (suspend ? 'True' : 'False') : '<unset>',
        Array.isArray(active) ? active.length : 0,
        lastSchedule ? translateTimestampSince(lastSchedule, now) : '<none>',
        ageCell(obj, now),
        names,
        images,
        selectorCell(get(jobSpec, 'selector')),
      ];
    },
  },
};
