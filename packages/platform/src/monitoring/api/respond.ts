/**
 * @module monitoring/api/respond
 * Turns evaluated series into KubeSphere's response envelope:
 * `{results: [{metric_name, data: {resultType, result: [{metric, value | values}]}}], page, total_page,
 * total_item}`. A metric without data keeps `data.resultType` only, as KubeSphere answers. Ranking (instant
 * queries with `sort_metric`) orders resources by the sort metric's value and pages every metric alike.
 */
import { LEVEL_LABELS, metricsOfLevel, type Level } from '../query/catalog';
import { Evaluation, type Scope, type MetricSeries } from '../query/engine';
import type { Labels } from '../query/types';
import type { MonitoringParams } from './params';

type Point = [number, string];

export interface ResultItem {
  metric: Labels;
  value?: Point;
  values?: Point[];
}

export interface MetricResult {
  metric_name: string;
  data: { resultType: 'vector' | 'matrix'; result?: ResultItem[] };
  error?: string;
}

export interface MonitoringResponse {
  results: MetricResult[];
  page?: number;
  total_page?: number;
  total_item?: number;
}

// Number-to-string is the costliest step of a large answer, and monitoring values repeat (steady loads,
// counts), so recent conversions are memoized; the memo is simply dropped when it fills up.
const formatted = new Map<number, string>();

/** Values as Prometheus prints them, without float noise (0.30000000000000004 → "0.3"). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  let s = formatted.get(v);
  if (s !== undefined) return s;
  const plain = String(v);
  // Short forms (integers, rounded rates) are already exact; only long ones carry noise.
  s = plain.length <= 12 ? plain : String(Number(v.toPrecision(12)));
  if (formatted.size >= 50_000) formatted.clear();
  formatted.set(v, s);
  return s;
}

function toItem(s: MetricSeries, p: MonitoringParams): ResultItem {
  const times = (i: number) => (p.grid.start + i * p.grid.step) / 1000;
  if (!p.range) return { metric: s.labels, value: [times(0), formatValue(s.values[0])] };
  const values: Point[] = [];
  for (let i = 0; i < s.values.length; i++)
    if (!Number.isNaN(s.values[i])) values.push([times(i), formatValue(s.values[i])]);
  return { metric: s.labels, values };
}

const identity = (level: Level, labels: Labels) => LEVEL_LABELS[level].map((l) => labels[l] ?? '').join('/');

/** The label a `resources_filter` is matched against at each level. */
const NAME_LABEL: Record<Level, string | undefined> = {
  cluster: undefined,
  node: 'node',
  workspace: 'workspace',
  namespace: 'namespace',
  workload: 'workload',
  pod: 'pod',
  container: 'container',
};

/** Adds the request's resource filters to a route's scope. */
export function withFilters(scope: Scope, p: MonitoringParams): Scope {
  const nameLabel = NAME_LABEL[scope.level];
  const rf = p.resourcesFilter;
  const nrf = p.namespacedResourcesFilter;
  if (!rf && !nrf) return scope;
  const base = scope.filter;
  return {
    ...scope,
    filter: (l) => {
      if (base && !base(l)) return false;
      if (rf && nameLabel && !rf.test(l[nameLabel] ?? '')) return false;
      if (nrf && scope.level === 'pod' && !nrf.test(`${l.namespace}/${l.pod}`)) return false;
      return true;
    },
  };
}

/** Evaluates every metric of the level that `metrics_filter` selects and builds the response. */
export async function respond(
  ev: Evaluation,
  scope: Scope,
  p: MonitoringParams,
): Promise<MonitoringResponse> {
  const names = metricsOfLevel(scope.level).filter((m) => p.metricsFilter.test(m));
  const resultType = p.range ? 'matrix' : 'vector';
  const evaluated = await Promise.all(
    names.map(async (name) => {
      try {
        return { name, series: (await ev.metric(name, scope)) ?? [] };
      } catch (err) {
        return {
          name,
          series: [] as MetricSeries[],
          error: err instanceof Error ? err.message : String(err),
        };
      }
    }),
  );
  const out: MonitoringResponse = { results: [] };
  let order: Map<string, number> | undefined;
  if (p.sort) {
    const sortBy = evaluated.find((e) => e.name === p.sort!.metric)?.series ?? [];
    const ids = new Set<string>();
    for (const e of evaluated) for (const s of e.series) ids.add(identity(scope.level, s.labels));
    const value = new Map(sortBy.map((s) => [identity(scope.level, s.labels), s.values[0]]));
    const dir = p.sort.desc ? -1 : 1;
    const ranked = [...ids].sort((a, b) => {
      const va = value.get(a);
      const vb = value.get(b);
      const ma = va === undefined || Number.isNaN(va);
      const mb = vb === undefined || Number.isNaN(vb);
      if (ma !== mb) return ma ? 1 : -1; // resources without the sort metric go last
      if (!ma && va !== vb) return (va! - vb!) * dir;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    const { page, limit } = p.sort;
    const pageIds = ranked.slice((page - 1) * limit, page * limit);
    order = new Map(pageIds.map((id, i) => [id, i]));
    out.page = page;
    out.total_item = ranked.length;
    out.total_page = Math.ceil(ranked.length / limit);
  }
  for (const e of evaluated) {
    let series = e.series;
    if (order) {
      const o = order;
      series = series
        .filter((s) => o.has(identity(scope.level, s.labels)))
        .sort((a, b) => o.get(identity(scope.level, a.labels))! - o.get(identity(scope.level, b.labels))!);
    }
    const result: MetricResult = { metric_name: e.name, data: { resultType } };
    if (series.length) result.data.result = series.map((s) => toItem(s, p));
    if (e.error) result.error = e.error;
    out.results.push(result);
  }
  return out;
}
