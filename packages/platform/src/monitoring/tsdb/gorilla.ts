/**
 * @module monitoring/tsdb/gorilla
 * The Gorilla chunk codec (Pelkonen et al., VLDB 2015): timestamps as delta-of-delta with variable-width
 * buckets, values as the XOR with the previous value, storing only the meaningful bits. Timestamps are
 * integer milliseconds. A scrape loop that stamps samples with its scheduled tick makes every delta-of-delta
 * zero (one bit), and unchanged values also cost one bit.
 */
import { BitWriter } from './bits';

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Little-endian machines keep the low word first; detect once rather than assume.
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const HI = 1 - LO;
const TWO32 = 2 ** 32;
/** 2^k for k in 0..32, so the decoder multiplies instead of calling Math.pow. */
const POW2 = Array.from({ length: 33 }, (_, k) => 2 ** k);

function ctz32(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Encodes samples appended in time order into one chunk. */
export class ChunkEncoder {
  private readonly w = new BitWriter(128);
  count = 0;
  minT = 0;
  maxT = 0;
  private prevDelta = 0;
  private prevHi = 0;
  private prevLo = 0;
  private prevLead = -1;
  private prevTrail = 0;
  lastValue = NaN;

  /** Appends one sample; `t` must not be before the previous sample. */
  append(t: number, v: number): void {
    f64[0] = v;
    const hi = u32[HI];
    const lo = u32[LO];
    if (this.count === 0) {
      this.minT = t;
      this.w.write(Math.floor(t / TWO32), 21);
      this.w.write(t >>> 0, 32);
      this.w.write(hi, 32);
      this.w.write(lo, 32);
    } else {
      const delta = t - this.maxT;
      this.writeDod(delta - this.prevDelta);
      this.prevDelta = delta;
      this.writeValue(hi, lo);
    }
    this.prevHi = hi;
    this.prevLo = lo;
    this.maxT = t;
    this.lastValue = v;
    this.count++;
  }

  private writeDod(dod: number): void {
    const w = this.w;
    if (dod === 0) w.writeBit(0);
    else if (dod >= -63 && dod <= 64) {
      w.write(0b10, 2);
      w.write(dod + 63, 7);
    } else if (dod >= -255 && dod <= 256) {
      w.write(0b110, 3);
      w.write(dod + 255, 9);
    } else if (dod >= -2047 && dod <= 2048) {
      w.write(0b1110, 4);
      w.write(dod + 2047, 12);
    } else {
      // Sign bit + 53-bit magnitude: any gap a JavaScript number can hold exactly.
      w.write(0b1111, 4);
      const mag = Math.abs(dod);
      w.writeBit(dod < 0 ? 1 : 0);
      w.write(Math.floor(mag / TWO32), 21);
      w.write(mag >>> 0, 32);
    }
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xh = (hi ^ this.prevHi) >>> 0;
    const xl = (lo ^ this.prevLo) >>> 0;
    if (xh === 0 && xl === 0) {
      w.writeBit(0);
      return;
    }
    w.writeBit(1);
    let lead = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const trail = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
    if (lead > 31) lead = 31;
    if (this.prevLead >= 0 && lead >= this.prevLead && trail >= this.prevTrail) {
      w.writeBit(0);
      writeMeaningful(w, xh, xl, this.prevLead, this.prevTrail);
      return;
    }
    w.writeBit(1);
    const m = 64 - lead - trail;
    w.write(lead, 5);
    w.write(m & 63, 6);
    writeMeaningful(w, xh, xl, lead, trail);
    this.prevLead = lead;
    this.prevTrail = trail;
  }

  /** The encoded bytes (a copy). */
  bytes(): Uint8Array {
    return this.w.bytes();
  }

  get byteLength(): number {
    return this.w.byteLength;
  }
}

function writeMeaningful(w: BitWriter, xh: number, xl: number, lead: number, trail: number): void {
  const m = 64 - lead - trail;
  if (trail >= 32) w.write(xh >>> (trail - 32), m);
  else if (lead >= 32) w.write(xl >>> trail, m);
  else {
    w.write(xh, 32 - lead);
    w.write(xl >>> trail, 32 - trail);
  }
}

// Decoding state at module level: a padded copy of the chunk and a bit position. Reading any 1..32 bits is
// then a constant-time window load, about ten times faster than a bit-at-a-time reader.
let rb = new Uint8Array(4096);
let rpos = 0;

/** The 32 bits starting at the current position (does not advance). */
function peek32(): number {
  const i = rpos >>> 3;
  const off = rpos & 7;
  const w = ((rb[i] << 24) | (rb[i + 1] << 16) | (rb[i + 2] << 8) | rb[i + 3]) >>> 0;
  return off === 0 ? w : ((w << off) | (rb[i + 4] >>> (8 - off))) >>> 0;
}

/** Reads n bits (1 ≤ n ≤ 32). */
function readN(n: number): number {
  const v = peek32() >>> (32 - n);
  rpos += n;
  return n === 32 ? v >>> 0 : v;
}

/**
 * Decodes a chunk of `count` samples into `ts`/`vs` starting at `offset`; returns the new offset.
 * Samples outside [from, to] are skipped, so callers may decode straight into a query's buffer.
 */
export function decodeChunk(
  bytes: Uint8Array,
  count: number,
  ts: Float64Array,
  vs: Float64Array,
  offset: number,
  from = -Infinity,
  to = Infinity,
): number {
  if (count === 0) return offset;
  if (rb.length < bytes.length + 8) rb = new Uint8Array(Math.max(bytes.length + 8, rb.length * 2));
  rb.set(bytes);
  rb.fill(0, bytes.length, bytes.length + 8);
  rpos = 0;
  let t = readN(21) * TWO32 + readN(32);
  let hi = readN(32);
  let lo = readN(32);
  let n = offset;
  u32[HI] = hi;
  u32[LO] = lo;
  if (t >= from && t <= to) {
    ts[n] = t;
    vs[n++] = f64[0];
  }
  let delta = 0;
  let lead = 0;
  let trail = 0;
  for (let i = 1; i < count; i++) {
    // delta-of-delta: the number of leading one bits (up to 4) picks the bucket width.
    const w = peek32();
    let dod: number;
    if (w >>> 31 === 0) {
      dod = 0;
      rpos += 1;
    } else if (w >>> 30 === 0b10) {
      dod = ((w >>> 23) & 0x7f) - 63;
      rpos += 9;
    } else if (w >>> 29 === 0b110) {
      dod = ((w >>> 20) & 0x1ff) - 255;
      rpos += 12;
    } else if (w >>> 28 === 0b1110) {
      dod = ((w >>> 16) & 0xfff) - 2047;
      rpos += 16;
    } else {
      rpos += 4;
      const neg = readN(1);
      const mag = readN(21) * TWO32 + readN(32);
      dod = neg ? -mag : mag;
    }
    delta += dod;
    t += delta;
    if (readN(1) === 1) {
      if (readN(1) === 1) {
        lead = readN(5);
        let m = readN(6);
        if (m === 0) m = 64;
        trail = 64 - lead - m;
      }
      const m = 64 - lead - trail;
      let xh = 0;
      let xl = 0;
      if (trail >= 32) xh = readN(m) * POW2[trail - 32];
      else if (lead >= 32) xl = readN(m) * POW2[trail];
      else {
        xh = readN(32 - lead);
        xl = readN(32 - trail) * POW2[trail];
      }
      hi = (hi ^ xh) >>> 0;
      lo = (lo ^ xl) >>> 0;
    }
    if (t > to) break;
    if (t >= from) {
      u32[HI] = hi;
      u32[LO] = lo;
      ts[n] = t;
      vs[n++] = f64[0];
    }
  }
  return n;
}

/** Convenience: all samples of a chunk as arrays. */
export function decodeAll(bytes: Uint8Array, count: number): { ts: Float64Array; vs: Float64Array } {
  const ts = new Float64Array(count);
  const vs = new Float64Array(count);
  const n = decodeChunk(bytes, count, ts, vs, 0);
  return { ts: ts.subarray(0, n), vs: vs.subarray(0, n) };
}
