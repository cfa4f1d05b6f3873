/**
 * @module monitoring/tsdb/series
 * One time series in memory: the raw tier (Gorilla chunks: sealed chunks plus an open head chunk) and the
 * 5-minute tier (buckets.ts), built while ingesting: a sample in a new 5-minute bucket closes the previous
 * bucket.
 */
import { BucketTier } from './buckets';
import { ChunkEncoder, decodeChunk } from './gorilla';

/** Label set of a series; `__name__` holds the metric name. */
export type Labels = Record<string, string>;

/** A sealed, immutable chunk. */
export interface SealedChunk {
  minT: number;
  maxT: number;
  count: number;
  bytes: Uint8Array;
  /**
   * 5-minute chunks: `bytes` viewed with room after them (columns.ts `readable`), so a query reads them in
   * place without a copy or a new view; undefined for raw chunks.
   */
  readable: Uint8Array | undefined;
}

/** What a read asks for: raw samples, or the 5-minute averages or maxima. */
export type TierName = 'raw' | 'avg' | 'max';
/** What the files hold: raw chunks and 5-minute bucket chunks. */
export type StoredTier = 'raw' | '5m';
export const STORED_TIERS: StoredTier[] = ['raw', '5m'];

/** The Gorilla chunks of the raw tier of one series. */
export class Tier {
  chunks: SealedChunk[] = [];
  head = new ChunkEncoder();

  /** Seals the head into a chunk (returned, so the caller can persist it). */
  seal(): SealedChunk | undefined {
    if (this.head.count === 0) return undefined;
    const c: SealedChunk = {
      minT: this.head.minT,
      maxT: this.head.maxT,
      count: this.head.count,
      bytes: this.head.bytes(),
      readable: undefined,
    };
    this.chunks.push(c);
    this.sealedLast = { chunk: c, v: this.head.lastValue };
    this.head = new ChunkEncoder();
    return c;
  }

  /** The last value of the chunk sealed last (chunks read from disk do not have it). */
  private sealedLast?: { chunk: SealedChunk; v: number };

  /**
   * The newest sample when it is known without decoding (the head's last, or the last sealed chunk's
   * when this process sealed it), else undefined.
   */
  newest(): { t: number; v: number } | undefined {
    if (this.head.count > 0) return { t: this.head.maxT, v: this.head.lastValue };
    const last = this.chunks[this.chunks.length - 1];
    if (last && this.sealedLast?.chunk === last) return { t: last.maxT, v: this.sealedLast.v };
    return undefined;
  }

  /** Newest timestamp held (sealed or head), or -Infinity. */
  get lastT(): number {
    if (this.head.count > 0) return this.head.maxT;
    const last = this.chunks[this.chunks.length - 1];
    return last ? last.maxT : -Infinity;
  }

  /** Samples with from ≤ t ≤ to, in time order. */
  read(from: number, to: number): { ts: Float64Array; vs: Float64Array } {
    let total = 0;
    const hit: SealedChunk[] = [];
    for (const c of this.chunks) {
      if (c.maxT < from || c.minT > to) continue;
      hit.push(c);
      total += c.count;
    }
    const headHit = this.head.count > 0 && this.head.maxT >= from && this.head.minT <= to;
    if (headHit) total += this.head.count;
    const ts = new Float64Array(total);
    const vs = new Float64Array(total);
    let n = 0;
    for (const c of hit) n = decodeChunk(c.bytes, c.count, ts, vs, n, from, to);
    if (headHit) n = decodeChunk(this.head.bytes(), this.head.count, ts, vs, n, from, to);
    return { ts: ts.subarray(0, n), vs: vs.subarray(0, n) };
  }

  /**
   * Calls `visit` with sorted sample arrays covering [from, to], newest piece first (the query path; `read`
   * is the convenient form).
   */
  visitNewestFirst(from: number, to: number, visit: (ts: Float64Array, vs: Float64Array) => void): void {
    if (this.head.count > 0 && this.head.maxT >= from && this.head.minT <= to) {
      const d = this.headDecoded();
      visit(d.ts, d.vs);
    }
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      const c = this.chunks[i];
      if (c.minT > to) continue;
      if (c.maxT < from) break;
      const ts = new Float64Array(c.count);
      const vs = new Float64Array(c.count);
      const n = decodeChunk(c.bytes, c.count, ts, vs, 0);
      visit(ts.subarray(0, n), vs.subarray(0, n));
    }
  }

  private headCache?: { count: number; ts: Float64Array; vs: Float64Array };

  /** The head decoded, memoized until the next append. */
  private headDecoded(): { ts: Float64Array; vs: Float64Array } {
    const h = this.head;
    if (this.headCache?.count === h.count && this.headCache.ts[0] === h.minT) return this.headCache;
    const ts = new Float64Array(h.count);
    const vs = new Float64Array(h.count);
    decodeChunk(h.bytes(), h.count, ts, vs, 0);
    this.headCache = { count: h.count, ts, vs };
    return this.headCache;
  }

  /** Drops sealed chunks that end before `cutoff`; returns how many samples went. */
  dropBefore(cutoff: number): number {
    let dropped = 0;
    let i = 0;
    while (i < this.chunks.length && this.chunks[i].maxT < cutoff) dropped += this.chunks[i++].count;
    if (i > 0) this.chunks = this.chunks.slice(i);
    return dropped;
  }

  get empty(): boolean {
    return this.chunks.length === 0 && this.head.count === 0;
  }
}

/** A series and its running 5-minute bucket. */
export class Series {
  readonly raw = new Tier();
  readonly buckets = new BucketTier();
  bucketStart = -Infinity;
  bucketSum = 0;
  bucketCount = 0;
  bucketMax = -Infinity;

  constructor(
    readonly id: number,
    readonly labels: Labels,
    readonly key: string,
  ) {}
}

/**
 * Canonical key of a label set: sorted `name\x00value\x01` pairs. NUL cannot appear in a label name and
 * exposition-format values never carry it, so the key is unambiguous without escaping.
 */
export function labelsKey(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length > 1) keys.sort();
  let s = '';
  for (const k of keys) s += k + '\x00' + labels[k] + '\x01';
  return s;
}
