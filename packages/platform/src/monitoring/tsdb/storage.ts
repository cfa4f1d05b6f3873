/**
 * @module monitoring/tsdb/storage
 * The TSDB's files in `<dataDir>/monitoring/`:
 * - `series.log`: one line per series, `id<TAB>labels-json` (append-only; rewritten at checkpoints to drop
 *   series that no longer hold data);
 * - `<tier>-<segmentStart>.seg` (`raw`, `5m`): append-only sealed chunks of one tier whose first sample
 *   falls in that segment (records: id u32, minT f64, maxT f64, count u32, length u32, bytes);
 * - `head.ckpt`: the open head chunks and running 5-minute buckets, rewritten atomically (temp + rename)
 *   by each checkpoint. Samples appended after the last checkpoint are lost on a crash; sealed chunks are not.
 * - `VERSION`: the format (2). Format 1 (no marker) kept `avg-*.seg` and `max-*.seg` Gorilla tiers and a
 *   checkpoint without magic; it is still read, so that migrate.ts can convert it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Labels, SealedChunk, StoredTier } from './series';
import { PAD_BYTES, readable } from './columns';

const HEADER = 28;
/** The format this code writes. */
export const FORMAT_VERSION = 2;
const CKPT_MAGIC = 0x32435354; // "TSC2" little-endian

/** Tiers found in segment files: the current ones and format 1's (read for migration only). */
export type FileTier = StoredTier | 'avg' | 'max';

export interface SegmentInfo {
  file: string;
  tier: FileTier;
  start: number;
  /** Newest sample in the file (retention deletes the file once this is past). */
  maxT: number;
  bytes: number;
}

export interface LoadedChunk {
  id: number;
  tier: FileTier;
  chunk: SealedChunk;
}

export interface HeadState {
  id: number;
  tier: FileTier;
  count: number;
  bytes: Uint8Array;
}

export interface BucketState {
  id: number;
  start: number;
  sum: number;
  count: number;
  max: number;
}

const TIER_CODES: StoredTier[] = ['raw', '5m'];
const LEGACY_TIER_CODES: FileTier[] = ['raw', 'avg', 'max'];

export class TsdbFiles {
  private readonly fds = new Map<string, number>();
  readonly segments = new Map<string, SegmentInfo>();
  private seriesFd: number;

  /** The format found on disk: FORMAT_VERSION, 1 (older, to migrate) or 0 (nothing there yet). */
  readonly foundVersion: number;

  constructor(readonly dir: string) {
    fs.mkdirSync(dir, { recursive: true });
    const marker = path.join(dir, 'VERSION');
    if (fs.existsSync(marker)) this.foundVersion = Number(fs.readFileSync(marker, 'utf8').trim());
    else
      this.foundVersion = fs.readdirSync(dir).some((f) => f === 'series.log' || f.endsWith('.seg')) ? 1 : 0;
    if (!(this.foundVersion <= FORMAT_VERSION))
      throw new Error(`monitoring data in ${dir} has format ${this.foundVersion}, newer than this version`);
    this.seriesFd = fs.openSync(path.join(dir, 'series.log'), 'a');
  }

  /** Records that the directory holds the current format (after a migration, or when new). */
  markVersion(): void {
    const marker = path.join(this.dir, 'VERSION');
    fs.writeFileSync(`${marker}.tmp`, `${FORMAT_VERSION}\n`);
    fs.renameSync(`${marker}.tmp`, marker);
  }

  /** Reads every series definition. */
  loadSeries(): { id: number; labels: Labels }[] {
    const text = fs.readFileSync(path.join(this.dir, 'series.log'), 'utf8');
    const out: { id: number; labels: Labels }[] = [];
    for (const line of text.split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      try {
        out.push({ id: Number(line.slice(0, tab)), labels: JSON.parse(line.slice(tab + 1)) as Labels });
      } catch {
        // A torn last line after a crash: the series comes back when it is next scraped.
      }
    }
    return out;
  }

  appendSeries(id: number, labels: Labels): void {
    fs.writeSync(this.seriesFd, `${id}\t${JSON.stringify(labels)}\n`);
  }

  /** Replaces series.log with exactly these series. */
  rewriteSeries(all: { id: number; labels: Labels }[]): void {
    const tmp = path.join(this.dir, 'series.log.tmp');
    fs.writeFileSync(tmp, all.map((s) => `${s.id}\t${JSON.stringify(s.labels)}\n`).join(''));
    fs.closeSync(this.seriesFd);
    fs.renameSync(tmp, path.join(this.dir, 'series.log'));
    this.seriesFd = fs.openSync(path.join(this.dir, 'series.log'), 'a');
  }

  /** Reads every segment's chunks (a torn record at a file's end is ignored). */
  loadChunks(): LoadedChunk[] {
    const out: LoadedChunk[] = [];
    for (const name of fs.readdirSync(this.dir)) {
      const m = /^(raw|5m|avg|max)-(\d+)\.seg$/.exec(name);
      if (!m) continue;
      const tier = m[1] as FileTier;
      const buf = fs.readFileSync(path.join(this.dir, name));
      const info: SegmentInfo = { file: name, tier, start: Number(m[2]), maxT: -Infinity, bytes: buf.length };
      let off = 0;
      while (off + HEADER <= buf.length) {
        const id = buf.readUInt32LE(off);
        const minT = buf.readDoubleLE(off + 4);
        const maxT = buf.readDoubleLE(off + 12);
        const count = buf.readUInt32LE(off + 20);
        const len = buf.readUInt32LE(off + 24);
        if (off + HEADER + len > buf.length) break;
        // 5-minute chunks get room after their bytes, so queries read them in place (columns.ts).
        const bytes = new Uint8Array(tier === '5m' ? len + PAD_BYTES : len).subarray(0, len);
        bytes.set(buf.subarray(off + HEADER, off + HEADER + len));
        out.push({ id, tier, chunk: { minT, maxT, count, bytes, readable: readable(bytes) } });
        info.maxT = Math.max(info.maxT, maxT);
        off += HEADER + len;
      }
      this.segments.set(name, info);
    }
    return out;
  }

