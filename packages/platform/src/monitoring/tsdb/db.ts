/**
 * @module monitoring/tsdb/db
 * The embedded time-series database: series addressed by label sets, Gorilla chunks of 10 s samples kept
 * `rawRetentionMs` (1 day), 5-minute buckets (sum, count, maximum: buckets.ts) kept `downsampledRetentionMs`
 * (14 days), optional `maxBytes` bound on the chunk files (oldest segments go first), and persistence in
 * `dir` (see storage.ts). Without `dir` it is purely in memory (tests).
 */
import { decodeBuckets, encodeBuckets, type BucketPiece } from './buckets';
import { cleanDecimal } from './columns';
import { decodeAll } from './gorilla';
import { migrateLegacyTiers, type LegacyTierSamples } from './migrate';
import { Series, labelsKey, type Labels, type SealedChunk, type StoredTier, type TierName } from './series';
import { FORMAT_VERSION, TsdbFiles, type BucketState, type HeadState } from './storage';

type LoadedLegacy = LegacyTierSamples;

const emptyColumns = () => ({
  ts: new Float64Array(0),
  sum: new Float64Array(0),
  cnt: new Float64Array(0),
  max: new Float64Array(0),
});

export type { Labels, TierName } from './series';

export interface TsdbOptions {
  dir?: string;
  now?: () => number;
  rawRetentionMs?: number;
  downsampledRetentionMs?: number;
  /** Downsampling bucket (default 5 min). */
  resolutionMs?: number;
  /** Samples per raw chunk (default 120: 20 minutes at 10 s). */
  chunkSamples?: number;
  /** Buckets per 5-minute chunk (default 288: one day). */
  downsampledChunkSamples?: number;
  /** Upper bound for the chunk files; the oldest segments are deleted beyond it. */
  maxBytes?: number;
  /** A series whose last sample is older than this has its head sealed (default 15 min). */
  staleMs?: number;
}

const HOUR = 3_600_000;
const SEGMENT_MS: Record<StoredTier, number> = { raw: 2 * HOUR, '5m': 24 * HOUR };

export class Tsdb {
  private readonly byKey = new Map<string, Series>();
  private readonly byId: Series[] = [];
  private nextId = 1;
  private readonly files?: TsdbFiles;
  readonly opts: Required<Omit<TsdbOptions, 'dir' | 'maxBytes'>> & Pick<TsdbOptions, 'dir' | 'maxBytes'>;
  /** Samples appended since open (raw tier). */
  ingested = 0;

  constructor(options: TsdbOptions = {}) {
    this.opts = {
      now: Date.now,
      rawRetentionMs: 24 * HOUR,
      downsampledRetentionMs: 14 * 24 * HOUR,
      resolutionMs: 5 * 60_000,
      chunkSamples: 120,
      downsampledChunkSamples: 288,
      staleMs: 15 * 60_000,
      ...options,
    };
    if (options.dir) {
      this.files = new TsdbFiles(options.dir);
      this.load();
    }
  }

  /** The series id for a label set, creating the series on first use. */
  ref(labels: Labels): number {
    const key = labelsKey(labels);
    const found = this.byKey.get(key);
    if (found) return found.id;
    const s = new Series(this.nextId++, { ...labels }, key);
    this.byKey.set(key, s);
    this.byId[s.id] = s;
    this.files?.appendSeries(s.id, s.labels);
    return s.id;
  }

  /** Appends a sample to a series by id. Samples older than the series' newest are dropped. */
  append(id: number, t: number, v: number): boolean {
    const s = this.byId[id];
    if (!s) return false;
    const raw = s.raw;
    if (t <= raw.lastT) return false;
    raw.head.append(t, v);
    this.ingested++;
    if (raw.head.count >= this.opts.chunkSamples) this.sealRaw(s);
    this.accumulate(s, t, v);
    return true;
  }

  /** `ref` + `append`. */
  add(labels: Labels, t: number, v: number): boolean {
    return this.append(this.ref(labels), t, v);
  }

  private accumulate(s: Series, t: number, v: number): void {
    const res = this.opts.resolutionMs;
    const bucket = t - (t % res);
    if (bucket !== s.bucketStart) {
      this.flushBucket(s);
      s.bucketStart = bucket;
    }
    if (Number.isNaN(v)) return;
    s.bucketSum += v;
    s.bucketCount++;
    if (v > s.bucketMax) s.bucketMax = v;
  }

  private flushBucket(s: Series): void {
    if (s.bucketCount > 0 && s.bucketStart > s.buckets.lastT) {
      // The sum, not the average: a sum of decimals is a decimal of the same precision, which the column
      // codec stores exactly as an integer, and the average (sum / count) is then exact.
      s.buckets.append(s.bucketStart, cleanDecimal(s.bucketSum), s.bucketCount, s.bucketMax);
      if (s.buckets.head.n >= this.opts.downsampledChunkSamples) this.sealBuckets(s);
    }
    s.bucketSum = 0;
    s.bucketCount = 0;
    s.bucketMax = -Infinity;
    s.bucketStart = -Infinity;
  }

