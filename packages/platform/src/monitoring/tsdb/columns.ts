/**
 * @module monitoring/tsdb/columns
 * The column codec of the 5-minute tier. A column of numbers is stored, when every value is a decimal with
 * at most 12 fractional digits (what the scraper produces: CPU cores rounded to 10⁻⁴, bytes, counts), as
 * integers. A column whose values step evenly (regular timestamps, constant counts) is just its first value
 * and step. Otherwise it is frame-of-reference coded in blocks of 16: each block stores its minimum (as a
 * difference from the previous block's) and, for each value, `(value - minimum) / g` in the block's
 * widest bit length, where `g` is the greatest common divisor of the differences (4,096 for page-sized
 * memory). Values that are not such decimals (arbitrary floats) are stored as raw 64-bit floats.
 *
 * Every value is reachable without decoding its neighbours (a block's base plus a fixed-width offset), so a
 * query with a 1-hour step reads one bucket in twelve; decoding a whole column is a branch-free loop.
 */
import { BitWriter } from './bits';

const BLOCK = 16;
const MAX_SCALE = 12;
const TWO32 = 2 ** 32;
const MAX_INT = 2 ** 52;
const POW10 = Array.from({ length: MAX_SCALE + 1 }, (_, k) => 10 ** k);
const MODE_FOR = 0;
const MODE_F64 = 1;
const MODE_LINEAR = 2;

/** Number of bits of a non-negative integer below 2^53. */
function bitLength(u: number): number {
  if (u < TWO32) return u === 0 ? 0 : 32 - Math.clz32(u);
  return 64 - Math.clz32(Math.floor(u / TWO32));
}

function writeWide(w: BitWriter, u: number, n: number): void {
  if (n <= 32) w.write(u, n);
  else {
    w.write(Math.floor(u / TWO32), n - 32);
    w.write(u >>> 0, 32);
  }
}

/** A non-negative integer as a 6-bit length and that many bits. */
function writeUnsigned(w: BitWriter, u: number): void {
  const n = bitLength(u);
  w.write(n, 6);
  writeWide(w, u, n);
}

function writeSigned(w: BitWriter, v: number): void {
  w.writeBit(v < 0 ? 1 : 0);
  writeUnsigned(w, Math.abs(v));
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * The smallest decimal scale k (0 ≤ k ≤ 12) at which every value is an integer below 2^52, allowing the
 * few units in the last place that float arithmetic leaves (`0.1 + 0.2`); -1 when there is none.
 */
export function decimalScale(xs: ArrayLike<number>, n: number): number {
  for (let k = 0; k <= MAX_SCALE; k++) {
    const p = POW10[k];
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      const x = xs[i];
      const r = Math.round(x * p);
      ok = Math.abs(r) < MAX_INT && Math.abs(r / p - x) <= Math.abs(x) * 1e-14;
    }
    if (ok) return k;
  }
  return -1;
}

const one = [0];

/**
 * The value as the column codec will return it: a decimal (at most 12 fractional digits) becomes the
 * double nearest to that decimal (`0.1 + 0.2` → 0.3), anything else is unchanged. Heads hold cleaned values
 * so that reads agree before and after a chunk is sealed or reloaded.
 */
export function cleanDecimal(x: number): number {
  one[0] = x;
  const k = decimalScale(one, 1);
  return k <= 0 ? x : Math.round(x * POW10[k]) / POW10[k];
}

const scratchInts: number[] = [];

/** Appends the first `n` values of `xs` as one column. */
export function encodeColumn(w: BitWriter, xs: ArrayLike<number>, n: number): void {
  const k = n > 0 ? decimalScale(xs, n) : 0;
  if (k < 0) {
    w.write(MODE_F64, 2);
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    for (let i = 0; i < n; i++) {
      f[0] = xs[i];
      w.write(u[1], 32);
      w.write(u[0], 32);
    }
    return;
  }
  const p = POW10[k];
  const r = scratchInts;
  r.length = n;
  for (let i = 0; i < n; i++) r[i] = Math.round(xs[i] * p);
  const d = n > 1 ? r[1] - r[0] : 0;
  let linear = true;
  for (let i = 1; i < n && linear; i++) linear = r[i] - r[i - 1] === d;
  if (linear) {
    w.write(MODE_LINEAR, 2);
    w.write(k, 4);
    writeSigned(w, n > 0 ? r[0] : 0);
    writeSigned(w, d);
    return;
  }
  w.write(MODE_FOR, 2);
  w.write(k, 4);
  let g = 0;
  for (let i = 1; i < n; i++) g = gcd(Math.abs(r[i] - r[0]), g);
  writeUnsigned(w, g);
  let prevBase = 0;
  for (let b = 0; b < n; b += BLOCK) {
    const e = Math.min(n, b + BLOCK);
    let base = r[b];
    for (let i = b + 1; i < e; i++) base = Math.min(base, r[i]);
    let width = 0;
    for (let i = b; i < e; i++) width = Math.max(width, bitLength((r[i] - base) / g));
    w.write(width, 6);
    // The first base as is, later ones as multiples of g from the previous base.
    writeSigned(w, b === 0 ? base : (base - prevBase) / g);
    prevBase = base;
    if (width > 0) for (let i = b; i < e; i++) writeWide(w, (r[i] - base) / g, width);
  }
}

