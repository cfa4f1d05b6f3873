/**
 * @module controllers/system/job/plan
 * The Job controller's decision (pure): from the Job, its pods and the time, what to create, delete and
 * finalize, and the status to write. Pods carry the job-tracking finalizer until counted: finished pods
 * are first recorded in status.uncountedTerminatedPods (interim status), their finalizers removed, then
 * moved into the succeeded/failed counters (final status) — so no pod is counted twice or lost.
 */
import { isConditionTrue, setCondition, ts, type Condition } from '../support';
import { matchFailurePolicy } from './failure-policy';
import { formatIndexes, parseIndexes } from './indexes';
import { completionIndexKey, trackingFinalizer, type Job, type JobStatus, type Pod } from './types';

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface JobPlan {
  /** One entry per pod to create: its completion index (Indexed) or undefined. */
  create: (number | undefined)[];
  /** Active pods to delete (their finalizer is removed first: they are not counted). */
  delete: Pod[];
  /** Finished pods whose tracking finalizer to remove. */
  finalize: Pod[];
  /** Written before finalizers are removed, when pods were newly found finished. */
  interimStatus?: JobStatus;
  status: JobStatus;
  events: JobEvent[];
  /** The TTL after finishing has passed: delete the Job. */
  deleteJob: boolean;
  requeueAfterMs?: number;
}

export const defaultBackoffLimit = 6;
const backoffBaseMs = 10_000;
const backoffMaxMs = 360_000;

/** Delay before creating a replacement after `failures` consecutive failures (10s, 20s, ... 6m). */
export function failureBackoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(backoffMaxMs, backoffBaseMs * 2 ** Math.min(failures - 1, 30));
}

const hasFinalizer = (p: Pod) => p.metadata.finalizers?.includes(trackingFinalizer) ?? false;
const isSucceeded = (p: Pod) => p.status?.phase === 'Succeeded';
/** Failed, or deleted before finishing (an orphaned pod never reaches Failed: it counts as failed). */
const isFailed = (p: Pod) =>
  p.status?.phase === 'Failed' || (!!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded');
const isActive = (p: Pod) => !isSucceeded(p) && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp;
const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

export function podIndex(p: Pod): number | undefined {
  const raw = p.metadata.annotations?.[completionIndexKey] ?? p.metadata.labels?.[completionIndexKey];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}

/** When the pod finished: its last container's finishedAt, else its last condition change. */
export function podFinishTime(p: Pod, fallback: Date): number {
  const times = (p.status?.containerStatuses ?? [])
    .map((c) => c.state?.terminated?.finishedAt)
    .filter((t): t is string => !!t)
    .map(Date.parse);
  if (times.length) return Math.max(...times);
  const conds = (p.status?.conditions ?? []).map((c) => Date.parse(c.lastTransitionTime ?? ''));
  const valid = conds.filter((t) => !Number.isNaN(t));
  return valid.length ? Math.max(...valid) : fallback.getTime();
}

function condition(type: string, reason: string, message: string, now: string): Condition {
  return { type, status: 'True', reason, message, lastProbeTime: now, lastTransitionTime: now };
}

/** Excess pods to delete when more are active than wanted: not-ready and newest first. */
function excess(active: Pod[], count: number): Pod[] {
  if (count <= 0) return [];
  const rank = (p: Pod) => (isReady(p) ? 1 : 0);
  return [...active]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp)),
    )
    .slice(0, count);
}

function finishedPlan(job: Job, pods: Pod[], now: Date): JobPlan {
  const status = job.status ?? {};
  const plan: JobPlan = {
    create: [],
    delete: pods.filter(isActive),
    finalize: pods.filter((p) => hasFinalizer(p) && !isActive(p)),
    status,
    events: [],
    deleteJob: false,
  };
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null) return plan;
  const finishedCondition = (status.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  const finishedAt = Date.parse(status.completionTime ?? finishedCondition?.lastTransitionTime ?? '');
  const expiresAt = (Number.isNaN(finishedAt) ? now.getTime() : finishedAt) + ttl * 1000;
  if (now.getTime() >= expiresAt) plan.deleteJob = true;
  else plan.requeueAfterMs = expiresAt - now.getTime();
  return plan;
}