  private sealRaw(s: Series): void {
    const c = s.raw.seal();
    if (c && this.files) this.files.appendChunk('raw', segmentOf('raw', c), s.id, c);
  }

  private sealBuckets(s: Series): void {
    const c = s.buckets.seal();
    if (c && this.files) this.files.appendChunk('5m', segmentOf('5m', c), s.id, c);
  }

  /** Ids of the series whose labels satisfy `match`. */
  select(match: (labels: Labels) => boolean): number[] {
    const out: number[] = [];
    for (const s of this.byKey.values()) if (match(s.labels)) out.push(s.id);
    return out;
  }

  /** Ids of the series with metric name `name` whose labels satisfy `match`. */
  selectMetric(name: string, match: (labels: Labels) => boolean = () => true): number[] {
    return this.select((l) => l.__name__ === name && match(l));
  }

  labels(id: number): Labels {
    return this.byId[id]?.labels ?? {};
  }

  /** Raw samples, or 5-minute averages or maxima, with from ≤ t ≤ to (milliseconds). */
  read(id: number, from: number, to: number, tier: TierName = 'raw'): { ts: Float64Array; vs: Float64Array } {
    const s = this.byId[id];
    if (!s) return { ts: new Float64Array(0), vs: new Float64Array(0) };
    return tier === 'raw' ? s.raw.read(from, to) : s.buckets.read(from, to, tier);
  }

  /** The newest raw sample, when known without decoding (see Tier.newest). */
  newest(id: number): { t: number; v: number } | undefined {
    return this.byId[id]?.raw.newest();
  }

  /** Visits the raw samples in [from, to], newest piece first (see Tier.visitNewestFirst). */
  visit(id: number, from: number, to: number, visit: (ts: Float64Array, vs: Float64Array) => void): void {
    this.byId[id]?.raw.visitNewestFirst(from, to, visit);
  }

  /**
   * Fills NaN points of a grid (`out[i]` at `start + i·step`, before `until`) with 5-minute averages: the
   * newest bucket in (g - resolution, g] (see BucketTier.sampleAverages).
   */
  sampleAverages(id: number, out: Float64Array, start: number, step: number, until: number): void {
    this.byId[id]?.buckets.sampleAverages(out, start, step, this.opts.resolutionMs, until);
  }

  /**
   * Visits the 5-minute buckets in [from, to], newest piece first; a piece is valid only during the call
   * (see BucketTier.visitNewestFirst).
   */
  visitBuckets(id: number, from: number, to: number, visit: (p: BucketPiece) => void): void {
    this.byId[id]?.buckets.visitNewestFirst(from, to, visit);
  }

  /** Oldest timestamp the raw tier still answers for. */
  get rawHorizon(): number {
    return this.opts.now() - this.opts.rawRetentionMs;
  }

  /**
   * Housekeeping: close finished 5-minute buckets, seal heads of series that went quiet, apply retention and
   * the disk bound, forget empty series. Call periodically (the scraper does, every tick).
   */
  compact(): void {
    const now = this.opts.now();
    const res = this.opts.resolutionMs;
    const rawCut = now - this.opts.rawRetentionMs;
    const dsCut = now - this.opts.downsampledRetentionMs;
    for (const s of this.byKey.values()) {
      if (s.bucketCount > 0 && s.bucketStart + res <= now - res) this.flushBucket(s);
      if (s.raw.head.count > 0 && s.raw.head.maxT < now - this.opts.staleMs) {
        this.sealRaw(s);
        if (s.bucketCount > 0) this.flushBucket(s);
        this.sealBuckets(s);
      }
      s.raw.dropBefore(rawCut);
      s.buckets.dropBefore(dsCut);
      if (s.raw.empty && s.buckets.empty && s.bucketCount === 0) {
        this.byKey.delete(s.key);
        delete this.byId[s.id];
      }
    }
    if (!this.files) return;
    for (const seg of [...this.files.segments.values()]) {
      const cut = seg.tier === 'raw' ? rawCut : dsCut;
      if (seg.maxT < cut) this.files.deleteSegment(seg.file);
    }
    const max = this.opts.maxBytes;
    if (max !== undefined && this.files.segmentBytes > max) {
      const oldest = [...this.files.segments.values()].sort((a, b) => a.maxT - b.maxT);
      for (const seg of oldest) {
        if (this.files.segmentBytes <= max) break;
        this.files.deleteSegment(seg.file);
        for (const s of this.byKey.values())
          if (seg.tier === 'raw') s.raw.dropBefore(seg.maxT + 1);
          else s.buckets.dropBefore(seg.maxT + 1);
      }
    }
  }

