import { describe, expect, it } from 'vitest';
import {
  applyCronSettings,
  applyJobSettings,
  isCronSchedule,
  readCronSettings,
  readJobSettings,
} from './jobs';
import { workloadTemplate } from './templates';

describe('job settings', () => {
  it.each(['Job', 'CronJob'] as const)('%s round-trips and clears', (kind) => {
    const draft = [workloadTemplate(kind, 'demo')];
    const s = { backoffLimit: 5, parallelism: 2, completions: 4, activeDeadlineSeconds: 200 };
    const d = applyJobSettings(draft, kind, s);
    expect(readJobSettings(d, kind)).toEqual(s);
    const cleared = applyJobSettings(d, kind, {});
    expect(readJobSettings(cleared, kind)).toEqual({
      backoffLimit: undefined,
      parallelism: undefined,
      completions: undefined,
      activeDeadlineSeconds: undefined,
    });
  });
  it('the pi quick start Job', () => {
    const d = applyJobSettings([workloadTemplate('Job', 'demo')], 'Job', {
      backoffLimit: 5,
      completions: 4,
      parallelism: 2,
      activeDeadlineSeconds: 200,
    });
    expect(d[0].spec).toMatchObject({
      backoffLimit: 5,
      completions: 4,
      parallelism: 2,
      activeDeadlineSeconds: 200,
      template: { spec: { restartPolicy: 'Never' } },
    });
  });
});

describe('cron settings', () => {
  it('round-trips; default concurrency policy is Forbid', () => {
    const draft = [workloadTemplate('CronJob', 'demo')];
    expect(readCronSettings(draft).concurrencyPolicy).toBe('Forbid');
    const s = {
      schedule: '0 0 * * 0',
      concurrencyPolicy: 'Allow' as const,
      startingDeadlineSeconds: 30,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    };
    expect(readCronSettings(applyCronSettings(draft, s))).toEqual(s);
  });
  it.each([
    ['0 * * * *', true],
    ['*/5 1-3 * JAN MON', true],
    ['@daily', true],
    ['0 * * *', false],
    ['every hour', false],
  ])('%s', (s, want) => expect(isCronSchedule(s)).toBe(want));
});
