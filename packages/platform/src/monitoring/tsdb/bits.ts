/**
 * @module monitoring/tsdb/bits
 * Bit-level writer and reader over byte buffers, the substrate of the Gorilla chunk codec. Values are
 * written most-significant bit first, at most 32 bits per call (JavaScript bit operators are 32-bit).
 */

/** Appends bits to a growable byte buffer. */
export class BitWriter {
  private buf: Uint8Array;
  /** Number of bits written. */
  bitLength = 0;

  constructor(initialBytes = 64) {
    this.buf = new Uint8Array(initialBytes);
  }

  /** Writes the low `n` bits of `value` (0 ≤ n ≤ 32), most significant first. */
  write(value: number, n: number): void {
    if (n === 0) return;
    const needBytes = (this.bitLength + n + 7) >>> 3;
    if (needBytes > this.buf.length) {
      const next = new Uint8Array(Math.max(needBytes, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    // Keep only the n low bits (n = 32 keeps everything).
    let v = n === 32 ? value >>> 0 : (value & ((1 << n) - 1)) >>> 0;
    let remaining = n;
    while (remaining > 0) {
      const byteIndex = this.bitLength >>> 3;
      const free = 8 - (this.bitLength & 7);
      const take = remaining < free ? remaining : free;
      const shift = remaining - take;
      const bits = (v >>> shift) & ((1 << take) - 1);
      this.buf[byteIndex] |= bits << (free - take);
      this.bitLength += take;
      remaining -= take;
      v = shift === 0 ? 0 : v & ((1 << shift) - 1);
    }
  }

  writeBit(bit: 0 | 1 | boolean): void {
    const byteIndex = this.bitLength >>> 3;
    if (byteIndex >= this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    if (bit) this.buf[byteIndex] |= 0x80 >>> (this.bitLength & 7);
    this.bitLength++;
  }

  /** A copy of the written bytes (the last byte zero-padded). */
  bytes(): Uint8Array {
    return this.buf.slice(0, (this.bitLength + 7) >>> 3);
  }

  /**
   * A copy of the written bytes followed by `pad` zero bytes in the same ArrayBuffer (outside the returned
   * view), so readers can open it without copying (see columns.ts `readable`).
   */
  paddedBytes(pad = 8): Uint8Array {
    const n = (this.bitLength + 7) >>> 3;
    const out = new Uint8Array(n + pad);
    out.set(this.buf.subarray(0, n));
    return out.subarray(0, n);
  }

  /** Bytes written so far, rounded up. */
  get byteLength(): number {
    return (this.bitLength + 7) >>> 3;
  }
}

/** Reads bits written by BitWriter. */
export class BitReader {
  private pos = 0;
  constructor(private readonly buf: Uint8Array) {}

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned number. */
  read(n: number): number {
    let out = 0;
    let remaining = n;
    while (remaining > 0) {
      const byte = this.buf[this.pos >>> 3] ?? 0;
      const offset = this.pos & 7;
      const avail = 8 - offset;
      const take = remaining < avail ? remaining : avail;
      const bits = (byte >>> (avail - take)) & ((1 << take) - 1);
      // Multiply instead of shift so 32-bit results stay unsigned.
      out = out * (1 << take) + bits;
      this.pos += take;
      remaining -= take;
    }
    return out;
  }

  readBit(): number {
    const byte = this.buf[this.pos >>> 3] ?? 0;
    const bit = (byte >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }
}
