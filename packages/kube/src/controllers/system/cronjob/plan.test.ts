import { describe, expect, it } from 'vitest';
import { planCronJob, scheduledTimestampAnnotation, type CronJob, type JobView } from './plan';

const cronjob = (spec: Partial<CronJob['spec']> = {}, status: CronJob['status'] = {}): CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'tick', namespace: 'default', uid: 'cj', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {
    schedule: '*/5 * * * *',
    jobTemplate: { metadata: { labels: { app: 'tick' } }, spec: { template: { spec: {} } } },
    ...spec,
  },
  status,
});

const job = (name: string, state?: 'Complete' | 'Failed', start = '2026-01-01T00:00:00Z'): JobView => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: start },
  status: {
    startTime: start,
    ...(state
      ? {
          conditions: [{ type: state, status: 'True' }],
          completionTime: state === 'Complete' ? start : undefined,
        }
      : {}),
  },
});

const at = (s: string) => new Date(s);
const minute = (s: string) => Date.parse(s) / 60_000;

describe('planCronJob', () => {
  it('creates the job of the most recent scheduled time, named by its minute', () => {
    const plan = planCronJob(cronjob(), [], at('2026-01-01T00:05:00.100Z'));
    expect(plan.create?.metadata.name).toBe(`tick-${minute('2026-01-01T00:05:00Z')}`);
    expect(plan.create?.metadata.annotations?.[scheduledTimestampAnnotation]).toBe('2026-01-01T00:05:00Z');
    expect(plan.create?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', controller: true });
    expect(plan.status.lastScheduleTime).toBe('2026-01-01T00:05:00Z');
    expect(plan.requeueAfterMs).toBe(299_900);
  });

  it.each([
    { name: 'before the first schedule', spec: {}, now: '2026-01-01T00:04:00Z', jobs: [], create: false },
    { name: 'suspended', spec: { suspend: true }, now: '2026-01-01T00:05:00Z', jobs: [], create: false },
    {
      name: 'Forbid with a running job',
      spec: { concurrencyPolicy: 'Forbid' as const },
      now: '2026-01-01T00:05:00Z',
      jobs: [job('old')],
      create: false,
    },
    {
      name: 'Allow with a running job',
      spec: {},
      now: '2026-01-01T00:05:00Z',
      jobs: [job('old')],
      create: true,
    },
    {
      name: 'outside startingDeadlineSeconds',
      spec: { startingDeadlineSeconds: 30 },
      now: '2026-01-01T00:06:00Z',
      jobs: [],
      create: false,
    },
    {
      name: 'inside startingDeadlineSeconds',
      spec: { startingDeadlineSeconds: 90 },
      now: '2026-01-01T00:06:00Z',
      jobs: [],
      create: true,
    },
  ])('$name → create $create', ({ spec, now, jobs, create }) => {
    expect(!!planCronJob(cronjob(spec), jobs, at(now)).create).toBe(create);
  });

  it('Replace deletes the running job and starts a new one', () => {
    const running = job('old');
    const plan = planCronJob(
      cronjob({ concurrencyPolicy: 'Replace' }),
      [running],
      at('2026-01-01T00:05:00Z'),
    );
    expect(plan.delete).toEqual([running]);
    expect(plan.create).toBeDefined();
    expect(plan.status.active).toBeUndefined();
  });

  it('does not start a schedule twice', () => {
    const existing = job(`tick-${minute('2026-01-01T00:05:00Z')}`);
    expect(planCronJob(cronjob(), [existing], at('2026-01-01T00:06:00Z')).create).toBeUndefined();
  });

  it('warns about too many missed start times', () => {
    const plan = planCronJob(cronjob({ schedule: '* * * * *' }), [], at('2026-01-02T00:00:00Z'));
    expect(plan.events.map((e) => e.reason)).toContain('TooManyMissedTimes');
    expect(plan.create?.metadata.annotations?.[scheduledTimestampAnnotation]).toBe('2026-01-02T00:00:00Z');
  });

  it('keeps the history limits, lists active jobs and the last success', () => {
    const jobs = [
      job('s1', 'Complete', '2026-01-01T00:01:00Z'),
      job('s2', 'Complete', '2026-01-01T00:02:00Z'),
      job('f1', 'Failed', '2026-01-01T00:03:00Z'),
      job('f2', 'Failed', '2026-01-01T00:04:00Z'),
      job('run', undefined, '2026-01-01T00:04:30Z'),
    ];
    const plan = planCronJob(
      cronjob(
        { successfulJobsHistoryLimit: 1 },
        { active: [{ kind: 'Job', apiVersion: 'batch/v1', uid: 'uid-s2' }] },
      ),
      jobs,
      at('2026-01-01T00:04:40Z'),
    );
    expect(plan.delete.map((j) => j.metadata.name).sort()).toEqual(['f1', 's1']);
    expect(plan.status.active?.map((r) => r.name)).toEqual(['run']);
    expect(plan.status.lastSuccessfulTime).toBe('2026-01-01T00:02:00Z');
    expect(plan.events).toContainEqual({
      type: 'Normal',
      reason: 'SawCompletedJob',
      message: 'Saw completed job: s2, status: Complete',
    });
  });
});