export function planJob(job: Job, pods: Pod[], now: Date): JobPlan {
  const prior = job.status ?? {};
  if (isConditionTrue(prior.conditions, 'Complete') || isConditionTrue(prior.conditions, 'Failed'))
    return finishedPlan(job, pods, now);

  const nowText = ts(now);
  const spec = job.spec;
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? null;
  const parallelism = spec.parallelism ?? 1;
  const events: JobEvent[] = [];
  const plan: JobPlan = { create: [], delete: [], finalize: [], status: {}, events, deleteJob: false };

  // --- Count finished pods (uncounted first, then newly finished ones) ---------------------------------
  const uncountedSucceeded = new Set(prior.uncountedTerminatedPods?.succeeded ?? []);
  const uncountedFailed = new Set(prior.uncountedTerminatedPods?.failed ?? []);
  const completed = indexed ? parseIndexes(prior.completedIndexes, completions ?? 0) : new Set<number>();
  let newlyFinished = false;
  let policyFailure: string | undefined;
  let lastFailureAt = 0;
  for (const pod of pods) {
    const uid = pod.metadata.uid ?? '';
    if (isFailed(pod)) lastFailureAt = Math.max(lastFailureAt, podFinishTime(pod, now));
    if (!hasFinalizer(pod) || isActive(pod)) continue;
    plan.finalize.push(pod);
    if (uncountedSucceeded.has(uid) || uncountedFailed.has(uid)) {
      if (uncountedSucceeded.has(uid) && indexed) {
        const i = podIndex(pod);
        if (i !== undefined && i < (completions ?? 0)) completed.add(i);
      }
      continue;
    }
    if (isSucceeded(pod)) {
      const i = podIndex(pod);
      if (indexed && (i === undefined || i >= (completions ?? 0) || completed.has(i))) continue;
      if (i !== undefined && indexed) completed.add(i);
      uncountedSucceeded.add(uid);
      newlyFinished = true;
    } else if (isFailed(pod)) {
      const match = matchFailurePolicy(job, pod);
      if (match?.action === 'Ignore') continue;
      if (match?.action === 'FailJob') policyFailure ??= match.message;
      uncountedFailed.add(uid);
      newlyFinished = true;
    }
  }
  const succeeded = (prior.succeeded ?? 0) + uncountedSucceeded.size;
  const failed = (prior.failed ?? 0) + uncountedFailed.size;
  const uncountedNow = { succeeded: [...uncountedSucceeded], failed: [...uncountedFailed] };
  if (newlyFinished) plan.interimStatus = { ...prior, uncountedTerminatedPods: uncountedNow };

  // --- Start, suspend and resume ------------------------------------------------------------------------
  let conditions = prior.conditions ?? [];
  let startTime = prior.startTime;
  const suspended = spec.suspend === true;
  if (suspended && !isConditionTrue(conditions, 'Suspended')) {
    conditions = setCondition(conditions, condition('Suspended', 'JobSuspended', 'Job suspended', nowText));
    events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
  } else if (!suspended && isConditionTrue(conditions, 'Suspended')) {
    conditions = setCondition(conditions, {
      ...condition('Suspended', 'JobResumed', 'Job resumed', nowText),
      status: 'False',
    });
    events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
    // The active deadline counts from the resume.
    startTime = nowText;
  }
  if (!suspended && !startTime) startTime = nowText;

  const active = pods.filter(isActive);
  const terminating = pods.filter(
    (p) => !!p.metadata.deletionTimestamp && !isSucceeded(p) && p.status?.phase !== 'Failed',
  );

  // --- Terminal decisions: failure, then success ---------------------------------------------------------
  let failureTarget = (conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True') ??
    undefined) as Condition | undefined;
  let successMet = isConditionTrue(conditions, 'SuccessCriteriaMet');
  if (!failureTarget && !successMet) {
    const backoffLimit = spec.backoffLimit ?? defaultBackoffLimit;
    const deadlineAt =
      spec.activeDeadlineSeconds !== undefined && startTime && !suspended
        ? Date.parse(startTime) + spec.activeDeadlineSeconds * 1000
        : undefined;
    let reason: string | undefined;
    let message = '';
    if (policyFailure) [reason, message] = ['PodFailurePolicy', policyFailure];
    else if (failed > backoffLimit)
      [reason, message] = ['BackoffLimitExceeded', 'Job has reached the specified backoff limit'];
    else if (deadlineAt !== undefined && now.getTime() >= deadlineAt)
      [reason, message] = ['DeadlineExceeded', 'Job was active longer than specified deadline'];
    else if (deadlineAt !== undefined) plan.requeueAfterMs = deadlineAt - now.getTime();
    if (reason) {
      failureTarget = condition('FailureTarget', reason, message, nowText);
      conditions = setCondition(conditions, failureTarget);
    } else {
      const done = indexed
        ? completed.size >= (completions ?? 0)
        : completions === null
          ? succeeded > 0 && active.length === 0
          : succeeded >= completions;
      if (done) {
        successMet = true;
        conditions = setCondition(
          conditions,
          condition(
            'SuccessCriteriaMet',
            'CompletionsReached',
            'Reached expected number of succeeded pods',
            nowText,
          ),
        );
      }
    }
  }

  let completionTime = prior.completionTime;
  if (failureTarget || successMet || suspended) {
    plan.delete = active;
    // Terminal conditions wait until no pod of the Job is still running or terminating (1.31+).
    const settled = active.length === 0 && terminating.length === 0;
    if (failureTarget && settled) {
      conditions = setCondition(conditions, {
        ...condition('Failed', failureTarget.reason ?? '', failureTarget.message ?? '', nowText),
      });
      events.push({
        type: 'Warning',
        reason: failureTarget.reason ?? 'Failed',
        message: failureTarget.message ?? '',
      });
    } else if (successMet && settled) {
      conditions = setCondition(
        conditions,
        condition('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', nowText),
      );
      completionTime = nowText;
      events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
    }
  } else {
    planCreations(plan, {
      job,
      active,
      completed,
      succeeded,
      failed,
      completions,
      parallelism,
      lastFailureAt,
      now,
    });
  }

  const status: JobStatus = {};
  if (conditions.length) status.conditions = conditions;
  if (startTime) status.startTime = startTime;
  if (completionTime) status.completionTime = completionTime;
  const activeAfter = active.length - plan.delete.length + plan.create.length;
  if (activeAfter > 0) status.active = activeAfter;
  if (succeeded > 0) status.succeeded = succeeded;
  if (failed > 0) status.failed = failed;
  if (indexed) status.completedIndexes = formatIndexes(completed);
  status.terminating = terminating.length + plan.delete.length;
  status.ready = active.filter((p) => isReady(p) && !plan.delete.includes(p)).length;
  status.uncountedTerminatedPods = {};
  plan.status = status;
  return plan;
}

