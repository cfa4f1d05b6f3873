/**
 * @module monitoring/tsdb/db
 * The embedded time-series database: series addressed by label sets, Gorilla chunks of 10 s samples kept
 * `rawRetentionMs` (1 day), 5-minute average/maximum kept `downsampledRetentionMs` (14 days), optional
 * `maxBytes` bound on the chunk files (oldest segments go first), and persistence in `dir` (see storage.ts).
 * Without `dir` it is purely in memory (tests).
 */
import { decodeAll } from './gorilla';
import { Series, TIERS, labelsKey, type Labels, type SealedChunk, type TierName } from './series';
import { TsdbFiles, type BucketState, type HeadState } from './storage';

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
  /** Samples per downsampled chunk (default 96: 8 hours at 5 min). */
  downsampledChunkSamples?: number;
  /** Upper bound for the chunk files; the oldest segments are deleted beyond it. */
  maxBytes?: number;
  /** A series whose last sample is older than this has its head sealed (default 15 min). */
  staleMs?: number;
}

const HOUR = 3_600_000;
const SEGMENT_MS: Record<TierName, number> = { raw: 2 * HOUR, avg: 24 * HOUR, max: 24 * HOUR };

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
      downsampledChunkSamples: 96,
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
    const raw = s.tiers.raw;
    if (t <= raw.lastT) return false;
    raw.head.append(t, v);
    this.ingested++;
    if (raw.head.count >= this.opts.chunkSamples) this.sealTier(s, 'raw');
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
    if (s.bucketCount > 0) {
      const avg = s.tiers.avg;
      const max = s.tiers.max;
      if (s.bucketStart > avg.lastT) {
        // Averages carry full-entropy mantissas; single precision (relative error < 6e-8) makes the XOR
        // encoding about twice as compact and is far finer than any chart shows.
        avg.head.append(s.bucketStart, Math.fround(s.bucketSum / s.bucketCount));
        max.head.append(s.bucketStart, s.bucketMax);
        if (avg.head.count >= this.opts.downsampledChunkSamples) {
          this.sealTier(s, 'avg');
          this.sealTier(s, 'max');
        }
      }
    }
    s.bucketSum = 0;
    s.bucketCount = 0;
    s.bucketMax = -Infinity;
    s.bucketStart = -Infinity;
  }

  private sealTier(s: Series, tier: TierName): void {
    const c = s.tiers[tier].seal();
    if (c && this.files) this.files.appendChunk(tier, segmentOf(tier, c), s.id, c);
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

  /** Samples of one tier with from ≤ t ≤ to (milliseconds). */
  read(id: number, from: number, to: number, tier: TierName = 'raw'): { ts: Float64Array; vs: Float64Array } {
    const s = this.byId[id];
    if (!s) return { ts: new Float64Array(0), vs: new Float64Array(0) };
    return s.tiers[tier].read(from, to);
  }

  /** Visits the samples of one tier in [from, to], newest piece first (see Tier.visitNewestFirst). */
  visit(
    id: number,
    from: number,
    to: number,
    tier: TierName,
    visit: (ts: Float64Array, vs: Float64Array) => void,
  ): void {
    this.byId[id]?.tiers[tier].visitNewestFirst(from, to, visit);
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
      if (s.tiers.raw.head.count > 0 && s.tiers.raw.head.maxT < now - this.opts.staleMs) {
        this.sealTier(s, 'raw');
        if (s.bucketCount > 0) this.flushBucket(s);
        this.sealTier(s, 'avg');
        this.sealTier(s, 'max');
      }
      s.tiers.raw.dropBefore(rawCut);
      s.tiers.avg.dropBefore(dsCut);
      s.tiers.max.dropBefore(dsCut);
      if (TIERS.every((t) => s.tiers[t].empty) && s.bucketCount === 0) {
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
        for (const s of this.byKey.values()) s.tiers[seg.tier].dropBefore(seg.maxT + 1);
      }
    }
  }

  /** Writes the head chunks and open buckets so a restart resumes where this left off. */
  checkpoint(): void {
    if (!this.files) return;
    const heads: HeadState[] = [];
    const buckets: BucketState[] = [];
    for (const s of this.byKey.values()) {
      for (const tier of TIERS) {
        const h = s.tiers[tier].head;
        if (h.count > 0) heads.push({ id: s.id, tier, count: h.count, bytes: h.bytes() });
      }
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
    for (const { id, tier, chunk } of loaded) this.byId[id]?.tiers[tier].chunks.push(chunk);
    const { heads, buckets } = files.readCheckpoint();
    for (const h of heads) {
      const s = this.byId[h.id];
      if (!s) continue;
      const tier = s.tiers[h.tier];
      const { ts, vs } = decodeAll(h.bytes, h.count);
      // Samples already sealed into a segment after this checkpoint was written are skipped.
      for (let i = 0; i < ts.length; i++) if (ts[i] > tier.lastT) tier.head.append(ts[i], vs[i]);
    }
    for (const b of buckets) {
      const s = this.byId[b.id];
      if (!s || b.start <= s.tiers.avg.lastT) continue;
      s.bucketStart = b.start;
      s.bucketSum = b.sum;
      s.bucketCount = b.count;
      s.bucketMax = b.max;
    }
  }

  /** Counts for the benchmark and diagnostics. */
  stats(): {
    series: number;
    rawSamples: number;
    downsampledSamples: number;
    chunkBytes: number;
    diskBytes: number;
  } {
    let rawSamples = 0;
    let downsampledSamples = 0;
    let chunkBytes = 0;
    const add = (c: SealedChunk) => (chunkBytes += c.bytes.length);
    for (const s of this.byKey.values()) {
      for (const tier of TIERS) {
        const t = s.tiers[tier];
        const n = t.chunks.reduce((a, c) => a + c.count, 0) + t.head.count;
        if (tier === 'raw') rawSamples += n;
        else downsampledSamples += n;
        t.chunks.forEach(add);
        chunkBytes += t.head.byteLength;
      }
    }
    return {
      series: this.byKey.size,
      rawSamples,
      downsampledSamples,
      chunkBytes,
      diskBytes: this.files?.segmentBytes ?? 0,
    };
  }
}

function segmentOf(tier: TierName, c: SealedChunk): number {
  const len = SEGMENT_MS[tier];
  return c.minT - (c.minT % len);
}
