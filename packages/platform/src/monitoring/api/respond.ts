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
import { JsonWriter, MAX_VALUE_BYTES, formatValue, putValue } from './json';
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

export { formatValue };

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

/** What a response holds before it is written out: per metric its series, in answer order. */
interface Answer {
  resultType: 'vector' | 'matrix';
  metrics: { name: string; series: MetricSeries[]; error?: string }[];
  paging?: { page: number; total_item: number; total_page: number };
}

/** Evaluates every metric of the level that `metrics_filter` selects, ranks and pages them. */
async function answer(ev: Evaluation, scope: Scope, p: MonitoringParams): Promise<Answer> {
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
  if (!p.sort) return { resultType, metrics: evaluated };
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
  const order = new Map(pageIds.map((id, i) => [id, i]));
  const metrics = evaluated.map((e) => ({
    ...e,
    series: e.series
      .filter((s) => order.has(identity(scope.level, s.labels)))
      .sort(
        (a, b) => order.get(identity(scope.level, a.labels))! - order.get(identity(scope.level, b.labels))!,
      ),
  }));
  return {
    resultType,
    metrics,
    paging: { page, total_item: ranked.length, total_page: Math.ceil(ranked.length / limit) },
  };
}

/**
 * Evaluates every metric of the level that `metrics_filter` selects and builds the response as objects
 * (the reference form; the routes send `respondJson`, its exact JSON text).
 */
export async function respond(
  ev: Evaluation,
  scope: Scope,
  p: MonitoringParams,
): Promise<MonitoringResponse> {
  const a = await answer(ev, scope, p);
  const out: MonitoringResponse = { results: [] };
  if (a.paging) {
    out.page = a.paging.page;
    out.total_item = a.paging.total_item;
    out.total_page = a.paging.total_page;
  }
  for (const e of a.metrics) {
    const result: MetricResult = { metric_name: e.name, data: { resultType: a.resultType } };
    if (e.series.length) result.data.result = e.series.map((s) => toItem(s, p));
    if (e.error) result.error = e.error;
    out.results.push(result);
  }
  return out;
}

/**
 * The response as JSON bytes, byte for byte `JSON.stringify(await respond(ev, scope, p))`, written in one
 * pass: no per-point arrays or strings, values printed straight into the buffer (json.ts).
 */
export async function respondJson(ev: Evaluation, scope: Scope, p: MonitoringParams): Promise<Buffer> {
  const a = await answer(ev, scope, p);
  let points = 0;
  for (const e of a.metrics) points += e.series.length * (p.range ? p.grid.count : 1);
  const w = new JsonWriter(256 + points * 24);
  // `[t,"` for every grid point, once: timestamps repeat in every series.
  const prefixes = new JsonWriter(p.grid.count * 16);
  const at = new Int32Array(p.grid.count + 1);
  const count = p.range ? p.grid.count : 1;
  for (let i = 0; i < count; i++) {
    at[i] = prefixes.pos;
    prefixes.ascii(`[${JSON.stringify((p.grid.start + i * p.grid.step) / 1000)},"`);
  }
  at[count] = prefixes.pos;
  const pre = prefixes.buf;
  let maxPrefix = 0;
  for (let i = 0; i < count; i++) maxPrefix = Math.max(maxPrefix, at[i + 1] - at[i]);
  w.ascii('{"results":[');
  for (let m = 0; m < a.metrics.length; m++) {
    const e = a.metrics[m];
    if (m > 0) w.ascii(',');
    w.ascii('{"metric_name":');
    w.text(JSON.stringify(e.name));
    w.ascii(`,"data":{"resultType":"${a.resultType}"`);
    if (e.series.length) {
      w.ascii(',"result":[');
      for (let k = 0; k < e.series.length; k++) {
        const s = e.series[k];
        if (k > 0) w.ascii(',');
        w.ascii('{"metric":');
        w.text(JSON.stringify(s.labels));
        const vs = s.values;
        if (!p.range) {
          w.ascii(',"value":');
          w.reserve(at[1] - at[0] + MAX_VALUE_BYTES + 2);
          w.pos = putPoint(w.buf, w.pos, pre, at[0], at[1], vs, 0);
          w.ascii('}');
          continue;
        }
        w.ascii(',"values":[');
        // Room for every point at once, then plain writes into the buffer.
        w.reserve(vs.length * (maxPrefix + MAX_VALUE_BYTES + 3));
        const b = w.buf;
        let q = w.pos;
        const start = q;
        for (let i = 0; i < vs.length; i++) {
          const v = vs[i];
          if (v !== v) continue; // NaN: no point
          if (q !== start) b[q++] = 44; // ,
          q = putPoint(b, q, pre, at[i], at[i + 1], vs, i);
        }
        w.pos = q;
        w.ascii(']}');
      }
      w.ascii(']');
    }
    w.ascii('}');
    if (e.error) {
      w.ascii(',"error":');
      w.text(JSON.stringify(e.error));
    }
    w.ascii('}');
  }
  w.ascii(']');
  if (a.paging) {
    const { page, total_item, total_page } = a.paging;
    w.ascii(
      `,"page":${JSON.stringify(page)},"total_item":${JSON.stringify(total_item)},"total_page":${JSON.stringify(total_page)}`,
    );
  }
  w.ascii('}');
  return w.bytes();
}

/** `[t,"v"]` at b[q…]: the point's prefix `[t,"` copied from `pre`, the value `vs[i]`, `"]`. */
function putPoint(
  b: Uint8Array,
  q: number,
  pre: Uint8Array,
  from: number,
  to: number,
  vs: Float64Array,
  i: number,
): number {
  for (let j = from; j < to; j++) b[q++] = pre[j];
  q = putValue(b, q, vs, i);
  b[q++] = 34; // "
  b[q++] = 93; // ]
  return q;
}
