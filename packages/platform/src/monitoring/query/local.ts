/**
 * @module monitoring/query/local
 * Source (a): base series from the embedded TSDB. The value at a grid point is the newest sample at or
 * before it within a look-back window (raw tier: `rawLookbackMs`; 5-minute tier: one bucket). Grids with a
 * step of at least the downsampling resolution read the 5-minute averages (a 7-day range then decodes 288
 * buckets a day instead of 8,640 samples, and never touches raw chunks older than the newest minutes),
 * falling back to raw samples for the newest minutes that are not yet downsampled; finer grids read raw
 * samples while they are retained and averages before that. Buckets are read in place, by index where
 * their timestamps are regular (see BucketTier.sampleAverages).
 */
import type { Tsdb } from '../tsdb/db';
import type { BaseFetch, GridSeries, Labels, MetricsSource } from './types';

export interface LocalSourceOptions {
  /** Look-back of the raw tier (default 60 s: tolerates a missed 10 s scrape or five). */
  rawLookbackMs?: number;
}

export class LocalSource implements MetricsSource {
  readonly name = 'embedded';
  private readonly rawLookback: number;

  constructor(
    private readonly db: Tsdb,
    opts: LocalSourceOptions = {},
  ) {
    this.rawLookback = opts.rawLookbackMs ?? 60_000;
  }

  async fetch({ base, eq, grid }: BaseFetch): Promise<GridSeries[]> {
    const keys = Object.keys(eq);
    const ids = this.db.selectMetric(base, (l: Labels) => keys.every((k) => l[k] === eq[k]));
    const res = this.db.opts.resolutionMs;
    const first = grid.start;
    const last = grid.start + (grid.count - 1) * grid.step;
    const coarse = grid.step >= res;
    const horizon = this.db.rawHorizon;
    const out: GridSeries[] = [];
    for (const id of ids) {
      const values = new Float64Array(grid.count).fill(NaN);
      if (coarse || first - this.rawLookback < horizon) {
        this.db.sampleAverages(id, values, grid.start, grid.step, coarse ? Infinity : horizon);
      }
      // Raw samples fill what the 5-minute tier does not have (the newest minutes, or fine grids).
      const rawFrom = coarse ? firstMissing(values, grid.start, grid.step) : Math.max(first, horizon);
      if (rawFrom === undefined || rawFrom > last) {
        out.push({ labels: this.db.labels(id), values });
        continue;
      }
      // Grid points at or after the newest sample see that sample (within the look-back) and no other:
      // answered without decoding (a range ending now needs nothing else from the raw tier).
      let to = last;
      const newest = this.db.newest(id);
      if (newest && !Number.isNaN(newest.v)) {
        let i = grid.count - 1;
        for (; i >= 0; i--) {
          const g = grid.start + i * grid.step;
          if (g < newest.t || g < rawFrom) break;
          if (Number.isNaN(values[i]) && newest.t > g - this.rawLookback) values[i] = newest.v;
        }
        to = grid.start + i * grid.step;
      }
      if (rawFrom <= to) {
        this.db.visit(id, rawFrom - this.rawLookback + 1, to, (ts, vs) =>
          sampleInto(values, grid.start, grid.step, ts, vs, this.rawLookback, rawFrom, Infinity),
        );
      }
      out.push({ labels: this.db.labels(id), values });
    }
    return out;
  }
}

/** Grid time of the first point after the last filled one (undefined when all are filled). */
function firstMissing(values: Float64Array, start: number, step: number): number | undefined {
  let i = values.length;
  while (i > 0 && Number.isNaN(values[i - 1])) i--;
  return i === values.length ? undefined : start + i * step;
}

/**
 * For each grid point from ≤ g < until still NaN: the newest sample of this piece with g - lookback < t ≤ g.
 * Pieces come newest first, so a point filled by a newer piece is never overwritten by an older one. Only
 * grid points inside the piece's time span (plus look-back) are visited; both are sorted, so one walk.
 */
function sampleInto(
  out: Float64Array,
  start: number,
  step: number,
  ts: Float64Array,
  vs: Float64Array,
  lookback: number,
  from: number,
  until: number,
): void {
  if (ts.length === 0) return;
  let j = 0;
  // First grid point that can see this piece: g ≥ ts[0].
  const i0 = Math.max(0, Math.ceil((Math.max(ts[0], from) - start) / step));
  const iEnd = Math.min(out.length, Math.floor((ts[ts.length - 1] + lookback - start) / step) + 1);
  for (let i = i0; i < iEnd; i++) {
    const g = start + i * step;
    if (g >= until) break;
    if (g < from || !Number.isNaN(out[i])) continue;
    while (j + 1 < ts.length && ts[j + 1] <= g) j++;
    if (j < ts.length && ts[j] <= g && ts[j] > g - lookback) out[i] = vs[j];
  }
}