/**
 * A column opened for reading: values by index (`at`, random access: a frame-of-reference block is a
 * base and fixed-width offsets) or all at once (`decode`). Valid until its reader is reset.
 */
export class ColumnView {
  mode = 0;
  n = 0;
  private p = 1;
  private r0 = 0;
  private d = 0;
  private g = 0;
  private buf: Uint8Array = new Uint8Array(0);
  private start = 0;
  /** Per block: bit position of its offsets, width, base (FOR mode). */
  private blockPos = new Float64Array(64);
  private blockWidth = new Uint8Array(64);
  private blockBase = new Float64Array(64);

  /** True when the values are r0 + i·d (regular timestamps, constant counts). */
  get linear(): boolean {
    return this.mode === MODE_LINEAR;
  }

  /** The first value and the step of a linear column. */
  get first(): number {
    return this.r0 / this.p;
  }

  get step(): number {
    return this.d / this.p;
  }

  /** Parses the column at bit `pos` of `buf`; returns the bit position after it. */
  open(buf: Uint8Array, pos: number, n: number): number {
    this.buf = buf;
    this.n = n;
    const c = cursor.reset(buf, pos);
    this.mode = c.read(2);
    if (this.mode === MODE_F64) {
      this.start = c.pos;
      return c.pos + 64 * n;
    }
    const k = c.read(4);
    this.p = POW10[k];
    if (this.mode === MODE_LINEAR) {
      this.r0 = c.signed();
      this.d = c.signed();
      return c.pos;
    }
    this.g = c.wide(c.read(6));
    const blocks = Math.ceil(n / BLOCK);
    if (this.blockPos.length < blocks) {
      this.blockPos = new Float64Array(blocks);
      this.blockWidth = new Uint8Array(blocks);
      this.blockBase = new Float64Array(blocks);
    }
    let base = 0;
    for (let b = 0; b < blocks; b++) {
      // Width (6 bits), then the signed base difference: sign (1) and bit length (6), read at once.
      const h = c.read(13);
      const width = h >>> 7;
      const u = c.wide(h & 63);
      const v = h & 64 ? -u : u;
      base = b === 0 ? v : base + v * this.g;
      this.blockWidth[b] = width;
      this.blockBase[b] = base;
      this.blockPos[b] = c.pos;
      c.pos += width * Math.min(BLOCK, n - b * BLOCK);
    }
    return c.pos;
  }

  /** The value at index i. */
  at(i: number): number {
    if (this.mode === MODE_LINEAR) return (this.r0 + i * this.d) / this.p;
    if (this.mode === MODE_F64) return readF64(this.buf, this.start + 64 * i);
    const b = i >>> 4;
    const width = this.blockWidth[b];
    if (width === 0) return this.blockBase[b] / this.p;
    const u = bitsAt(this.buf, this.blockPos[b] + width * (i & 15), width);
    return (this.blockBase[b] + u * this.g) / this.p;
  }

  /**
   * The values at indexes `idx[0…m-1]` into `out[0…m-1]` (a batch of `at`: one call, so the query loop
   * neither dispatches on the mode per value nor boxes returned numbers).
   */
  gather(idx: Int32Array, m: number, out: Float64Array): void {
    const p = this.p;
    if (this.mode === MODE_LINEAR) {
      const r0 = this.r0;
      const d = this.d;
      for (let k = 0; k < m; k++) out[k] = (r0 + idx[k] * d) / p;
      return;
    }
    if (this.mode === MODE_F64) {
      for (let k = 0; k < m; k++) out[k] = readF64(this.buf, this.start + 64 * idx[k]);
      return;
    }
    const buf = this.buf;
    const g = this.g;
    const widths = this.blockWidth;
    const bases = this.blockBase;
    const positions = this.blockPos;
    for (let k = 0; k < m; k++) {
      const i = idx[k];
      const b = i >>> 4;
      const width = widths[b];
      out[k] =
        width === 0 ? bases[b] / p : (bases[b] + bitsAt(buf, positions[b] + width * (i & 15), width) * g) / p;
    }
  }