  /** Writes the head chunks and open buckets so a restart resumes where this left off. */
  checkpoint(): void {
    if (!this.files) return;
    const heads: HeadState[] = [];
    const buckets: BucketState[] = [];
    for (const s of this.byKey.values()) {
      const h = s.raw.head;
      if (h.count > 0) heads.push({ id: s.id, tier: 'raw', count: h.count, bytes: h.bytes() });
      const b = s.buckets.head;
      if (b.n > 0) heads.push({ id: s.id, tier: '5m', count: b.n, bytes: encodeBuckets(b) });
      if (s.bucketCount > 0)
        buckets.push({
          id: s.id,
          start: s.bucketStart,
          sum: s.bucketSum,
          count: s.bucketCount,
          max: s.bucketMax,
        });
    }
    this.files.rewriteSeries([...this.byKey.values()].map((s) => ({ id: s.id, labels: s.labels })));
    this.files.writeCheckpoint(heads, buckets);
    if (this.files.foundVersion !== FORMAT_VERSION) this.files.markVersion();
  }

  close(): void {
    this.checkpoint();
    this.files?.close();
  }

  private load(): void {
    const files = this.files!;
    for (const { id, labels } of files.loadSeries()) {
      const s = new Series(id, labels, labelsKey(labels));
      this.byKey.set(s.key, s);
      this.byId[id] = s;
      this.nextId = Math.max(this.nextId, id + 1);
    }
    const loaded = files.loadChunks().sort((a, b) => a.chunk.minT - b.chunk.minT);
    const legacy: LoadedLegacy[] = [];
    for (const { id, tier, chunk } of loaded) {
      const s = this.byId[id];
      if (!s) continue;
      if (tier === 'raw') s.raw.chunks.push(chunk);
      else if (tier === '5m') s.buckets.chunks.push(chunk);
      else legacy.push({ id, tier, ...decodeAll(chunk.bytes, chunk.count) });
    }
    const { heads, buckets } = files.readCheckpoint();
    for (const h of heads) {
      const s = this.byId[h.id];
      if (!s) continue;
      // Samples already sealed into a segment after this checkpoint was written are skipped.
      if (h.tier === '5m') {
        const p = decodeBuckets(h.bytes, h.count, { n: 0, ...emptyColumns() });
        for (let i = 0; i < p.n; i++)
          if (p.ts[i] > s.buckets.lastT) s.buckets.append(p.ts[i], p.sum[i], p.cnt[i], p.max[i]);
        continue;
      }
      const { ts, vs } = decodeAll(h.bytes, h.count);
      if (h.tier !== 'raw') legacy.push({ id: h.id, tier: h.tier, ts, vs });
      else for (let i = 0; i < ts.length; i++) if (ts[i] > s.raw.lastT) s.raw.head.append(ts[i], vs[i]);
    }
    for (const b of buckets) {
      const s = this.byId[b.id];
      if (!s || b.start <= s.buckets.lastT) continue;
      s.bucketStart = b.start;
      s.bucketSum = b.sum;
      s.bucketCount = b.count;
      s.bucketMax = b.max;
    }
    if (files.foundVersion < FORMAT_VERSION) this.migrate(legacy);
  }

  /** Converts format 1's average and maximum tiers into 5-minute buckets, then drops their files. */
  private migrate(legacy: LoadedLegacy[]): void {
    const files = this.files!;
    for (const [id, list] of migrateLegacyTiers(legacy)) {
      const s = this.byId[id];
      if (!s) continue;
      for (const b of list) {
        if (b.t <= s.buckets.lastT || (s.bucketCount > 0 && b.t >= s.bucketStart)) continue;
        s.buckets.append(b.t, b.sum, b.count, b.max);
        if (s.buckets.head.n >= this.opts.downsampledChunkSamples) this.sealBuckets(s);
      }
    }
    this.checkpoint();
    for (const seg of [...files.segments.values()])
      if (seg.tier === 'avg' || seg.tier === 'max') files.deleteSegment(seg.file);
  }

  /** Counts for the benchmark and diagnostics (bytes: encoded chunk payload in memory, heads included). */
  stats(): {
    series: number;
    rawSamples: number;
    buckets: number;
    /** Of which in sealed chunks (the rest is in heads, persisted by the checkpoint). */
    rawSealed: number;
    bucketsSealed: number;
    rawBytes: number;
    bucketBytes: number;
    diskBytes: number;
  } {
    let rawSamples = 0;
    let buckets = 0;
    let rawBytes = 0;
    let bucketBytes = 0;
    let rawSealed = 0;
    let bucketsSealed = 0;
    for (const s of this.byKey.values()) {
      for (const c of s.raw.chunks) {
        rawSealed += c.count;
        rawSamples += c.count;
        rawBytes += c.bytes.length;
      }
      rawSamples += s.raw.head.count;
      rawBytes += s.raw.head.byteLength;
      for (const c of s.buckets.chunks) {
        bucketsSealed += c.count;
        buckets += c.count;
        bucketBytes += c.bytes.length;
      }
      buckets += s.buckets.head.n;
    }
    return {
      series: this.byKey.size,
      rawSamples,
      buckets,
      rawSealed,
      bucketsSealed,
      rawBytes,
      bucketBytes,
      diskBytes: this.files?.segmentBytes ?? 0,
    };
  }
}

function segmentOf(tier: StoredTier, c: SealedChunk): number {
  const len = SEGMENT_MS[tier];
  return c.minT - (c.minT % len);
}
