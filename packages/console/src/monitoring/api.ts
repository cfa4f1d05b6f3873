/**
 * @module monitoring/api
 * Calls to `monitoring.kubesphere.io/v1alpha3` and the response helpers the charts use.
 */
import { request } from '../api/http';
import type { AlertPolicy, ShownPolicy } from './alerting';

export const MONITORING = '/kapis/monitoring.kubesphere.io/v1alpha3';
export const ALERTING = '/kapis/alerting.kubesphere.io/v2alpha1';

export type Point = [number, string];

export interface MetricResult {
  metric_name: string;
  data: {
    resultType: 'vector' | 'matrix';
    result?: { metric: Record<string, string>; value?: Point; values?: Point[] }[];
  };
  error?: string;
}

export interface MonitoringResponse {
  results: MetricResult[];
  page?: number;
  total_page?: number;
  total_item?: number;
  /** Client-side: the window a range query asked for (unix seconds), so charts span all of it. */
  range?: { start: number; end: number };
}

/** A time window: `last` seconds up to now, or a custom start/end (unix seconds). */
export type TimeWindow = { last: number } | { start: number; end: number };

/** KubeSphere's presets: 10 min … 7 days. */
export const PRESETS = [600, 1200, 1800, 3600, 7200, 10800, 18000, 43200, 86400, 172800, 259200, 604800];

/** About 60 points per chart, rounded to a step the TSDB answers well (≥ 10 s). */
export function stepFor(seconds: number): number {
  const raw = Math.max(10, Math.round(seconds / 60));
  const nice = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 18000];
  return nice.find((s) => s >= raw) ?? raw;
}

/** start, end, step (Go duration) for a window at `now` (unix seconds). */
export function rangeParams(w: TimeWindow, now: number): { start: number; end: number; step: string } {
  const end = 'last' in w ? Math.floor(now) : w.end;
  const start = 'last' in w ? end - w.last : w.start;
  return { start, end, step: `${stepFor(end - start)}s` };
}

/** `a|b|c$`, as the KubeSphere console sends metrics_filter. */
export const metricsFilter = (names: string[]) => `${names.join('|')}$`;

export function fetchMetrics(
  path: string,
  metrics: string[],
  query: Record<string, string | number | undefined> = {},
): Promise<MonitoringResponse> {
  return request<MonitoringResponse>(`${MONITORING}${path}`, {
    query: { metrics_filter: metricsFilter(metrics), ...query },
  });
}

/** The series of one metric from a response. */
export function seriesOf(r: MonitoringResponse | undefined, metric: string) {
  return r?.results.find((x) => x.metric_name === metric)?.data.result ?? [];
}

/** The instant value of a metric (first series), or undefined. */
export function valueOf(
  r: MonitoringResponse | undefined,
  metric: string,
  match?: Record<string, string>,
): number | undefined {
  const s = seriesOf(r, metric).find(
    (x) => !match || Object.entries(match).every(([k, v]) => x.metric[k] === v),
  );
  const v = s?.value?.[1] ?? s?.values?.[s.values.length - 1]?.[1];
  return v === undefined ? undefined : Number(v);
}

export interface AlertMessage {
  id: string;
  policy: string;
  namespace?: string;
  severity: string;
  metric: string;
  labels: Record<string, string>;
  value: string;
  state: 'firing' | 'resolved';
  condition?: string;
  threshold?: number;
  startsAt: string;
  endsAt?: string;
}

export function fetchAlerts(namespace?: string): Promise<{ items: AlertMessage[] }> {
  return request(`${ALERTING}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/alerts`);
}

const rulesPath = (namespace?: string, name?: string) =>
  `${ALERTING}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ''}/rules${
    name ? `/${encodeURIComponent(name)}` : ''
  }`;

/** Alert policies of the cluster, or of one project, each with its status. */
export function fetchPolicies(namespace?: string): Promise<{ items: ShownPolicy[] }> {
  return request(rulesPath(namespace));
}

export function createPolicy(namespace: string | undefined, p: AlertPolicy): Promise<ShownPolicy> {
  return request(rulesPath(namespace), { method: 'POST', body: p });
}

export function updatePolicy(namespace: string | undefined, p: AlertPolicy): Promise<ShownPolicy> {
  return request(rulesPath(namespace, p.name), { method: 'PUT', body: p });
}

export function deletePolicy(namespace: string | undefined, name: string): Promise<unknown> {
  return request(rulesPath(namespace, name), { method: 'DELETE' });
}
