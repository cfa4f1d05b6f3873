import { describe, expect, it } from 'vitest';
import { BitWriter } from './bits';
import { ColumnView, PAD_BYTES, PaddedBytes, decimalScale, encodeColumn, readable } from './columns';

function roundTrip(xs: number[]) {
  const w = new BitWriter();
  encodeColumn(w, xs, xs.length);
  encodeColumn(w, [7, 7, 7], 3); // a second column after it
  const buf = new PaddedBytes().load(w.bytes());
  const col = new ColumnView();
  const next = col.open(buf, 0, xs.length);
  const out = new Float64Array(xs.length);
  col.decode(out);
  const byIndex = xs.map((_, i) => col.at(i));
  // Batches of random indexes, as the query path reads them.
  const idx = Int32Array.from(xs, () => Math.floor(rnd() * xs.length));
  const gathered = new Float64Array(idx.length);
  col.gather(idx, idx.length, gathered);
  expect(Array.from(gathered)).toEqual(Array.from(idx, (i) => byIndex[i]));
  const second = new ColumnView();
  second.open(buf, next, 3);
  return { out: Array.from(out), byIndex, second: [0, 1, 2].map((i) => second.at(i)), bytes: w.byteLength };
}

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const walk = (n: number, step: number, unit: number, start = 0) => {
  let v = start;
  return Array.from({ length: n }, () => (v += Math.round((rnd() - 0.5) * step) * unit));
};

describe('column codec', () => {
  it.each([
    ['regular timestamps', Array.from({ length: 288 }, (_, i) => 1_764_000_000_000 + i * 300_000)],
    ['constant', Array(100).fill(30)],
    ['CPU cores at 1e-4 (float products)', walk(288, 200, 1e-4, 0.3).map((v) => Math.round(v / 1e-4) * 1e-4)],
    ['memory pages', walk(300, 64, 4096, 2 ** 30)],
    ['negative and mixed', [-5, 3, -1e6, 12.5, 0, 0.25, -0.125]],
    ['large integers', [2 ** 51, 2 ** 51 - 1, 3, 2 ** 50]],
    ['arbitrary floats', Array.from({ length: 40 }, () => rnd() * 1e3)],
    ['non-finite', [1, Infinity, -Infinity, NaN, 2]],
    ['single value', [0.5]],
    ['empty', []],
    ['irregular timestamps', [0, 300_000, 900_000, 1_200_000, 3_000_000]],
  ])('round-trips %s (decode and random access agree)', (_name, xs) => {
    const r = roundTrip(xs);
    // Decimal values come back as the nearest double to the decimal (products like 3 × 0.1 lose their noise).
    const expected = xs.map((x) => expect.closeTo(x, Math.max(1e-12, Math.abs(x) * 1e-14)));
    if (xs.some((x) => !Number.isFinite(x))) expect(r.out).toEqual(xs);
    else expect(r.out).toEqual(expected);
    expect(r.byIndex).toEqual(r.out);
    expect(r.second).toEqual([7, 7, 7]);
  });

  it('stores a regular column in a few bytes and a CPU random walk in about a byte per value', () => {
    expect(roundTrip(Array.from({ length: 288 }, (_, i) => i * 300_000)).bytes).toBeLessThan(12);
    const cpu = walk(288, 100, 1e-4, 0.3).map((v) => Math.round(v / 1e-4) * 1e-4);
    expect(roundTrip(cpu).bytes / 288).toBeLessThan(1.3);
  });

  it('finds the decimal scale of rounded values', () => {
    expect(decimalScale([1, 2, 3], 3)).toBe(0);
    expect(decimalScale([0.1 + 0.2, 0.5], 2)).toBe(1);
    expect(decimalScale([Math.round(0.12345 / 1e-4) * 1e-4], 1)).toBe(4);
    expect(decimalScale([Math.PI], 1)).toBe(-1);
  });

  it('reads padded chunk bytes in place, whatever follows them', () => {
    const xs = walk(288, 20, 1e-4, 0.5);
    const w = new BitWriter();
    encodeColumn(w, xs, xs.length);
    const bytes = w.paddedBytes();
    expect(bytes.length).toBe(w.byteLength);
    const view = readable(bytes)!;
    expect(view.buffer).toBe(bytes.buffer); // no copy
    expect(view.length).toBe(bytes.length + PAD_BYTES);
    // Exact-size bytes have no room: the caller copies them into a padded buffer.
    expect(readable(w.bytes())).toBeUndefined();
    // Garbage after the chunk does not change what is read.
    const dirty = new Uint8Array(bytes.length + PAD_BYTES).fill(0xff);
    dirty.set(bytes);
    const read = (buf: Uint8Array) => {
      const col = new ColumnView();
      col.open(buf, 0, xs.length);
      const out = new Float64Array(xs.length);
      col.decode(out);
      const idx = Int32Array.from(xs.keys()).reverse();
      const gathered = new Float64Array(xs.length);
      col.gather(idx, idx.length, gathered);
      return { all: Array.from(out), gathered: Array.from(gathered).reverse() };
    };
    const clean = read(view);
    expect(clean.all).toEqual(xs.map((x) => Math.round(x * 1e4) / 1e4));
    expect(clean.gathered).toEqual(clean.all);
    expect(read(dirty)).toEqual(clean);
  });
});
