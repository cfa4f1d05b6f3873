/**
 * The one-pass JSON writer against the reference: `putValue` prints exactly `formatValue`'s text, and
 * `respondJson` is byte for byte `JSON.stringify(respond(...))` on random data with gaps, NaN, huge, tiny
 * and negative values, ranking and paging, instant queries and failing metrics.
 */
import { describe, expect, it } from 'vitest';
import type { Level } from '../query/catalog';
import { Evaluation, type Scope } from '../query/engine';
import type { BaseFetch, GridSeries, MetricsSource } from '../query/types';
import { MAX_VALUE_BYTES, putValue } from './json';
import { parseParams } from './params';
import { formatValue, respond, respondJson } from './respond';

let seed = 20260101;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** The reference formatter without its memo (so every value is really converted). */
function reference(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  const plain = String(v);
  return plain.length <= 12 ? plain : String(Number(v.toPrecision(12)));
}

/** Values of every kind the TSDB and the engine produce, and some they should not. */
function randomValue(): number {
  const kind = Math.floor(rnd() * 9);
  const sign = rnd() < 0.2 ? -1 : 1;
  switch (kind) {
    case 0: // any magnitude
      return sign * rnd() * 10 ** Math.floor(rnd() * 44 - 22);
    case 1: // an average of CPU cores (sum of 10⁻⁴ decimals / count)
      return Math.round(rnd() * 1e6) / 1e4 / Math.ceil(rnd() * 30);
    case 2: {
      // any bit pattern (subnormals, huge, NaN, infinities)
      u32[0] = Math.floor(rnd() * 2 ** 32);
      u32[1] = Math.floor(rnd() * 2 ** 32);
      return f64[0];
    }
    case 3: // decimals of every length
      return (sign * Math.round(rnd() * 10 ** Math.floor(rnd() * 16))) / 10 ** Math.floor(rnd() * 14);
    case 4: // bytes: pages, up to terabytes
      return Math.round(rnd() * 2 ** 40) * (rnd() < 0.5 ? 4096 : 1);
    case 5: // ratios (utilisation)
      return Math.round(rnd() * 1000) / Math.ceil(rnd() * 997);
    case 6: // ties at the 12th digit and just beside them
      return (
        (Math.floor(rnd() * 1e12) + 0.5 + (rnd() < 0.5 ? 0 : (rnd() - 0.5) * 1e-3)) /
        10 ** Math.floor(rnd() * 18)
      );
    case 7: // sums of floats (noise in the last digits)
      return 0.1 * Math.ceil(rnd() * 100) + 0.2 * Math.ceil(rnd() * 100);
    default: // small integers and counts
      return sign * Math.floor(rnd() * 2 ** (1 + Math.floor(rnd() * 40)));
  }
}

const EDGES = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e-6,
  -1e-6,
  9.99999999999e-7,
  1e-7,
  1e15,
  999_999_999_999_999,
  1e12,
  1e12 - 0.5,
  999_999_999_999.5,
  123_456_789_012.5,
  1_234_567_890_123.5,
  0.1 + 0.2,
  1 / 3,
  2 / 3,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 31 - 0.5,
  2 ** 32,
  2 ** 53,
  5e-324,
  Number.MAX_VALUE,
  NaN,
  Infinity,
  -Infinity,
  0.0272727272727,
  0.99999999999949,
  0.9999999999995,
  9.9999999999995,
  99999.9999999,
];

const scratch = Buffer.alloc(MAX_VALUE_BYTES + 8);
const one = new Float64Array(1);

function written(v: number): string {
  scratch.fill(0x7e);
  one[0] = v;
  const end = putValue(scratch, 3, one, 0);
  // Nothing written before the position nor beyond the bound (trimmed zeros may lie after the end).
  let untouched = end - 3 <= MAX_VALUE_BYTES;
  for (let i = 0; i < scratch.length; i++)
    if ((i < 3 || i >= 3 + MAX_VALUE_BYTES) && scratch[i] !== 0x7e) untouched = false;
  if (!untouched) return `out of bounds: ${scratch.toString('latin1')}`;
  return scratch.toString('latin1', 3, end);
}

