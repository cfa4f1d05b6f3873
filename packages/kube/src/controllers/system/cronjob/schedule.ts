/**
 * @module controllers/system/cronjob/schedule
 * Schedule arithmetic for CronJobs (five-field cron and @-macros, in spec.timeZone or UTC): the most
 * recent scheduled time not yet run, how many were missed, and when the next one falls.
 */
import { Cron } from 'croner';

const macros: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

/** A parsed schedule; throws on a pattern the parser refuses. */
export function parseSchedule(schedule: string, timeZone?: string): Cron {
  const pattern = macros[schedule.trim().toLowerCase()] ?? schedule.trim().replace(/\?/g, '*');
  // Vixie cron semantics: a restricted day-of-month OR a restricted day-of-week matches.
  return new Cron(pattern, { paused: true, timezone: timeZone || 'UTC', mode: '5-part', domAndDow: false });
}

export interface MissedSchedules {
  /** The latest scheduled time in (earliest, now], if any. */
  mostRecent?: Date;
  /** How many scheduled times fell in the window (capped just above 100). */
  missed: number;
}

/** Scheduled times after `earliest` up to `now` (upstream `mostRecentScheduleTime`). */
export function missedSchedules(cron: Cron, earliest: Date, now: Date): MissedSchedules {
  let missed = 0;
  let mostRecent: Date | undefined;
  let t = cron.nextRun(earliest);
  while (t && t.getTime() <= now.getTime()) {
    mostRecent = t;
    missed++;
    if (missed > 100) {
      // Too many to walk: jump to the last one at or before now (previousRuns excludes `now` itself).
      const before = cron.previousRuns(1, now)[0];
      const after = before ? cron.nextRun(before) : null;
      mostRecent = after && after.getTime() <= now.getTime() ? after : (before ?? mostRecent);
      break;
    }
    t = cron.nextRun(t);
  }
  return { mostRecent, missed };
}

/** Milliseconds from `now` until the next scheduled time (undefined when there is none). */
export function msUntilNext(cron: Cron, now: Date): number | undefined {
  const next = cron.nextRun(now);
  return next ? Math.max(0, next.getTime() - now.getTime()) : undefined;
}

/**
 * RFC 3339 of `at` in `timeZone` (as Go formats a time in its location: `2026-01-01T09:00:00+08:00`,
 * `Z` for UTC).
 */
export function formatInZone(at: Date, timeZone?: string): string {
  if (!timeZone || timeZone === 'UTC' || timeZone === 'Etc/UTC')
    return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const local = new Date(at.getTime() + offsetMin * 60_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${m[1]}${m[2]}:${m[3]}`;
}
