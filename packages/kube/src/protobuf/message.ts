/**
 * @module protobuf/message
 * Turns one protobuf-encoded Kubernetes message into the JSON form Go's encoder would print for it.
 *
 * Zero values. go-to-protobuf always writes non-pointer fields, even when they hold Go's zero value, while
 * the JSON form omits zero `omitempty` fields. The rule (driven by the Go struct tags recorded in the table):
 * - pointer fields (`*int32`, `*bool`, `*EmptyDirVolumeSource`, ...): kept whenever present on the wire,
 *   zero or empty (`replicas: 0`, `automountServiceAccountToken: false`, `emptyDir: {}` mean something);
 * - non-pointer scalars tagged omitempty: dropped when "", 0, false or empty bytes; untagged ones kept;
 * - repeated fields and maps: kept only when they have entries (nil and empty are the same in Go);
 * - non-pointer structs: kept, even `{}` (Go prints `resources: {}`, `status: {}` too);
 * - value types whose Go JSON form is null when zero (Time, MicroTime, FieldsV1, RawExtension, JSON):
 *   dropped, so a zero `creationTimestamp` is absent; a zero non-pointer IntOrString (`targetPort`) is
 *   dropped too, so server-side defaulting sees "unset" rather than the port 0.
 */
import { MessageSpec, FieldSpec, MessageTable } from './table';
import { decodeSpecial, isSpecial, OMIT } from './special';
import { WireError, WireField, WireReader, WireType, readDouble, unpackVarints } from './wire';

/** Deepest message nesting accepted; guards the stack against hostile input. */
const MAX_DEPTH = 100;

/** UTF-8 text of a byte view (Buffer's decoder measured faster than TextDecoder on short strings). */
const text = (b: Uint8Array | undefined): string =>
  b ? Buffer.from(b.buffer, b.byteOffset, b.length).toString('utf8') : '';

type Json = unknown;

export class MessageDecoder {
  constructor(readonly table: MessageTable) {}

  /** Decodes `bytes` as the message named `type`, including the special value types. */
  decode(bytes: Uint8Array, type: string, depth: number, pointer = true): Json | typeof OMIT {
    if (depth > MAX_DEPTH) throw new WireError(`messages nested deeper than ${MAX_DEPTH}`);
    if (isSpecial(type)) return decodeSpecial(type, bytes, pointer, this, depth);
    const spec = this.table.message(type);
    if (!spec) throw new WireError(`unknown message type ${type}`);
    const object = this.struct(bytes, spec, depth);
    if (spec.list) return (object.items as Json[] | undefined) ?? [];
    return object;
  }

  /** Decodes a struct message to a JSON object, applying the zero-value rule of the module comment. */
  struct(bytes: Uint8Array, spec: MessageSpec, depth: number): Record<string, Json> {
    const values = new Map<number, Json>();
    const reader = new WireReader(bytes);
    while (reader.more()) {
      const wire = reader.next();
      const field = spec.fields.get(wire.number);
      if (!field) continue; // Unknown fields are skipped, as Go does for fields of newer versions.
      if (field.map) {
        const entries = (values.get(field.number) as Record<string, Json> | undefined) ?? {};
        const [key, value] = this.mapEntry(expectBytes(wire, field, spec), field, depth);
        Object.defineProperty(entries, key, { value, enumerable: true, writable: true, configurable: true });
        values.set(field.number, entries);
      } else if (field.repeated) {
        const list = (values.get(field.number) as Json[] | undefined) ?? [];
        // A loop, not push(...values): a long packed array would overflow the argument limit.
        for (const v of this.repeatedValues(wire, field, spec, depth)) list.push(v);
        values.set(field.number, list);
      } else {
        values.set(field.number, this.singleValue(wire, field, spec, depth));
      }
    }
    const out: Record<string, Json> = {};
    for (const field of spec.fields.values()) {
      if (!values.has(field.number)) continue;
      const value = values.get(field.number);
      if (!keep(value, field)) continue;
      if (field.inline && isObject(value)) Object.assign(out, value);
      else out[field.jsonName] = value;
    }
    return out;
  }

