/**
 * Test helpers: builds protobuf bytes with protobufjs's Writer (an implementation independent of ours), so
 * decoder tests can describe a message as a list of fields.
 */
import protobuf from 'protobufjs';

/** One field: number, encoding, value. `msg` takes the bytes of an already-encoded message. */
export type Part =
  | [number, 'string', string]
  | [number, 'bytes', Uint8Array]
  | [number, 'msg', Uint8Array]
  | [number, 'int32', number]
  | [number, 'int64', number | string]
  | [number, 'bool', boolean]
  | [number, 'double', number];

/** Encodes the given fields, in order, as one message. */
export function pb(...parts: Part[]): Uint8Array {
  const w = protobuf.Writer.create();
  for (const [n, kind, value] of parts) {
    switch (kind) {
      case 'string':
        w.uint32((n << 3) | 2).string(value);
        break;
      case 'bytes':
      case 'msg':
        w.uint32((n << 3) | 2).bytes(value);
        break;
      case 'int32':
        w.uint32(n << 3).int32(value);
        break;
      case 'int64':
        w.uint32(n << 3).int64(value);
        break;
      case 'bool':
        w.uint32(n << 3).bool(value);
        break;
      case 'double':
        w.uint32((n << 3) | 1).double(value);
        break;
    }
  }
  return w.finish();
}

/** Wraps an object message in the `k8s\0` + runtime.Unknown envelope, like client-go does. */
export function envelope(apiVersion: string, kind: string, raw: Uint8Array): Buffer {
  const typeMeta = pb([1, 'string', apiVersion], [2, 'string', kind]);
  const unknown = pb([1, 'msg', typeMeta], [2, 'bytes', raw], [3, 'string', ''], [4, 'string', '']);
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown]);
}

/** A deterministic pseudo-random generator (mulberry32) for fuzzing without flaky seeds. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
