/**
 * @module monitoring/tsdb/buckets
 * The 5-minute tier of one series: per bucket its start time, the sum and count of the raw samples in it
 * (so the average is exact: sum / count) and their maximum. Sealed chunks hold these four columns encoded
 * by columns.ts (timestamps, counts, sums, maxima, in that order); the open head is a set of growable
 * typed arrays, sealed once it holds `chunkBuckets` buckets.
 */
import { BitWriter } from './bits';
import { ColumnView, PaddedBytes, encodeColumn, readable } from './columns';
import type { SealedChunk } from './series';

/** Decoded buckets (arrays may be longer than `n`). */
export interface BucketPiece {
  n: number;
  ts: Float64Array;
  sum: Float64Array;
  cnt: Float64Array;
  max: Float64Array;
}

/** Encodes `n` buckets into a chunk's bytes (with room after them: readable without a copy). */
export function encodeBuckets(p: BucketPiece): Uint8Array {
  const w = new BitWriter(64 + p.n * 4);
  encodeColumn(w, p.ts, p.n);
  encodeColumn(w, p.cnt, p.n);
  encodeColumn(w, p.sum, p.n);
  encodeColumn(w, p.max, p.n);
  return w.paddedBytes();
}

function grow(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

const padded = new PaddedBytes();
const tsCol = new ColumnView();
const cntCol = new ColumnView();
const sumCol = new ColumnView();
const maxCol = new ColumnView();

/** Opens the columns of a chunk (valid until the next call). */
function openChunk(
  bytes: Uint8Array,
  n: number,
  withMax: boolean,
  buf = readable(bytes) ?? padded.load(bytes),
): void {
  let pos = tsCol.open(buf, 0, n);
  pos = cntCol.open(buf, pos, n);
  pos = sumCol.open(buf, pos, n);
  if (withMax) maxCol.open(buf, pos, n);
}

/** Decodes a chunk into `into` (growing its arrays); the maxima only when `withMax`. */
export function decodeBuckets(bytes: Uint8Array, n: number, into: BucketPiece, withMax = true): BucketPiece {
  into.ts = grow(into.ts, n);
  into.sum = grow(into.sum, n);
  into.cnt = grow(into.cnt, n);
  into.max = grow(into.max, n);
  openChunk(bytes, n, withMax);
  tsCol.decode(into.ts);
  cntCol.decode(into.cnt);
  sumCol.decode(into.sum);
  if (withMax) maxCol.decode(into.max);
  into.n = n;
  return into;
}

const emptyPiece = (size = 0): BucketPiece => ({
  n: 0,
  ts: new Float64Array(size),
  sum: new Float64Array(size),
  cnt: new Float64Array(size),
  max: new Float64Array(size),
});

/** Scratch for decoding on the query path (reused; decoding and visiting are synchronous). */
const scratch = emptyPiece(512);
/** Scratch of sampleAverages: grid point and bucket index of each point read, and the values read. */
let gridAt = new Int32Array(512);
let bucketAt = new Int32Array(512);
let sums = new Float64Array(512);
let counts = new Float64Array(512);

export class BucketTier {
  chunks: SealedChunk[] = [];
  /** The open head (`head.n` buckets). */
  head: BucketPiece = emptyPiece(8);

  /** Appends a bucket; `t` must be after the previous one. */
  append(t: number, sum: number, cnt: number, max: number): void {
    const h = this.head;
    const i = h.n;
    if (h.ts.length <= i) {
      h.ts = grow(h.ts, i + 1);
      h.sum = grow(h.sum, i + 1);
      h.cnt = grow(h.cnt, i + 1);
      h.max = grow(h.max, i + 1);
    }
    h.ts[i] = t;
    h.sum[i] = sum;
    h.cnt[i] = cnt;
    h.max[i] = max;
    h.n = i + 1;
  }

  /** Seals the head into a chunk (returned, so the caller can persist it). */
  seal(): SealedChunk | undefined {
    const h = this.head;
    if (h.n === 0) return undefined;
    const bytes = encodeBuckets(h);
    const c: SealedChunk = {
      minT: h.ts[0],
      maxT: h.ts[h.n - 1],
      count: h.n,
      bytes,
      readable: readable(bytes),
    };
    this.chunks.push(c);
    this.head = emptyPiece(8);
    return c;
  }

  get lastT(): number {
    if (this.head.n > 0) return this.head.ts[this.head.n - 1];
    const last = this.chunks[this.chunks.length - 1];
    return last ? last.maxT : -Infinity;
  }

  get empty(): boolean {
    return this.chunks.length === 0 && this.head.n === 0;
  }

  /** Buckets held (sealed and head). */
  get count(): number {
    let n = this.head.n;
    for (const c of this.chunks) n += c.count;
    return n;
  }

  /**
   * Calls `visit` with the pieces overlapping [from, to], newest first. A piece is only valid during the
   * call (sealed chunks are decoded into shared scratch arrays).
   */
  visitNewestFirst(from: number, to: number, visit: (p: BucketPiece) => void, withMax = false): void {
    const h = this.head;
    if (h.n > 0 && h.ts[h.n - 1] >= from && h.ts[0] <= to) visit(h);
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const c = this.chunks[i];
      if (c.minT > to) continue;
      if (c.maxT < from) break;
      visit(decodeBuckets(c.bytes, c.count, scratch, withMax));
    }
  }

  /** Averages or maxima with from ≤ t ≤ to, in time order (a copy; the convenient, slower form). */
  read(from: number, to: number, what: 'avg' | 'max'): { ts: Float64Array; vs: Float64Array } {
    const ts: number[] = [];
    const vs: number[] = [];
    const pieces: { ts: number[]; vs: number[] }[] = [];
    this.visitNewestFirst(
      from,
      to,
      (p) => {
        const piece = { ts: [] as number[], vs: [] as number[] };
        for (let i = 0; i < p.n; i++) {
          if (p.ts[i] < from || p.ts[i] > to) continue;
          piece.ts.push(p.ts[i]);
          piece.vs.push(what === 'avg' ? p.sum[i] / p.cnt[i] : p.max[i]);
        }
        pieces.push(piece);
      },
      what === 'max',
    );
    for (const p of pieces.reverse()) {
      ts.push(...p.ts);
      vs.push(...p.vs);
    }
    return { ts: Float64Array.from(ts), vs: Float64Array.from(vs) };
  }

  /**
   * The query path: for each grid point `start + i·step` (i < out.length) before `until` that is still NaN,
   * the average of the newest bucket with g - lookback < t ≤ g. Regular sealed chunks are read by index
   * (one bucket per grid point, nothing else decoded); others are decoded and walked.
   */
  sampleAverages(out: Float64Array, start: number, step: number, lookback: number, until: number): void {
    const last = start + (out.length - 1) * step;
    const h = this.head;
    if (h.n > 0 && h.ts[h.n - 1] >= start - lookback && h.ts[0] <= last)
      walkAverages(out, start, step, lookback, until, h);
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c];
      if (chunk.minT > last) continue;
      if (chunk.maxT <= start - lookback) break;
      openChunk(chunk.bytes, chunk.count, false, chunk.readable);
      if (!tsCol.linear || tsCol.step <= 0) {
        walkAverages(
          out,
          start,
          step,
          lookback,
          until,
          decodeBuckets(chunk.bytes, chunk.count, scratch, false),
        );
        continue;
      }
      const t0 = tsCol.first;
      const dt = tsCol.step;
      const n = chunk.count;
      const i0 = Math.max(0, Math.ceil((t0 - start) / step));
      const iEnd = Math.min(out.length, Math.floor((chunk.maxT + lookback - start) / step) + 1);
      // Which bucket each grid point reads, then the sums and counts of those buckets in two batches.
      let m = 0;
      if (gridAt.length < iEnd - i0) {
        gridAt = new Int32Array(iEnd - i0);
        bucketAt = new Int32Array(iEnd - i0);
        sums = new Float64Array(iEnd - i0);
        counts = new Float64Array(iEnd - i0);
      }
      for (let i = i0; i < iEnd; i++) {
        const g = start + i * step;
        if (g >= until) break;
        if (!Number.isNaN(out[i])) continue;
        const j = Math.min(n - 1, Math.floor((g - t0) / dt));
        const t = t0 + j * dt;
        if (t <= g && t > g - lookback) {
          gridAt[m] = i;
          bucketAt[m++] = j;
        }
      }
      sumCol.gather(bucketAt, m, sums);
      cntCol.gather(bucketAt, m, counts);
      for (let k = 0; k < m; k++) out[gridAt[k]] = sums[k] / counts[k];
    }
  }

  /** Drops sealed chunks that end before `cutoff`. */
  dropBefore(cutoff: number): void {
    let i = 0;
    while (i < this.chunks.length && this.chunks[i].maxT < cutoff) i++;
    if (i > 0) this.chunks = this.chunks.slice(i);
  }
}

/** sampleAverages over decoded buckets: one walk, both sorted. */
function walkAverages(
  out: Float64Array,
  start: number,
  step: number,
  lookback: number,
  until: number,
  p: BucketPiece,
): void {
  const n = p.n;
  const ts = p.ts;
  let j = 0;
  const i0 = Math.max(0, Math.ceil((ts[0] - start) / step));
  const iEnd = Math.min(out.length, Math.floor((ts[n - 1] + lookback - start) / step) + 1);
  for (let i = i0; i < iEnd; i++) {
    const g = start + i * step;
    if (g >= until) break;
    if (!Number.isNaN(out[i])) continue;
    while (j + 1 < n && ts[j + 1] <= g) j++;
    if (ts[j] <= g && ts[j] > g - lookback) out[i] = p.sum[j] / p.cnt[j];
  }
}
