import { describe, expect, it } from 'vitest';
import { WireError, WireReader, unpackVarints } from './wire';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('WireReader', () => {
  it.each([
    ['one byte', bytes(0x08, 0x05), 5n],
    ['two bytes (300)', bytes(0x08, 0xac, 0x02), 300n],
    ['five bytes (2^32)', bytes(0x08, 0x80, 0x80, 0x80, 0x80, 0x10), 4294967296n],
    ['ten bytes (-1 as uint64)', bytes(0x08, ...Array(9).fill(0xff), 0x01), 18446744073709551615n],
  ])('reads a varint field: %s', (_name, buf, value) => {
    const field = new WireReader(buf).next();
    expect(field).toMatchObject({ number: 1, wireType: 0, varint: value });
  });

  it('reads length-delimited payloads as views', () => {
    const buf = bytes(0x12, 0x02, 0x61, 0x62, 0x18, 0x01);
    const reader = new WireReader(buf);
    const first = reader.next();
    expect(first.number).toBe(2);
    expect(Array.from(first.bytes ?? [])).toEqual([0x61, 0x62]);
    expect(reader.next()).toMatchObject({ number: 3, varint: 1n });
    expect(reader.more()).toBe(false);
  });

  it.each([
    ['varint longer than 10 bytes', bytes(0x08, ...Array(10).fill(0xff), 0x01), /longer than 10/],
    ['field number 0', bytes(0x00, 0x01), /invalid field number/],
    ['group wire type', bytes(0x0b), /unsupported wire type 3/],
    ['length past the end', bytes(0x0a, 0x05, 0x00), /exceeds/],
    ['truncated varint', bytes(0x08, 0x80), /unexpected end/],
    ['truncated fixed64', bytes(0x09, 0x00, 0x00), /unexpected end/],
  ])('rejects %s', (_name, buf, message) => {
    const read = () => new WireReader(buf).next();
    expect(read).toThrow(WireError);
    expect(read).toThrow(message);
  });

  it('unpacks packed varints', () => {
    expect(unpackVarints(bytes(0x01, 0xac, 0x02, 0x00))).toEqual([1n, 300n, 0n]);
  });
});
