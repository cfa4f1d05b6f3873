import { describe, expect, it } from 'vitest';
import { Tsdb } from '../tsdb/db';
import { LocalSource } from './local';
import type { Grid } from './types';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 0, 1);

/** The definition, point by point over `Tsdb.read` copies (the slow path the fast one must match). */
function reference(db: Tsdb, id: number, grid: Grid, lookback: number): number[] {
  const res = db.opts.resolutionMs;
  const horizon = db.rawHorizon;
  const avg = db.read(id, -Infinity, Infinity, 'avg');
  const raw = db.read(id, -Infinity, Infinity, 'raw');
  const newest = (ts: Float64Array, vs: Float64Array, g: number, lb: number) => {
    let v = NaN;
    for (let j = 0; j < ts.length && ts[j] <= g; j++) if (ts[j] > g - lb) v = vs[j];
    return v;
  };
  const gs = Array.from({ length: grid.count }, (_, i) => grid.start + i * grid.step);
  const coarse = grid.step >= res;
  const out = gs.map((g) => (coarse || g < horizon ? newest(avg.ts, avg.vs, g, res) : NaN));
  let rawFrom: number;
  if (coarse) {
    let i = out.length;
    while (i > 0 && Number.isNaN(out[i - 1])) i--;
    rawFrom = grid.start + i * grid.step;
  } else rawFrom = Math.max(grid.start, horizon);
  return out.map((v, i) =>
    gs[i] >= rawFrom && Number.isNaN(v) ? newest(raw.ts, raw.vs, gs[i], lookback) : v,
  );
}

describe('LocalSource', () => {
  it('answers exactly as the point-by-point definition on random data', async () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const end = T0 + 9 * DAY;
    let now = T0;
    const db = new Tsdb({ now: () => now, chunkSamples: 60, downsampledChunkSamples: 40 });
    const ids = Array.from({ length: 6 }, (_, i) => db.ref({ __name__: 'pod_cpu_usage', pod: `p${i}` }));
    const level = ids.map(() => rnd());
    for (let t = T0; t <= end; t += 10_000) {
      for (let k = 0; k < ids.length; k++) {
        // Gaps (restarts, missed scrapes), and one series of arbitrary floats.
        if (rnd() < 0.02 || (t % (2 * DAY) > DAY / 3 && t % (2 * DAY) < DAY / 2 && k % 2 === 0)) continue;
        level[k] = Math.max(0, level[k] + (rnd() - 0.5) * 0.01);
        db.append(ids[k], t, k === 5 ? level[k] : Math.round(level[k] * 1e4) / 1e4);
      }
      if (t % (10 * MIN) === 0) {
        now = t;
        db.compact();
      }
    }
    const lookback = 60_000;
    const source = new LocalSource(db, { rawLookbackMs: lookback });
    for (const [start, step, count] of [
      [end - 7 * DAY, 3_600_000, 169],
      [end - 7 * DAY + 12_345, 600_000, 1009],
      [end - 8 * DAY, 5 * MIN, 2000],
      [end - 3 * DAY + 7_000, 7 * MIN, 600],
      [end - DAY - 2 * 3_600_000, MIN, 300],
      [end - 3_600_000, 10_000, 361],
      // Past the newest sample (answered from the newest sample without decoding, until it is too old).
      [end - 3_600_000, 10_000, 400],
      [end - 600_000 + 3_000, 7_000, 200],
      [end - 2 * DAY + 5_000, 3_600_000, 60],
    ]) {
      const grid = { start, step, count };
      const got = await source.fetch({ base: 'pod_cpu_usage', eq: {}, grid });
      for (const s of got) {
        const id = db.selectMetric('pod_cpu_usage', (l) => l.pod === s.labels.pod)[0];
        const want = reference(db, id, grid, lookback);
        expect(Array.from(s.values)).toEqual(want);
        expect(want.filter((v) => !Number.isNaN(v)).length).toBeGreaterThan(count / 3);
      }
    }
  });
});
