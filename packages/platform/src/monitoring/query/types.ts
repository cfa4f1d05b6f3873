/**
 * @module monitoring/query/types
 * The contract between the query engine and its data sources. Sources deliver *base series* (a small
 * set of gauges such as per-pod CPU cores or per-namespace pod counts) sampled on a regular time grid; the
 * engine derives every KubeSphere metric from them (sums per level, ratios, differences).
 */
export type Labels = Record<string, string>;

/** Evaluation timestamps: `count` points from `start`, every `step` (milliseconds). */
export interface Grid {
  start: number;
  step: number;
  count: number;
}

/** A base series with one value per grid point (NaN where there is no sample). */
export interface GridSeries {
  labels: Labels;
  values: Float64Array;
}

/** What the engine asks a source for. */
export interface BaseFetch {
  /** Base series name (see catalog.ts `BASE_SERIES`). */
  base: string;
  /** Label equalities the source may use to narrow its selection (namespace, node, pod, container). */
  eq: Labels;
  grid: Grid;
}

/** Source (a) is the embedded TSDB, source (b) a Prometheus server. */
export interface MetricsSource {
  readonly name: string;
  fetch(f: BaseFetch): Promise<GridSeries[]>;
}

export function gridTimes(g: Grid): number[] {
  return Array.from({ length: g.count }, (_, i) => g.start + i * g.step);
}
