/**
 * @module controllers/system/cronjob/plan
 * The CronJob controller's decision (pure): given the CronJob, its Jobs and the time, which Job to
 * start (if a scheduled time has come and the concurrency policy allows it), which to delete (replaced
 * or beyond the history limits), the status to write, the events and when to look again.
 */
import type { KubeObject } from '@sphere/shared';
import { controllerRef, isConditionTrue, ts, type Condition } from '../support';
import { formatInZone, missedSchedules, msUntilNext, parseSchedule } from './schedule';

export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    timeZone?: string;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: KubeObject['metadata']; spec: Record<string, unknown> };
  };
  status?: { active?: ObjectRef[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
}

export interface JobView extends KubeObject {
  status?: { conditions?: Condition[]; completionTime?: string; startTime?: string };
}

export interface CronEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface CronPlan {
  create?: KubeObject;
  delete: JobView[];
  status: NonNullable<CronJob['status']>;
  events: CronEvent[];
  requeueAfterMs?: number;
}

const finishedType = (j: JobView) =>
  isConditionTrue(j.status?.conditions, 'Complete')
    ? 'Complete'
    : isConditionTrue(j.status?.conditions, 'Failed')
      ? 'Failed'
      : undefined;

const refOf = (j: KubeObject): ObjectRef => ({
  kind: 'Job',
  namespace: j.metadata.namespace,
  name: j.metadata.name,
  uid: j.metadata.uid,
  apiVersion: 'batch/v1',
  resourceVersion: j.metadata.resourceVersion,
});

/** The Job a CronJob starts for the scheduled time `at`. */
export function jobForSchedule(cj: CronJob, at: Date): KubeObject {
  const tpl = cj.spec.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: `${cj.metadata.name}-${Math.floor(at.getTime() / 60_000)}`,
      namespace: cj.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}) },
      annotations: {
        ...(tpl.metadata?.annotations ?? {}),
        [scheduledTimestampAnnotation]: formatInZone(at, cj.spec.timeZone),
      },
      ownerReferences: [controllerRef(cj, 'batch/v1', 'CronJob')],
    },
    spec: structuredClone(tpl.spec),
  };
}

const byAge = (a: JobView, b: JobView) =>
  String(a.status?.startTime ?? a.metadata.creationTimestamp).localeCompare(
    String(b.status?.startTime ?? b.metadata.creationTimestamp),
  );

export function planCronJob(cj: CronJob, jobs: JobView[], now: Date): CronPlan {
  const events: CronEvent[] = [];
  const plan: CronPlan = { delete: [], status: {}, events };
  const prior = cj.status ?? {};
  const running = jobs.filter((j) => !finishedType(j) && !j.metadata.deletionTimestamp);
  let lastSuccessful = prior.lastSuccessfulTime;
  for (const j of jobs) {
    const type = finishedType(j);
    const wasActive = prior.active?.some((r) => r.uid === j.metadata.uid);
    if (type && wasActive)
      events.push({
        type: 'Normal',
        reason: 'SawCompletedJob',
        message: `Saw completed job: ${j.metadata.name}, status: ${type}`,
      });
    if (
      type === 'Complete' &&
      j.status?.completionTime &&
      (!lastSuccessful || j.status.completionTime > lastSuccessful)
    )
      lastSuccessful = j.status.completionTime;
  }

  // History limits: the oldest finished Jobs beyond the limits go.
  const finished = (type: string) =>
    jobs.filter((j) => finishedType(j) === type && !j.metadata.deletionTimestamp).sort(byAge);
  for (const [type, limit] of [
    ['Complete', cj.spec.successfulJobsHistoryLimit ?? 3],
    ['Failed', cj.spec.failedJobsHistoryLimit ?? 1],
  ] as const) {
    const list = finished(type);
    plan.delete.push(...list.slice(0, Math.max(0, list.length - limit)));
  }

  let active = running.map(refOf);
  let lastSchedule = prior.lastScheduleTime;
  const finish = () => {
    plan.status = {
      ...(active.length ? { active } : {}),
      ...(lastSchedule ? { lastScheduleTime: lastSchedule } : {}),
      ...(lastSuccessful ? { lastSuccessfulTime: lastSuccessful } : {}),
    };
    return plan;
  };

  let cron;
  try {
    cron = parseSchedule(cj.spec.schedule, cj.spec.timeZone);
  } catch (err) {
    events.push({
      type: 'Warning',
      reason: 'UnparseableSchedule',
      message: `unparseable schedule: "${cj.spec.schedule}" : ${(err as Error).message}`,
    });
    return finish();
  }
  plan.requeueAfterMs = msUntilNext(cron, now);
  if (cj.spec.suspend) return finish();

  let earliest = new Date(lastSchedule ?? cj.metadata.creationTimestamp ?? now.toISOString());
  const sds = cj.spec.startingDeadlineSeconds;
  if (sds !== undefined && sds !== null) {
    const windowStart = new Date(now.getTime() - sds * 1000);
    if (windowStart > earliest) earliest = windowStart;
  }
  const { mostRecent, missed } = missedSchedules(cron, earliest, now);
  if (missed > 100)
    events.push({
      type: 'Warning',
      reason: 'TooManyMissedTimes',
      message: `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`,
    });
  if (!mostRecent) return finish();

  const name = `${cj.metadata.name}-${Math.floor(mostRecent.getTime() / 60_000)}`;
  if (jobs.some((j) => j.metadata.name === name)) {
    lastSchedule = ts(mostRecent);
    return finish();
  }
  const policy = cj.spec.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && running.length > 0) {
    events.push({
      type: 'Normal',
      reason: 'JobAlreadyActive',
      message: 'Not starting job because prior execution is running and concurrency policy is Forbid',
    });
    return finish();
  }
  if (policy === 'Replace') {
    plan.delete.push(...running);
    active = [];
  }
  plan.create = jobForSchedule(cj, mostRecent);
  lastSchedule = ts(mostRecent);
  return finish();
}
