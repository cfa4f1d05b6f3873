import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, podTemplate, updateThrough } from '../apps/test-support';
import { cronjobs } from './cronjobs';
import { cronScheduleError, timeZoneError } from './cron-schedule';

function cronJob(spec: Record<string, unknown> = {}, name = 'hello'): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: podTemplate('hello', 'OnFailure') } },
      ...spec,
    },
  };
}

describe('cron schedules', () => {
  it.each<[string, string | undefined]>([
    ['*/5 * * * *', undefined],
    ['0 0 * * MON-FRI', undefined],
    ['0 12 1 jan,jul ?', undefined],
    ['@hourly', undefined],
    ['@every 1h30m', undefined],
    ['TZ=Europe/Paris 0 * * * *', undefined],
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['0 0 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-1 * * * *', 'beginning of range (5) beyond end of range (1): 5-1'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('%j', (schedule, expected) => {
    expect(cronScheduleError(schedule)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ['Europe/Berlin', undefined],
    ['UTC', undefined],
    ['', 'timeZone must be nil or non-empty string'],
    ['Local', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['Nowhere/City', 'unknown time zone Nowhere/City'],
    ['../etc/passwd', 'unknown time zone ../etc/passwd'],
  ])('time zone %j', (tz, expected) => {
    expect(timeZoneError(tz)).toBe(expected);
  });
});

describe('CronJob', () => {
  it('defaults policy, suspend, history limits and the pod template', () => {
    const obj = cronJob();
    expect(createThrough(cronjobs, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { template: { spec: { dnsPolicy: 'ClusterFirst' } } } },
    });
  });

  it.each<[string, KubeObject, string[]]>([
    [
      'bad schedule',
      cronJob({ schedule: '61 * * * *' }),
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ],
    ['missing schedule', cronJob({ schedule: '' }), ['spec.schedule: Required value']],
    [
      'TZ prefix',
      cronJob({ schedule: 'TZ=UTC 0 * * * *' }),
      [
        'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    ],
    [
      'bad time zone',
      cronJob({ timeZone: 'Moon/Base' }),
      ['spec.timeZone: Invalid value: "Moon/Base": unknown time zone Moon/Base'],
    ],
    [
      'bad concurrency',
      cronJob({ concurrencyPolicy: 'Sometimes' }),
      [
        'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      ],
    ],
    [
      'long name',
      cronJob({}, 'a'.repeat(53)),
      [`metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`],
    ],
    [
      'job template selector',
      cronJob({
        jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate('x', 'Never') } },
      }),
      [
        'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"a":"b"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      ],
    ],
    [
      'job template restart policy',
      cronJob({ jobTemplate: { spec: { template: podTemplate('x', 'Always') } } }),
      [
        'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(messages(createThrough(cronjobs, obj))).toEqual(expected);
  });

  it('lets an object that already had TZ in its schedule keep it', () => {
    const old = cronJob();
    createThrough(cronjobs, old);
    (old.spec as Record<string, unknown>).schedule = 'TZ=UTC 0 * * * *';
    const next = copy(old);
    (next.spec as Record<string, unknown>).suspend = true;
    expect(updateThrough(cronjobs, next, old)).toEqual([]);
  });

  it('prints kubectl columns', () => {
    const obj = cronJob({ timeZone: 'Etc/UTC' });
    createThrough(cronjobs, obj);
    obj.metadata.creationTimestamp = '2026-01-01T11:00:00Z';
    obj.status = { active: [{ name: 'hello-1' }], lastScheduleTime: '2026-01-01T11:55:00Z' };
    expect(cronjobs.table?.cells(obj, now)).toEqual([
      'hello',
      '*/5 * * * *',
      'Etc/UTC',
      'False',
      1,
      '5m',
      '60m',
      'c',
      'nginx:1.27',
      '<none>',
    ]);
  });
});
