/**
 * @module monitoring/tsdb/cache
 * A process-wide LRU of decoded sealed chunks, bounded by samples held (16 bytes each). Sealed chunks never
 * change, so a decoded copy stays valid until the chunk is dropped. Only the 5-minute tiers use it: a 7-day
 * range over 1,000 pods reads 2 million downsampled samples, and decoding them on every console refresh
 * would cost more than the whole query budget.
 */
import { decodeAll } from './gorilla';
import type { SealedChunk } from './series';

interface Decoded {
  ts: Float64Array;
  vs: Float64Array;
}

export class DecodedChunkCache {
  private readonly map = new Map<SealedChunk, Decoded>();
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(public maxSamples: number) {}

  /** The decoded chunk (decoding and caching it on a miss). */
  get(c: SealedChunk): Decoded | undefined {
    if (this.maxSamples <= 0) return undefined;
    const found = this.map.get(c);
    if (found) {
      this.hits++;
      // Re-insert to mark as most recently used.
      this.map.delete(c);
      this.map.set(c, found);
      return found;
    }
    this.misses++;
    const d = decodeAll(c.bytes, c.count);
    this.map.set(c, d);
    this.held += d.ts.length;
    for (const [k, v] of this.map) {
      if (this.held <= this.maxSamples) break;
      this.map.delete(k);
      this.held -= v.ts.length;
    }
    return d;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }
}

/** Shared by every TSDB in the process (default 4 million samples, 64 MB). */
export const decodedChunks = new DecodedChunkCache(4_000_000);