describe('putValue', () => {
  it('prints exactly what formatValue returns, at the edges', () => {
    for (const v of EDGES) expect([v, written(v)]).toEqual([v, reference(v)]);
    for (const v of EDGES) expect(formatValue(v)).toBe(reference(v));
  });

  it('prints exactly what formatValue returns, on 400,000 random values', () => {
    const bad: [number, string, string][] = [];
    for (let i = 0; i < 400_000; i++) {
      const v = randomValue();
      const got = written(v);
      const want = reference(v);
      if (got !== want && bad.length < 10) bad.push([v, got, want]);
    }
    expect(bad).toEqual([]);
  });

  it('appends one value after another', () => {
    const b = Buffer.alloc(1000 * (MAX_VALUE_BYTES + 1));
    const vs = Float64Array.from({ length: 1000 }, randomValue);
    let p = 0;
    for (let i = 0; i < vs.length; i++) {
      p = putValue(b, p, vs, i);
      b[p++] = 44;
    }
    expect(b.toString('latin1', 0, p)).toBe(Array.from(vs, (v) => `${reference(v)},`).join(''));
  });
});

/** Random series per base name: random labels, gaps, NaN stretches, values of every kind. */
class RandomSource implements MetricsSource {
  readonly name = 'random';
  async fetch({ base, grid }: BaseFetch): Promise<GridSeries[]> {
    if (base === 'pod_memory_usage') throw new Error('boom "quoted" \u00e9');
    const out: GridSeries[] = [];
    const n = 1 + Math.floor(rnd() * 12);
    for (let k = 0; k < n; k++) {
      const values = new Float64Array(grid.count);
      const gappy = rnd() < 0.5;
      for (let i = 0; i < grid.count; i++) values[i] = gappy && rnd() < 0.3 ? NaN : randomValue();
      if (rnd() < 0.1) values.fill(NaN); // no data at all
      out.push({
        labels: {
          namespace: `ns-${Math.floor(rnd() * 4)}`,
          pod: `pod-${k}${rnd() < 0.1 ? '-\u00fc"\\' : ''}`,
          node: `node-${k % 3}`,
          workspace: 'ws',
          owner_kind: 'Deployment',
          workload: `w${k % 2}`,
          container: `c${k % 2}`,
        },
        values,
      });
    }
    return out;
  }
}

describe('respondJson', () => {
  const end = 1_767_225_600;
  const queries: [Level, string][] = [
    ['pod', `start=${end - 7 * 86400}&end=${end}&step=1h`],
    ['pod', `start=${end - 3600}&end=${end}&step=90s`],
    ['pod', `start=${end - 3600}&end=${end}&step=1.5s&metrics_filter=^pod_cpu`],
    ['namespace', `start=${end - 86400}&end=${end}&step=10m`],
    ['namespace', `time=${end}`],
    ['pod', `time=${end}&sort_metric=pod_cpu_usage&sort_type=asc&page=2&limit=3`],
    ['pod', `time=${end}&sort_metric=pod_memory_usage&page=1&limit=4`],
    ['workload', `time=${end}.5&sort_metric=workload_cpu_usage`],
    ['container', `start=${end - 600}&end=${end}&step=1m`],
    ['cluster', `start=${end - 600}&end=${end}&step=1m`],
    ['node', `time=${end}&metrics_filter=nothing-matches`],
  ];

  it('is byte for byte JSON.stringify(respond(...)) on random data', async () => {
    for (let round = 0; round < 4; round++)
      for (const [level, qs] of queries) {
        const p = parseParams(new URLSearchParams(qs), end * 1000);
        const scope: Scope = { level, eq: {} };
        const state = seed;
        const want = JSON.stringify(await respond(new Evaluation(new RandomSource(), p.grid), scope, p));
        seed = state; // the same random series again
        const got = (await respondJson(new Evaluation(new RandomSource(), p.grid), scope, p)).toString(
          'utf8',
        );
        expect(got.length).toBe(want.length);
        expect(got === want, `${level} ${qs}`).toBe(true);
      }
  });
});
