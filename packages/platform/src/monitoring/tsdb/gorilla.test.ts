import { describe, expect, it } from 'vitest';
import { ChunkEncoder, decodeAll, decodeChunk } from './gorilla';

function roundTrip(samples: [number, number][]) {
  const enc = new ChunkEncoder();
  for (const [t, v] of samples) enc.append(t, v);
  const out = decodeAll(enc.bytes(), enc.count);
  return { enc, out };
}

const T0 = 1_764_000_000_000;
const series = (n: number, f: (i: number) => [number, number]) => Array.from({ length: n }, (_, i) => f(i));

describe('gorilla chunk codec', () => {
  it.each([
    ['constant values, regular 10 s', series(120, (i) => [T0 + i * 10_000, 42])],
    ['integers random walk', series(120, (i) => [T0 + i * 10_000, 1000 + ((i * 7919) % 97)])],
    ['noisy doubles', series(200, (i) => [T0 + i * 10_000, Math.sin(i) * 1e6 + i / 3])],
    ['irregular timestamps', series(100, (i) => [T0 + i * 10_000 + ((i * 31) % 700) - 350, i * 0.25])],
    ['huge gaps', series(10, (i) => [T0 + i * i * 86_400_000 * 3, -i])],
    [
      'special values',
      [
        [T0, 0],
        [T0 + 1, -0],
        [T0 + 2, Infinity],
        [T0 + 3, -1e-300],
        [T0 + 4, Number.MAX_VALUE],
        [T0 + 5, NaN],
        [T0 + 6, 5e-324],
      ] as [number, number][],
    ],
    ['single sample', [[T0, 3.5]] as [number, number][]],
    [
      'zero timestamp',
      [
        [0, 1],
        [10, 2],
        [20, 3],
      ] as [number, number][],
    ],
  ])('round-trips %s exactly', (_name, samples) => {
    const { out } = roundTrip(samples);
    expect(Array.from(out.ts)).toEqual(samples.map((s) => s[0]));
    expect(Array.from(out.vs)).toEqual(samples.map((s) => s[1]));
  });

  it('spends one bit per timestamp and value when nothing changes', () => {
    const { enc } = roundTrip(series(1001, (i) => [T0 + i * 10_000, 7]));
    // 1000 samples after the first: 2 bits each, plus the first sample's 117 bits and the first delta.
    expect(enc.byteLength).toBeLessThan(300);
  });

  it('decodes only the samples inside [from, to]', () => {
    const enc = new ChunkEncoder();
    for (let i = 0; i < 50; i++) enc.append(T0 + i * 1000, i);
    const ts = new Float64Array(50);
    const vs = new Float64Array(50);
    const n = decodeChunk(enc.bytes(), enc.count, ts, vs, 0, T0 + 10_000, T0 + 19_500);
    expect(n).toBe(10);
    expect(Array.from(vs.subarray(0, n))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  });
});
