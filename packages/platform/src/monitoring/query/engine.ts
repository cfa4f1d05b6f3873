/**
 * @module monitoring/query/engine
 * Evaluates a KubeSphere metric at one level over a time grid: fetch the base series from the source
 * (memoized per request), add the labels the source may lack (workspace of a namespace, workload of a pod),
 * keep the series in scope, sum them per level group, then combine sub-expressions group by group.
 */
import { LEVEL_LABELS, metricExpr, type Expr, type Level } from './catalog';
import type { GridSeries, Grid, Labels, MetricsSource } from './types';

/** Which resources a query covers. */
export interface Scope {
  level: Level;
  /** Exact label values (also passed to the source to narrow its selection). */
  eq: Labels;
  /** Further restriction, evaluated on enriched labels (e.g. "namespace belongs to workspace w"). */
  filter?: (labels: Labels) => boolean;
}

/** Adds derived labels (workspace, owner_kind, workload, node) to a base series' labels. */
export type Enricher = (labels: Labels) => Labels;

export interface MetricSeries {
  labels: Labels;
  values: Float64Array;
}

const PUSHDOWN = ['namespace', 'node', 'pod', 'container'];

/** Shared state of one API request: base series fetched once even when several metrics read them. */
export class Evaluation {
  private readonly fetched = new Map<string, Promise<GridSeries[]>>();

  constructor(
    readonly source: MetricsSource,
    readonly grid: Grid,
    readonly enrich: Enricher = (l) => l,
  ) {}

  /** The metric's series, or undefined when the catalogue has no expression for it. */
  async metric(metric: string, scope: Scope): Promise<MetricSeries[] | undefined> {
    const expr = metricExpr(metric);
    if (!expr) return undefined;
    const groups = await this.evaluate(expr, scope);
    return [...groups.values()].filter((s) => s.values.some((v) => !Number.isNaN(v)));
  }

  private async evaluate(e: Expr, scope: Scope): Promise<Map<string, MetricSeries>> {
    if ('base' in e) return this.sumBase(e.base, scope);
    const [a, b] = await Promise.all([this.evaluate(e.a, scope), this.evaluate(e.b, scope)]);
    const out = new Map<string, MetricSeries>();
    for (const [key, sa] of a) {
      const sb = b.get(key);
      if (!sb) continue;
      const values = new Float64Array(this.grid.count);
      for (let i = 0; i < values.length; i++) {
        const x = sa.values[i];
        const y = sb.values[i];
        if (e.op === '/') values[i] = y === 0 ? NaN : x / y;
        else if (e.op === '-') values[i] = x - y;
        else values[i] = x + y;
      }
      out.set(key, { labels: sa.labels, values });
    }
    return out;
  }

  private async sumBase(base: string, scope: Scope): Promise<Map<string, MetricSeries>> {
    const eq: Labels = {};
    for (const k of PUSHDOWN) if (scope.eq[k] !== undefined) eq[k] = scope.eq[k];
    const cacheKey = `${base}\x00${JSON.stringify(eq)}`;
    let p = this.fetched.get(cacheKey);
    if (!p) {
      p = this.source.fetch({ base, eq, grid: this.grid });
      this.fetched.set(cacheKey, p);
    }
    const series = await p;
    const by = LEVEL_LABELS[scope.level];
    const out = new Map<string, MetricSeries>();
    for (const s of series) {
      const labels = this.enrich(s.labels);
      if (!matches(labels, scope)) continue;
      let key = '';
      for (const l of by) key += `${labels[l] ?? ''}\x00`;
      let group = out.get(key);
      if (!group) {
        const gl: Labels = {};
        for (const l of by) if (labels[l] !== undefined) gl[l] = labels[l];
        group = { labels: gl, values: new Float64Array(this.grid.count).fill(NaN) };
        out.set(key, group);
      }
      const acc = group.values;
      const vs = s.values;
      for (let i = 0; i < acc.length; i++) {
        const v = vs[i];
        if (Number.isNaN(v)) continue;
        acc[i] = Number.isNaN(acc[i]) ? v : acc[i] + v;
      }
    }
    return out;
  }
}

function matches(labels: Labels, scope: Scope): boolean {
  for (const k in scope.eq) if (labels[k] !== scope.eq[k]) return false;
  if (scope.filter && !scope.filter(labels)) return false;
  // A grouped level needs its labels: a node-level series has no namespace, so it is no namespace's.
  for (const l of LEVEL_LABELS[scope.level]) if (labels[l] === undefined || labels[l] === '') return false;
  return true;
}
