/**
 * @module monitoring/warmup
 * Runs the query path a few times on a small synthetic TSDB at start-up, so that the first real range
 * query does not pay for compiling it: a cold 7-day query of 1,000 pods costs several times a warm one
 * (the interpreter boxes every number it computes, and the optimizing compiler needs a few runs to kick
 * in). Synthetic data of every kind the path meets (5-minute buckets, raw samples, gaps, integers, huge,
 * tiny and negative values) keeps the compiled code from being thrown away at the first unusual value.
 */
import { parseParams } from './api/params';
import { respondJson } from './api/respond';
import { Evaluation } from './query/engine';
import { LocalSource } from './query/local';
import { Tsdb } from './tsdb/db';

const DAY = 86_400_000;

/** Builds the synthetic data and runs `rounds` range queries of pods and namespaces; returns CPU ms. */
export async function warmUp(rounds = 4, pods = 60): Promise<number> {
  const c0 = process.cpuUsage();
  const end = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  let now = end - 3 * DAY;
  const db = new Tsdb({ now: () => now });
  const ids = Array.from({ length: pods }, (_, i) =>
    db.ref({ __name__: 'pod_cpu_usage', namespace: `ns${i % 4}`, pod: `p${i}`, node: 'n' }),
  );
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  // One sample per 5-minute bucket, then the last hour every 10 s (raw samples).
  for (let t = now; t <= end; t += t < end - 3_600_000 ? 300_000 : 10_000) {
    for (let i = 0; i < pods; i++) {
      if (i % 7 === 3 && rnd() < 0.1) continue; // gaps
      const v =
        i % 11 === 5
          ? Math.round(rnd() * 2 ** 40) // integers
          : i % 13 === 7
            ? (rnd() - 0.5) * 10 ** Math.floor(rnd() * 40 - 20) // any magnitude and sign
            : Math.round(rnd() * 1e4) / 1e4; // cores
      db.append(ids[i], t, v);
    }
    if (t % 3_600_000 === 0) {
      now = t;
      db.compact();
    }
  }
  now = end;
  db.compact();
  const source = new LocalSource(db);
  const s = end / 1000 - 3 * 86_400;
  for (let r = 0; r < rounds; r++)
    for (const [level, qs] of [
      ['pod', `metrics_filter=^pod_cpu_usage$&start=${s}&end=${end / 1000}&step=1h`],
      ['namespace', `metrics_filter=^namespace_cpu_usage$&start=${s}&end=${end / 1000}&step=10m`],
      ['pod', `metrics_filter=^pod_cpu_usage$&start=${end / 1000 - 3600}&end=${end / 1000}&step=1m`],
    ] as const) {
      const p = parseParams(new URLSearchParams(qs), end);
      await respondJson(new Evaluation(source, p.grid), { level, eq: {} }, p);
    }
  db.close();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}
