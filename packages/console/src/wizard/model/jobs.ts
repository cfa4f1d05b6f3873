/**
 * @module jobs
 * Job Settings and CronJob Settings sections.
 */
import { getIn, setIn } from '../../lib/object-path';
import { byKind, withObject, type Draft } from './draft';

export interface JobSettings {
  backoffLimit?: number;
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
}

export interface CronSettings {
  schedule: string;
  concurrencyPolicy: 'Allow' | 'Forbid' | 'Replace';
  startingDeadlineSeconds?: number;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

/** Schedule presets of the CronJob form. */
export const SCHEDULE_PRESETS: Record<string, string> = {
  EVERY_HOUR: '0 * * * *',
  EVERY_DAY: '0 0 * * *',
  EVERY_WEEK: '0 0 * * 0',
  EVERY_MONTH: '0 0 1 * *',
};

const JOB_KEYS = ['backoffLimit', 'parallelism', 'completions', 'activeDeadlineSeconds'] as const;
const jobSpecPath = (kind: 'Job' | 'CronJob') => (kind === 'Job' ? 'spec' : 'spec.jobTemplate.spec');

const optNum = (v: unknown) => (typeof v === 'number' ? v : undefined);

export function readJobSettings(draft: Draft, kind: 'Job' | 'CronJob'): JobSettings {
  const spec = (getIn(byKind(draft, kind), jobSpecPath(kind)) ?? {}) as Record<string, unknown>;
  return Object.fromEntries(JOB_KEYS.map((k) => [k, optNum(spec[k])])) as JobSettings;
}

export function applyJobSettings(draft: Draft, kind: 'Job' | 'CronJob', s: JobSettings): Draft {
  let o = byKind(draft, kind);
  if (!o) return draft;
  for (const k of JOB_KEYS) o = setIn(o, `${jobSpecPath(kind)}.${k}`, s[k] ?? undefined);
  return withObject(draft, o);
}

export function readCronSettings(draft: Draft): CronSettings {
  const spec = (byKind(draft, 'CronJob')?.spec ?? {}) as Record<string, unknown>;
  return {
    schedule: String(spec.schedule ?? ''),
    concurrencyPolicy: (spec.concurrencyPolicy as CronSettings['concurrencyPolicy']) ?? 'Forbid',
    startingDeadlineSeconds: optNum(spec.startingDeadlineSeconds),
    successfulJobsHistoryLimit: optNum(spec.successfulJobsHistoryLimit),
    failedJobsHistoryLimit: optNum(spec.failedJobsHistoryLimit),
  };
}

export function applyCronSettings(draft: Draft, s: CronSettings): Draft {
  let o = byKind(draft, 'CronJob');
  if (!o) return draft;
  o = setIn(o, 'spec.schedule', s.schedule);
  o = setIn(o, 'spec.concurrencyPolicy', s.concurrencyPolicy);
  for (const k of [
    'startingDeadlineSeconds',
    'successfulJobsHistoryLimit',
    'failedJobsHistoryLimit',
  ] as const)
    o = setIn(o, `spec.${k}`, s[k] ?? undefined);
  return withObject(draft, o);
}

/** A five-field cron expression (minute hour day-of-month month day-of-week) or a @macro. */
export function isCronSchedule(s: string): boolean {
  if (/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(s.trim())) return true;
  const fields = s.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => /^[\d*/,\-A-Za-z?]+$/.test(f));
}
