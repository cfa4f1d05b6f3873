/**
 * @module monitoring/tsdb/migrate
 * Format 1 → 2. Format 1 kept two Gorilla tiers per series, the 5-minute averages (in single precision)
 * and maxima, without the number of samples behind each average. They become 5-minute buckets of count 1
 * (sum = the stored average), so averages read back exactly as before; a bucket missing from one of the
 * tiers takes the other's value.
 */

/** One series' decoded samples of a format-1 tier. */
export interface LegacyTierSamples {
  id: number;
  tier: 'avg' | 'max';
  ts: Float64Array;
  vs: Float64Array;
}

export interface MigratedBucket {
  t: number;
  sum: number;
  count: number;
  max: number;
}

/** Buckets per series id, in time order. */
export function migrateLegacyTiers(legacy: LegacyTierSamples[]): Map<number, MigratedBucket[]> {
  const byId = new Map<number, Map<number, { avg?: number; max?: number }>>();
  for (const { id, tier, ts, vs } of legacy) {
    let m = byId.get(id);
    if (!m) byId.set(id, (m = new Map()));
    for (let i = 0; i < ts.length; i++) {
      const e = m.get(ts[i]) ?? {};
      e[tier] = vs[i];
      m.set(ts[i], e);
    }
  }
  const out = new Map<number, MigratedBucket[]>();
  for (const [id, m] of byId) {
    const list: MigratedBucket[] = [];
    for (const [t, e] of [...m].sort((a, b) => a[0] - b[0])) {
      const avg = e.avg ?? e.max!;
      list.push({ t, sum: avg, count: 1, max: e.max ?? avg });
    }
    out.set(id, list);
  }
  return out;
}
