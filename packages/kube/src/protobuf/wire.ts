/**
 * @module protobuf/wire
 * A minimal, bounds-checked protobuf wire-format reader. It knows only the encodings go-to-protobuf uses
 * (varint, 64-bit, length-delimited) and fails with a `WireError` instead of reading past the end, so that a
 * garbage request body becomes a 400 and never a crash or an endless loop.
 */

/** Wire types of the protobuf encoding. Groups (3, 4) are never produced by Kubernetes. */
export const WireType = { Varint: 0, Fixed64: 1, LengthDelimited: 2, Fixed32: 5 } as const;

/** A malformed buffer; the decoder turns it into a 400 BadRequest. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

/** One field as it appears on the wire, before its schema type is applied. */
export interface WireField {
  number: number;
  wireType: number;
  /** Varint fields: the raw unsigned 64-bit value. */
  varint?: bigint;
  /** Fixed64 fields: the 8 raw little-endian bytes; length-delimited: the payload (a view, not a copy). */
  bytes?: Uint8Array;
}

/** Reads the fields of one message in order. `buf` is never copied. */
export class WireReader {
  private pos = 0;

  constructor(private readonly buf: Uint8Array) {}

  /** Whether unread bytes remain. */
  more(): boolean {
    return this.pos < this.buf.length;
  }

  /** Reads the next field (tag + payload). */
  next(): WireField {
    const tag = this.uint();
    const number = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (number < 1 || number > 536_870_911) throw new WireError(`invalid field number ${number}`);
    switch (wireType) {
      case WireType.Varint:
        return { number, wireType, varint: this.varint() };
      case WireType.Fixed64:
        return { number, wireType, bytes: this.take(8) };
      case WireType.LengthDelimited: {
        const length = this.uint();
        if (length > this.buf.length - this.pos) {
          throw new WireError(
            `field ${number}: length ${length} exceeds the remaining ${this.buf.length - this.pos} bytes`,
          );
        }
        return { number, wireType, bytes: this.take(length) };
      }
      case WireType.Fixed32:
        return { number, wireType, bytes: this.take(4) };
      default:
        throw new WireError(`field ${number}: unsupported wire type ${wireType}`);
    }
  }

  /** Reads a varint as a number: tags and lengths, where precision above 2^53 cannot matter. */
  uint(): number {
    const byte = this.byte();
    if (byte < 0x80) return byte; // The common case: a one-byte tag or a short length.
    this.pos--;
    return Number(this.varint());
  }

  /** Reads an unsigned varint of at most 10 bytes. */
  varint(): bigint {
    // Fast path: most varints (tags, lengths, small numbers) fit in 4 bytes and plain number arithmetic.
    let small = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.byte();
      small |= (byte & 0x7f) << (7 * i);
      if (byte < 0x80) return BigInt(small >>> 0);
    }
    let result = BigInt(small >>> 0);
    for (let i = 4; i < 10; i++) {
      const byte = this.byte();
      result |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if (byte < 0x80) return BigInt.asUintN(64, result);
    }
    throw new WireError('varint longer than 10 bytes');
  }

  private byte(): number {
    if (this.pos >= this.buf.length) throw new WireError('unexpected end of data');
    return this.buf[this.pos++];
  }

  private take(length: number): Uint8Array {
    if (this.pos + length > this.buf.length) throw new WireError('unexpected end of data');
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
}

/** Splits a packed repeated varint payload into its values. */
export function unpackVarints(payload: Uint8Array): bigint[] {
  const reader = new WireReader(payload);
  const out: bigint[] = [];
  while (reader.more()) out.push(reader.varint());
  return out;
}

/** Reads a little-endian IEEE-754 double from 8 bytes. */
export function readDouble(bytes: Uint8Array, offset = 0): number {
  if (offset + 8 > bytes.length) throw new WireError('unexpected end of data');
  return new DataView(bytes.buffer, bytes.byteOffset + offset, 8).getFloat64(0, true);
}