  /** Appends a sealed chunk to its segment file. */
  appendChunk(tier: StoredTier, segmentStart: number, id: number, c: SealedChunk): void {
    const file = `${tier}-${segmentStart}.seg`;
    let fd = this.fds.get(file);
    if (fd === undefined) {
      fd = fs.openSync(path.join(this.dir, file), 'a');
      this.fds.set(file, fd);
    }
    const rec = Buffer.allocUnsafe(HEADER + c.bytes.length);
    rec.writeUInt32LE(id, 0);
    rec.writeDoubleLE(c.minT, 4);
    rec.writeDoubleLE(c.maxT, 12);
    rec.writeUInt32LE(c.count, 20);
    rec.writeUInt32LE(c.bytes.length, 24);
    rec.set(c.bytes, HEADER);
    fs.writeSync(fd, rec);
    const info = this.segments.get(file) ?? { file, tier, start: segmentStart, maxT: -Infinity, bytes: 0 };
    info.maxT = Math.max(info.maxT, c.maxT);
    info.bytes += rec.length;
    this.segments.set(file, info);
  }

  deleteSegment(file: string): void {
    const fd = this.fds.get(file);
    if (fd !== undefined) fs.closeSync(fd);
    this.fds.delete(file);
    fs.rmSync(path.join(this.dir, file), { force: true });
    this.segments.delete(file);
  }

  /** Total bytes of chunk segments on disk. */
  get segmentBytes(): number {
    let n = 0;
    for (const s of this.segments.values()) n += s.bytes;
    return n;
  }

  writeCheckpoint(heads: HeadState[], buckets: BucketState[]): void {
    let size = 12;
    for (const h of heads) size += 13 + h.bytes.length;
    size += buckets.length * 36;
    const buf = Buffer.alloc(size);
    buf.writeUInt32LE(CKPT_MAGIC, 0);
    buf.writeUInt32LE(heads.length, 4);
    buf.writeUInt32LE(buckets.length, 8);
    let off = 12;
    for (const h of heads) {
      buf.writeUInt32LE(h.id, off);
      buf.writeUInt8(TIER_CODES.indexOf(h.tier as StoredTier), off + 4);
      buf.writeUInt32LE(h.count, off + 5);
      buf.writeUInt32LE(h.bytes.length, off + 9);
      buf.set(h.bytes, off + 13);
      off += 13 + h.bytes.length;
    }
    for (const b of buckets) {
      buf.writeUInt32LE(b.id, off);
      buf.writeDoubleLE(b.start, off + 4);
      buf.writeDoubleLE(b.sum, off + 12);
      buf.writeDoubleLE(b.count, off + 20);
      buf.writeDoubleLE(b.max, off + 28);
      off += 36;
    }
    for (const fd of this.fds.values()) fs.fsyncSync(fd);
    fs.fsyncSync(this.seriesFd);
    const tmp = path.join(this.dir, 'head.ckpt.tmp');
    const fd = fs.openSync(tmp, 'w');
    fs.writeSync(fd, buf);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(tmp, path.join(this.dir, 'head.ckpt'));
  }

  readCheckpoint(): { heads: HeadState[]; buckets: BucketState[] } {
    const file = path.join(this.dir, 'head.ckpt');
    if (!fs.existsSync(file)) return { heads: [], buckets: [] };
    const buf = fs.readFileSync(file);
    const heads: HeadState[] = [];
    const buckets: BucketState[] = [];
    // Format 1 had no magic: its heads count came first, and its tier codes were raw, avg, max.
    const legacy = buf.readUInt32LE(0) !== CKPT_MAGIC;
    const codes = legacy ? LEGACY_TIER_CODES : TIER_CODES;
    let off = legacy ? 0 : 4;
    const nh = buf.readUInt32LE(off);
    const nb = buf.readUInt32LE(off + 4);
    off += 8;
    for (let i = 0; i < nh; i++) {
      const len = buf.readUInt32LE(off + 9);
      heads.push({
        id: buf.readUInt32LE(off),
        tier: codes[buf.readUInt8(off + 4)],
        count: buf.readUInt32LE(off + 5),
        bytes: new Uint8Array(buf.subarray(off + 13, off + 13 + len)),
      });
      off += 13 + len;
    }
    for (let i = 0; i < nb; i++) {
      buckets.push({
        id: buf.readUInt32LE(off),
        start: buf.readDoubleLE(off + 4),
        sum: buf.readDoubleLE(off + 12),
        count: buf.readDoubleLE(off + 20),
        max: buf.readDoubleLE(off + 28),
      });
      off += 36;
    }
    return { heads, buckets };
  }

  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
    fs.closeSync(this.seriesFd);
  }
}