  /** All values into `out`. */
  decode(out: Float64Array): void {
    const n = this.n;
    const p = this.p;
    if (this.mode === MODE_LINEAR) {
      for (let i = 0; i < n; i++) out[i] = (this.r0 + i * this.d) / p;
      return;
    }
    if (this.mode === MODE_F64) {
      for (let i = 0; i < n; i++) out[i] = readF64(this.buf, this.start + 64 * i);
      return;
    }
    const buf = this.buf;
    const g = this.g;
    for (let b = 0, i = 0; i < n; b++) {
      const width = this.blockWidth[b];
      const base = this.blockBase[b];
      const e = Math.min(n, i + BLOCK);
      let pos = this.blockPos[b];
      if (width === 0) for (; i < e; i++) out[i] = base / p;
      else for (; i < e; i++, pos += width) out[i] = (base + bitsAt(buf, pos, width) * g) / p;
    }
  }
}

/** A bit position in a zero-padded buffer. */
class Cursor {
  buf: Uint8Array = new Uint8Array(0);
  pos = 0;

  reset(buf: Uint8Array, pos: number): this {
    this.buf = buf;
    this.pos = pos;
    return this;
  }

  /** Reads n bits, 1 ≤ n ≤ 32. */
  read(n: number): number {
    const b = this.buf;
    const i = this.pos >>> 3;
    const off = this.pos & 7;
    let w = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
    if (off !== 0) w = ((w << off) | (b[i + 4] >>> (8 - off))) >>> 0;
    this.pos += n;
    return n === 32 ? w : w >>> (32 - n);
  }

  /** Reads n bits, 0 ≤ n ≤ 53. */
  wide(n: number): number {
    if (n === 0) return 0;
    if (n <= 32) return this.read(n);
    const hi = this.read(n - 32);
    return hi * TWO32 + this.read(32);
  }

  signed(): number {
    const neg = this.read(1);
    const v = this.wide(this.read(6));
    return neg ? -v : v;
  }
}

/** Shared by every `open` (opening is synchronous): no allocation per column. */
const cursor = new Cursor();

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function readF64(buf: Uint8Array, pos: number): number {
  u32[1] = bitsAt(buf, pos, 32);
  u32[0] = bitsAt(buf, pos + 32, 32);
  return f64[0];
}

/** The n bits at bit `pos` (0 ≤ n ≤ 53) as an unsigned integer. */
function bitsAt(b: Uint8Array, pos: number, n: number): number {
  if (n <= 25) {
    // Fits one 32-bit window at any bit offset.
    const i = pos >>> 3;
    const w = ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) << (pos & 7);
    return n === 0 ? 0 : w >>> (32 - n);
  }
  if (n <= 32) return bitsAt(b, pos, n - 16) * 65536 + bitsAt(b, pos + n - 16, 16);
  return bitsAt(b, pos, n - 32) * TWO32 + bitsAt(b, pos + n - 32, 32);
}

/** Bytes that must exist after a column's last byte: readers load 32- and 40-bit windows. */
export const PAD_BYTES = 8;

/**
 * The chunk bytes as a view that extends PAD_BYTES past their end, without copying when the chunk was
 * allocated with room after it (`BitWriter.paddedBytes`, segments read by storage.ts); undefined otherwise.
 * Readers only use the bits they ask for, so what the extra bytes hold does not matter, only that reading
 * them is not out of bounds (out-of-bounds typed-array reads are slow, and would read as 0 anyway).
 */
export function readable(bytes: Uint8Array): Uint8Array | undefined {
  return bytes.byteOffset + bytes.length + PAD_BYTES <= bytes.buffer.byteLength
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length + PAD_BYTES)
    : undefined;
}

/** Copies chunk bytes into a zero-padded buffer (so any 32-bit window can be loaded without checks). */
export class PaddedBytes {
  buf: Uint8Array = new Uint8Array(1024);

  load(bytes: Uint8Array): Uint8Array {
    if (this.buf.length < bytes.length + 8) this.buf = new Uint8Array(bytes.length * 2 + 8);
    this.buf.set(bytes);
    this.buf.fill(0, bytes.length, bytes.length + 8);
    return this.buf;
  }
}
