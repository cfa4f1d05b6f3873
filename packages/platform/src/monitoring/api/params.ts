/**
 * @module monitoring/api/params
 * Query parameters of `monitoring.kubesphere.io/v1alpha3`, as KubeSphere parses them: `metrics_filter` and
 * `resources_filter` are unanchored regular expressions; `time` (unix seconds) asks for an instant, `start`
 * + `end` (unix seconds) + `step` (Go duration, default 10m) for a range; `sort_metric`, `sort_type`
 * (desc), `page` (1) and `limit` (5) rank instant results.
 */
import { errors } from '@sphere/shared';
import type { Grid } from '../query/types';

export interface MonitoringParams {
  metricsFilter: RegExp;
  resourcesFilter?: RegExp;
  namespacedResourcesFilter?: RegExp;
  grid: Grid;
  range: boolean;
  sort?: { metric: string; desc: boolean; page: number; limit: number };
}

/** Prometheus' own limit, kept so a careless step cannot exhaust memory. */
export const MAX_POINTS = 11_000;

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration ("10m", "1h30m", "90s", "1.5h") into milliseconds. */
export function parseGoDuration(s: string): number | undefined {
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(s)) return undefined;
  let total = 0;
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * UNITS[m[2]];
  return total;
}

function regexParam(q: URLSearchParams, name: string): RegExp | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  try {
    return new RegExp(v);
  } catch {
    throw errors.badRequest(`invalid ${name} regular expression: ${v}`);
  }
}

function unixParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw errors.badRequest(`invalid ${name}: ${v} (unix seconds expected)`);
  return n * 1000;
}

function intParam(q: URLSearchParams, name: string, dflt: number): number {
  const v = q.get(name);
  if (v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw errors.badRequest(`invalid ${name}: ${v}`);
  return n;
}

/** Parses and validates the query string; `now` is the default instant (milliseconds). */
export function parseParams(q: URLSearchParams, now: number): MonitoringParams {
  const metricsFilter = regexParam(q, 'metrics_filter') ?? /.*/;
  const resourcesFilter = regexParam(q, 'resources_filter');
  const namespacedResourcesFilter = regexParam(q, 'namespaced_resources_filter');
  const start = unixParam(q, 'start');
  const end = unixParam(q, 'end');
  const time = unixParam(q, 'time');
  let grid: Grid;
  let range = false;
  if (start !== undefined && end !== undefined && time === undefined) {
    if (start > end) throw errors.badRequest('start must be before end');
    const stepText = q.get('step') || '10m';
    const step = parseGoDuration(stepText);
    if (!step || step <= 0) throw errors.badRequest(`invalid step: ${stepText}`);
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_POINTS)
      throw errors.badRequest(
        `exceeded maximum resolution of ${MAX_POINTS} points per timeseries. Try decreasing the query resolution (?step=XX)`,
      );
    grid = { start, step, count };
    range = true;
  } else {
    if (time !== undefined && (start !== undefined || end !== undefined))
      throw errors.badRequest('time and start/end are mutually exclusive');
    grid = { start: time ?? Math.floor(now / 1000) * 1000, step: 1, count: 1 };
  }
  const sortMetric = q.get('sort_metric');
  let sort: MonitoringParams['sort'];
  if (sortMetric && !range) {
    const type = q.get('sort_type') || 'desc';
    if (type !== 'asc' && type !== 'desc') throw errors.badRequest(`invalid sort_type: ${type}`);
    sort = {
      metric: sortMetric,
      desc: type === 'desc',
      page: intParam(q, 'page', 1),
      limit: intParam(q, 'limit', 5),
    };
  }
  return { metricsFilter, resourcesFilter, namespacedResourcesFilter, grid, range, sort };
}
