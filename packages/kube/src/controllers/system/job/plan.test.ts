import { describe, expect, it } from 'vitest';
import { failureBackoffMs, planJob } from './plan';
import { formatIndexes, parseIndexes } from './indexes';
import {
  completionIndexKey,
  trackingFinalizer,
  type Job,
  type JobSpec,
  type JobStatus,
  type Pod,
} from './types';

const now = new Date('2026-01-01T00:10:00Z');

function job(spec: Partial<JobSpec> = {}, status: JobStatus = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'job-uid' },
    spec: { template: { spec: { containers: [{ name: 'c' }] } }, ...spec },
    status,
  };
}

let seq = 0;
function pod(
  phase: string,
  opts: {
    index?: number;
    ready?: boolean;
    deleting?: boolean;
    tracked?: boolean;
    exitCode?: number;
    finishedAt?: string;
  } = {},
): Pod {
  seq++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `pi-${seq}`,
      namespace: 'default',
      uid: `pod-${seq}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      finalizers: opts.tracked === false ? [] : [trackingFinalizer],
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:09:00Z' } : {}),
      ...(opts.index !== undefined ? { annotations: { [completionIndexKey]: String(opts.index) } } : {}),
    },
    status: {
      phase,
      conditions: opts.ready ? [{ type: 'Ready', status: 'True' }] : [],
      containerStatuses:
        opts.exitCode !== undefined
          ? [
              {
                name: 'c',
                state: {
                  terminated: {
                    exitCode: opts.exitCode,
                    finishedAt: opts.finishedAt ?? '2026-01-01T00:09:55Z',
                  },
                },
              },
            ]
          : [],
    },
  };
}

const types = (s: JobStatus) => (s.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type);

describe('planJob', () => {
  it.each([
    {
      name: 'new job creates parallelism pods',
      spec: { parallelism: 3, completions: 5 },
      pods: [],
      create: 3,
    },
    {
      name: 'caps at remaining completions',
      spec: { parallelism: 3, completions: 5 },
      pods: [pod('Succeeded', { tracked: false }), pod('Running')],
      status: { succeeded: 3 },
      create: 1,
    },
    {
      name: 'work queue: no new pods after a success',
      spec: { parallelism: 2, completions: null },
      pods: [pod('Succeeded'), pod('Running')],
      create: 0,
    },
    { name: 'suspended job creates nothing', spec: { suspend: true, parallelism: 2 }, pods: [], create: 0 },
  ])('$name', ({ spec, pods, status, create }) => {
    const plan = planJob(job(spec as Partial<JobSpec>, status ?? {}), pods, now);
    expect(plan.create.length).toBe(create);
  });

  it('records finished pods as uncounted before counting them, then finalizes them', () => {
    const done = pod('Succeeded');
    const plan = planJob(job({ completions: 2, parallelism: 1 }), [done], now);
    expect(plan.interimStatus?.uncountedTerminatedPods?.succeeded).toEqual([done.metadata.uid]);
    expect(plan.finalize).toEqual([done]);
    expect(plan.status.succeeded).toBe(1);
    expect(plan.status.uncountedTerminatedPods).toEqual({});
    expect(plan.create).toEqual([undefined]);
  });

  it('does not count a pod twice when its uid is already uncounted', () => {
    const done = pod('Succeeded');
    const plan = planJob(
      job({ completions: 3 }, { succeeded: 0, uncountedTerminatedPods: { succeeded: [done.metadata.uid!] } }),
      [done],
      now,
    );
    expect(plan.interimStatus).toBeUndefined();
    expect(plan.status.succeeded).toBe(1);
  });

  it('marks success, then completes once no pod is left running', () => {
    const first = planJob(job({ completions: 1 }), [pod('Succeeded')], now);
    expect(types(first.status)).toEqual(['SuccessCriteriaMet', 'Complete']);
    expect(first.status.completionTime).toBe('2026-01-01T00:10:00Z');
    expect(first.events.map((e) => e.reason)).toEqual(['Completed']);
  });

  it('waits for terminating pods before Complete', () => {
    const plan = planJob(job({ completions: 1, parallelism: 2 }), [pod('Succeeded'), pod('Running')], now);
    expect(types(plan.status)).toEqual(['SuccessCriteriaMet']);
    expect(plan.delete).toHaveLength(1);
  });

  it.each([
    { failed: 1, ms: 10_000 },
    { failed: 2, ms: 20_000 },
    { failed: 3, ms: 40_000 },
    { failed: 10, ms: 360_000 },
  ])('backoff after $failed failures is $ms ms', ({ failed, ms }) => {
    expect(failureBackoffMs(failed)).toBe(ms);
  });

  it('delays the replacement of a failed pod by the backoff', () => {
    const failed = pod('Failed', { exitCode: 1, finishedAt: '2026-01-01T00:09:55Z' });
    const plan = planJob(job({ completions: 1, backoffLimit: 3 }), [failed], now);
    expect(plan.create).toEqual([]);
    expect(plan.status.failed).toBe(1);
    expect(plan.requeueAfterMs).toBe(5_000);
    const later = planJob(
      job({ completions: 1, backoffLimit: 3 }, { failed: 1 }),
      [{ ...failed, metadata: { ...failed.metadata, finalizers: [] } }],
      new Date('2026-01-01T00:10:06Z'),
    );
    expect(later.create).toHaveLength(1);
  });

  it('fails the job past the backoff limit', () => {
    const plan = planJob(
      job({ completions: 1, backoffLimit: 1 }, { failed: 1 }),
      [pod('Failed', { exitCode: 1 })],
      now,
    );
    expect(types(plan.status)).toEqual(['FailureTarget', 'Failed']);
    expect(plan.status.conditions?.find((c) => c.type === 'Failed')?.reason).toBe('BackoffLimitExceeded');
    expect(plan.events[0]).toMatchObject({ type: 'Warning', reason: 'BackoffLimitExceeded' });
  });

  it('fails on the active deadline and deletes the running pods first', () => {
    const running = pod('Running');
    const plan = planJob(
      job({ activeDeadlineSeconds: 60 }, { startTime: '2026-01-01T00:00:00Z' }),
      [running],
      now,
    );
    expect(plan.delete).toEqual([running]);
    expect(types(plan.status)).toEqual(['FailureTarget']);
    expect(plan.status.conditions?.[0].reason).toBe('DeadlineExceeded');
    const before = planJob(
      job({ activeDeadlineSeconds: 900 }, { startTime: '2026-01-01T00:00:00Z' }),
      [running],
      now,
    );
    expect(before.requeueAfterMs).toBe(300_000);
  });

  it.each([
    { action: 'FailJob', failed: true, count: 1 },
    { action: 'Ignore', failed: false, count: 0 },
    { action: 'Count', failed: false, count: 1 },
  ] as const)('podFailurePolicy $action', ({ action, failed, count }) => {
    const spec = {
      completions: 1,
      podFailurePolicy: { rules: [{ action, onExitCodes: { operator: 'In' as const, values: [42] } }] },
    };
    const plan = planJob(job(spec), [pod('Failed', { exitCode: 42 })], now);
    expect(types(plan.status).includes('FailureTarget')).toBe(failed);
    expect(plan.status.failed ?? 0).toBe(count);
    if (failed)
      expect(plan.status.conditions?.[0].message).toMatch(
        /^Container c for pod default\/pi-\d+ failed with exit code 42 matching FailJob rule at index 0$/,
      );
  });

  it('indexed: creates the lowest missing indexes and tracks completed ones', () => {
    const spec = { completionMode: 'Indexed' as const, completions: 4, parallelism: 2 };
    const plan = planJob(
      job(spec, { completedIndexes: '0' }),
      [pod('Succeeded', { index: 2 }), pod('Running', { index: 1 })],
      now,
    );
    expect(plan.status.completedIndexes).toBe('0,2');
    expect(plan.create).toEqual([3]);
  });

  it('suspend deletes active pods and sets Suspended; resume resets the start time', () => {
    const running = pod('Running');
    const plan = planJob(job({ suspend: true }, { startTime: '2026-01-01T00:00:00Z' }), [running], now);
    expect(plan.delete).toEqual([running]);
    expect(plan.status.conditions?.[0]).toMatchObject({
      type: 'Suspended',
      status: 'True',
      reason: 'JobSuspended',
    });
    const resumed = planJob(job({}, plan.status), [], now);
    expect(resumed.status.conditions?.[0]).toMatchObject({
      type: 'Suspended',
      status: 'False',
      reason: 'JobResumed',
    });
    expect(resumed.status.startTime).toBe('2026-01-01T00:10:00Z');
    expect(resumed.create).toHaveLength(1);
  });

  it.each([
    { ttl: 60, at: '2026-01-01T00:10:30Z', deleteJob: false, requeue: 30_000 },
    { ttl: 60, at: '2026-01-01T00:11:00Z', deleteJob: true, requeue: undefined },
  ])('ttlSecondsAfterFinished $ttl at $at', ({ ttl, at, deleteJob, requeue }) => {
    const status: JobStatus = {
      completionTime: '2026-01-01T00:10:00Z',
      conditions: [{ type: 'Complete', status: 'True' }],
    };
    const plan = planJob(job({ ttlSecondsAfterFinished: ttl }, status), [], new Date(at));
    expect(plan.deleteJob).toBe(deleteJob);
    expect(plan.requeueAfterMs).toBe(requeue);
  });
});

describe('completed indexes', () => {
  it.each([
    { list: [0, 1, 2, 4], text: '0-2,4' },
    { list: [], text: '' },
    { list: [5, 3], text: '3,5' },
  ])('$text', ({ list, text }) => {
    expect(formatIndexes(list)).toBe(text);
    expect([...parseIndexes(text, 10)].sort()).toEqual([...list].sort());
  });
});
