import { describe, expect, it } from 'vitest';
import { formatInZone, missedSchedules, msUntilNext, parseSchedule } from './schedule';

describe('cron schedules', () => {
  it.each([
    {
      schedule: '*/5 * * * *',
      tz: undefined,
      from: '2026-01-01T00:03:00Z',
      next: '2026-01-01T00:05:00.000Z',
    },
    { schedule: '@hourly', tz: undefined, from: '2026-01-01T00:03:00Z', next: '2026-01-01T01:00:00.000Z' },
    { schedule: '@daily', tz: undefined, from: '2026-01-01T00:03:00Z', next: '2026-01-02T00:00:00.000Z' },
    {
      schedule: '0 9 * * *',
      tz: 'Asia/Shanghai',
      from: '2026-01-01T00:03:00Z',
      next: '2026-01-01T01:00:00.000Z',
    },
    { schedule: '0 0 1 * 1', tz: undefined, from: '2026-01-01T00:03:00Z', next: '2026-01-05T00:00:00.000Z' },
  ])('$schedule ($tz) after $from is $next', ({ schedule, tz, from, next }) => {
    const cron = parseSchedule(schedule, tz);
    expect(cron.nextRun(new Date(from))?.toISOString()).toBe(next);
  });

  it.each([
    { earliest: '2026-01-01T00:00:00Z', now: '2026-01-01T00:04:59Z', recent: undefined, missed: 0 },
    {
      earliest: '2026-01-01T00:00:00Z',
      now: '2026-01-01T00:05:00Z',
      recent: '2026-01-01T00:05:00.000Z',
      missed: 1,
    },
    {
      earliest: '2026-01-01T00:00:00Z',
      now: '2026-01-01T00:17:00Z',
      recent: '2026-01-01T00:15:00.000Z',
      missed: 3,
    },
    {
      earliest: '2026-01-01T00:00:00Z',
      now: '2026-01-03T00:00:00Z',
      recent: '2026-01-03T00:00:00.000Z',
      missed: 101,
    },
  ])('missed schedules from $earliest to $now', ({ earliest, now, recent, missed }) => {
    const r = missedSchedules(parseSchedule('*/5 * * * *'), new Date(earliest), new Date(now));
    expect(r.mostRecent?.toISOString()).toBe(recent);
    expect(r.missed).toBe(missed);
  });

  it('time until the next run', () => {
    expect(msUntilNext(parseSchedule('* * * * *'), new Date('2026-01-01T00:00:30Z'))).toBe(30_000);
  });

  it.each([
    { tz: undefined, want: '2026-01-01T01:00:00Z' },
    { tz: 'Asia/Shanghai', want: '2026-01-01T09:00:00+08:00' },
    { tz: 'America/New_York', want: '2025-12-31T20:00:00-05:00' },
  ])('formats scheduled times in $tz', ({ tz, want }) => {
    expect(formatInZone(new Date('2026-01-01T01:00:00Z'), tz)).toBe(want);
  });
});