interface CreationInput {
  job: Job;
  active: Pod[];
  completed: Set<number>;
  succeeded: number;
  failed: number;
  completions: number | null;
  parallelism: number;
  lastFailureAt: number;
  now: Date;
}

function planCreations(plan: JobPlan, c: CreationInput): void {
  const indexed = c.job.spec.completionMode === 'Indexed';
  let want: number;
  if (indexed) want = Math.min(c.parallelism, (c.completions ?? 0) - c.completed.size);
  else if (c.completions === null) want = c.succeeded > 0 ? 0 : c.parallelism;
  else want = Math.min(c.parallelism, c.completions - c.succeeded);
  want = Math.max(0, want);

  let active = c.active;
  if (indexed) {
    // Pods of an index already completed, or a second pod of one index, are surplus.
    const seen = new Set<number>();
    const surplus: Pod[] = [];
    for (const p of active) {
      const i = podIndex(p);
      if (i === undefined || c.completed.has(i) || seen.has(i) || i >= (c.completions ?? 0)) surplus.push(p);
      else seen.add(i);
    }
    plan.delete.push(...surplus);
    active = active.filter((p) => !surplus.includes(p));
  }
  if (active.length > want) {
    plan.delete.push(...excess(active, active.length - want));
    return;
  }
  let missing = want - active.length;
  if (missing <= 0) return;
  if (c.failed > 0) {
    const readyAt = c.lastFailureAt + failureBackoffMs(c.failed);
    if (c.now.getTime() < readyAt) {
      const wait = readyAt - c.now.getTime();
      plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? wait, wait);
      return;
    }
  }
  missing = Math.min(missing, 500);
  if (!indexed) {
    plan.create = new Array<undefined>(missing).fill(undefined);
    return;
  }
  const taken = new Set(active.map(podIndex));
  for (let i = 0; i < (c.completions ?? 0) && plan.create.length < missing; i++)
    if (!c.completed.has(i) && !taken.has(i)) plan.create.push(i);
}
