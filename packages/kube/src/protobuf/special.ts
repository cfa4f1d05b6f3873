/**
 * @module protobuf/special
 * Messages whose JSON form is not an object of their fields: apimachinery value types (Time, MicroTime,
 * Duration, IntOrString, Quantity), embedded raw JSON (RawExtension, FieldsV1, apiextensions JSON) and the
 * apiextensions "A or B" schema unions. Each decoder reads the message's own wire fields.
 */
import { formatDuration, formatMicroTime, formatTime } from './format';
import { WireError, WireField, WireReader, WireType } from './wire';

/** Returned for values Go would print as null (or that we drop, see message.ts): the field is omitted. */
export const OMIT: unique symbol = Symbol('omit');

/** What a special decoder needs from the generic decoder: decoding nested (schema) messages. */
export interface NestedDecoder {
  decode(bytes: Uint8Array, type: string, depth: number): unknown;
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const APIEXT = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1';
const SCHEMA = `${APIEXT}.JSONSchemaProps`;
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

type SpecialDecoder = (
  fields: Map<number, WireField[]>,
  pointer: boolean,
  nested: NestedDecoder,
  depth: number,
) => unknown;

const utf8 = new TextDecoder('utf-8');

function last(fields: Map<number, WireField[]>, n: number): WireField | undefined {
  const all = fields.get(n);
  return all?.[all.length - 1];
}

function varint(fields: Map<number, WireField[]>, n: number): bigint {
  const f = last(fields, n);
  if (!f) return 0n;
  if (f.wireType !== WireType.Varint) throw new WireError(`field ${n}: expected varint`);
  return f.varint as bigint;
}

function bytes(fields: Map<number, WireField[]>, n: number): Uint8Array | undefined {
  const f = last(fields, n);
  if (f && f.wireType !== WireType.LengthDelimited) throw new WireError(`field ${n}: expected bytes`);
  return f?.bytes;
}

function text(fields: Map<number, WireField[]>, n: number): string | undefined {
  const b = bytes(fields, n);
  return b && utf8.decode(b);
}

/** Raw JSON bytes → value; empty → OMIT (Go prints null). Nested k8s protobuf (RawExtension) is refused. */
function rawJson(raw: Uint8Array | undefined): unknown {
  if (!raw || raw.length === 0) return OMIT;
  if (MAGIC.every((b, i) => raw[i] === b)) {
    throw new WireError('embedded objects in protobuf encoding are not supported; send JSON');
  }
  try {
    return JSON.parse(utf8.decode(raw));
  } catch {
    throw new WireError('embedded raw value is not valid JSON');
  }
}

const DECODERS: Record<string, SpecialDecoder> = {
  [`${META}.Time`]: (f, pointer) => {
    const seconds = BigInt.asIntN(64, varint(f, 1));
    const nanos = BigInt.asIntN(32, varint(f, 2));
    if (seconds === 0n && nanos === 0n && !pointer) return OMIT;
    return formatTime(seconds, nanos);
  },
  [`${META}.MicroTime`]: (f, pointer) => {
    const seconds = BigInt.asIntN(64, varint(f, 1));
    const nanos = BigInt.asIntN(32, varint(f, 2));
    if (seconds === 0n && nanos === 0n && !pointer) return OMIT;
    return formatMicroTime(seconds, nanos);
  },
  [`${META}.Duration`]: (f) => formatDuration(BigInt.asIntN(64, varint(f, 1))),
  [`${META}.FieldsV1`]: (f) => rawJson(bytes(f, 1)),
  'k8s.io.apimachinery.pkg.runtime.RawExtension': (f) => rawJson(bytes(f, 1)),
  [`${APIEXT}.JSON`]: (f) => rawJson(bytes(f, 1)),
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': (f, pointer) => {
    const type = varint(f, 1);
    if (type === 1n) return text(f, 3) ?? '';
    if (type !== 0n) throw new WireError(`IntOrString: unknown type ${type}`);
    const value = Number(BigInt.asIntN(32, varint(f, 2)));
    return value === 0 && !pointer ? OMIT : value;
  },
  // Go's zero Quantity prints as "0".
  'k8s.io.apimachinery.pkg.api.resource.Quantity': (f) => text(f, 1) || '0',
  // Go marshals the schema if set, else the array (OrArray) / the bool (OrBool) / the strings (OrStringArray).
  [`${APIEXT}.JSONSchemaPropsOrArray`]: (f, _p, nested, depth) => {
    const schema = bytes(f, 1);
    if (schema) return nested.decode(schema, SCHEMA, depth + 1);
    const items = (f.get(2) ?? []).map((w) => nested.decode(lengthDelimited(w), SCHEMA, depth + 1));
    return items.length > 0 ? items : OMIT;
  },
  [`${APIEXT}.JSONSchemaPropsOrBool`]: (f, _p, nested, depth) => {
    const schema = bytes(f, 2);
    if (schema) return nested.decode(schema, SCHEMA, depth + 1);
    return varint(f, 1) !== 0n;
  },
  [`${APIEXT}.JSONSchemaPropsOrStringArray`]: (f, _p, nested, depth) => {
    const property = (f.get(2) ?? []).map((w) => utf8.decode(lengthDelimited(w)));
    if (property.length > 0) return property;
    const schema = bytes(f, 1);
    return schema ? nested.decode(schema, SCHEMA, depth + 1) : OMIT;
  },
};

function lengthDelimited(w: WireField): Uint8Array {
  if (w.wireType !== WireType.LengthDelimited) throw new WireError(`field ${w.number}: expected bytes`);
  return w.bytes as Uint8Array;
}

/** Whether `type` (a full message name) has its own JSON form. */
export function isSpecial(type: string): boolean {
  return Object.hasOwn(DECODERS, type);
}

/**
 * Decodes a special message. `pointer` says whether the Go field is a pointer; zero values of non-pointer
 * fields come back as OMIT.
 */
export function decodeSpecial(
  type: string,
  payload: Uint8Array,
  pointer: boolean,
  nested: NestedDecoder,
  depth: number,
): unknown {
  const fields = new Map<number, WireField[]>();
  const reader = new WireReader(payload);
  while (reader.more()) {
    const wire = reader.next();
    const list = fields.get(wire.number) ?? [];
    list.push(wire);
    fields.set(wire.number, list);
  }
  return DECODERS[type](fields, pointer, nested, depth);
}