  private singleValue(wire: WireField, field: FieldSpec, spec: MessageSpec, depth: number): Json {
    if (!field.scalar) {
      return this.decode(expectBytes(wire, field, spec), field.type, depth + 1, field.pointer);
    }
    return scalarValue(wire, field, spec);
  }

  private repeatedValues(wire: WireField, field: FieldSpec, spec: MessageSpec, depth: number): Json[] {
    if (!field.scalar) {
      const value = this.decode(expectBytes(wire, field, spec), field.type, depth + 1);
      return [value === OMIT ? null : value];
    }
    const packable = field.type !== 'string' && field.type !== 'bytes';
    if (packable && wire.wireType === WireType.LengthDelimited) {
      const payload = wire.bytes as Uint8Array;
      if (field.type === 'double') {
        if (payload.length % 8 !== 0) throw new WireError(`${where(spec, field)}: bad packed doubles`);
        return Array.from({ length: payload.length / 8 }, (_, i) => readDouble(payload, i * 8));
      }
      return unpackVarints(payload).map((v) => varintValue(v, field.type));
    }
    return [scalarValue(wire, field, spec)];
  }

  private mapEntry(bytes: Uint8Array, field: FieldSpec, depth: number): [string, Json] {
    let key = '';
    let value: Json | undefined;
    const reader = new WireReader(bytes);
    while (reader.more()) {
      const wire = reader.next();
      if (wire.number === 1 && wire.wireType === WireType.LengthDelimited) {
        key = text(wire.bytes);
      } else if (wire.number === 2) {
        value = field.scalar
          ? scalarValue(wire, field, undefined)
          : this.decode(expectBytes(wire, field, undefined), field.type, depth + 1);
      }
    }
    if (value === undefined || value === OMIT) {
      // A missing value is the zero value of the value type, as in Go.
      value = field.scalar ? zeroScalar(field.type) : this.decode(new Uint8Array(0), field.type, depth + 1);
    }
    return [key, value === OMIT ? null : value];
  }
}

function keep(value: Json, field: FieldSpec): boolean {
  if (value === OMIT || value === undefined) return false;
  if (field.map) return Object.keys(value as object).length > 0;
  if (field.repeated) return (value as Json[]).length > 0;
  if (field.pointer || !field.scalar || !field.omitEmpty) return true;
  return value !== '' && value !== 0 && value !== false;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function where(spec: MessageSpec | undefined, field: FieldSpec): string {
  return `${spec ? spec.name.replace(/^.*\./, '') : 'map'}.${field.jsonName}`;
}

function expectBytes(wire: WireField, field: FieldSpec, spec: MessageSpec | undefined): Uint8Array {
  if (wire.wireType !== WireType.LengthDelimited) {
    throw new WireError(`${where(spec, field)}: wire type ${wire.wireType}, expected length-delimited`);
  }
  return wire.bytes as Uint8Array;
}

function scalarValue(wire: WireField, field: FieldSpec, spec: MessageSpec | undefined): Json {
  switch (field.type) {
    case 'string':
      return text(expectBytes(wire, field, spec));
    case 'bytes':
      return Buffer.from(expectBytes(wire, field, spec)).toString('base64');
    case 'double':
      if (wire.wireType !== WireType.Fixed64) {
        throw new WireError(`${where(spec, field)}: wire type ${wire.wireType}, expected 64-bit`);
      }
      return readDouble(wire.bytes as Uint8Array);
    default:
      if (wire.wireType !== WireType.Varint) {
        throw new WireError(`${where(spec, field)}: wire type ${wire.wireType}, expected varint`);
      }
      return varintValue(wire.varint as bigint, field.type);
  }
}

function varintValue(raw: bigint, type: string): Json {
  if (type === 'bool') return raw !== 0n;
  if (type === 'int32') return Number(BigInt.asIntN(32, raw));
  return Number(BigInt.asIntN(64, raw)); // int64 as a JSON number, like Go prints it.
}

function zeroScalar(type: string): Json {
  if (type === 'string' || type === 'bytes') return '';
  if (type === 'bool') return false;
  return 0;
}
