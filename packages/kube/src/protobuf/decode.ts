/**
 * @module protobuf/decode
 * Decodes a Kubernetes protobuf request body (`Content-Type: application/vnd.kubernetes.protobuf`, as sent
 * by `kubectl create <generator>` and `kubectl auth can-i`) to the object's JSON form.
 *
 * Envelope: the 4 magic bytes `k8s\0`, then a runtime.Unknown message:
 * `{ typeMeta = 1 { apiVersion = 1, kind = 2 }, raw = 2 (the object message), contentEncoding = 3,
 * contentType = 4 }`. apiVersion + kind select the proto message (`v1`/`ConfigMap` →
 * `k8s.io.api.core.v1.ConfigMap`) whose fields are then decoded with the generated table.
 */
import { StatusError, errors, isStatusError } from '@sphere/shared/status';
import type { KubeObject } from '@sphere/shared/objects';
import { MessageDecoder } from './message';
import { OMIT } from './special';
import { MessageTable, defaultTable } from './table';
import { WireReader, WireType } from './wire';

/** The media type of Kubernetes protobuf bodies. */
export const KUBERNETES_PROTOBUF = 'application/vnd.kubernetes.protobuf';

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);
const utf8 = new TextDecoder('utf-8');

/** Whether a Content-Type header names the Kubernetes protobuf encoding (parameters are ignored). */
export function isKubernetesProtobuf(contentType: string | undefined | null): boolean {
  if (!contentType) return false;
  return contentType.split(';')[0].trim().toLowerCase() === KUBERNETES_PROTOBUF;
}

/** The parts of runtime.Unknown that matter for a request body. */
export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

/** Checks the magic prefix and decodes the runtime.Unknown envelope. Throws 400 on malformed input. */
export function decodeEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length < MAGIC.length || !MAGIC.equals(body.subarray(0, MAGIC.length))) {
    throw errors.badRequest(
      'the body is not a Kubernetes protobuf message: it does not start with the magic bytes "k8s\\x00"',
    );
  }
  return badRequestOnError(() => {
    const envelope: ProtobufEnvelope = {
      apiVersion: '',
      kind: '',
      raw: new Uint8Array(0),
      contentEncoding: '',
      contentType: '',
    };
    const reader = new WireReader(body.subarray(MAGIC.length));
    while (reader.more()) {
      const field = reader.next();
      if (field.wireType !== WireType.LengthDelimited) continue;
      const bytes = field.bytes as Uint8Array;
      if (field.number === 1) {
        const typeMeta = new WireReader(bytes);
        while (typeMeta.more()) {
          const f = typeMeta.next();
          if (f.wireType !== WireType.LengthDelimited) continue;
          if (f.number === 1) envelope.apiVersion = utf8.decode(f.bytes);
          if (f.number === 2) envelope.kind = utf8.decode(f.bytes);
        }
      } else if (field.number === 2) envelope.raw = bytes;
      else if (field.number === 3) envelope.contentEncoding = utf8.decode(bytes);
      else if (field.number === 4) envelope.contentType = utf8.decode(bytes);
    }
    return envelope;
  });
}

/**
 * Decodes a complete protobuf request body to the JSON object a client would have sent as
 * `application/json`, with `apiVersion` and `kind` set. Zero values follow the rule in message.ts.
 * Throws StatusError 400 for malformed bodies and 415 for kinds without a known protobuf message.
 */
export function decodeKubernetesProtobuf(body: Uint8Array, table: MessageTable = defaultTable()): KubeObject {
  const envelope = decodeEnvelope(body);
  const { apiVersion, kind } = envelope;
  if (!apiVersion || !kind) {
    throw errors.badRequest('the protobuf body does not name its apiVersion and kind');
  }
  if (envelope.contentEncoding) {
    throw errors.badRequest(`unsupported protobuf content encoding "${envelope.contentEncoding}"`);
  }
  if (envelope.contentType && !isKubernetesProtobuf(envelope.contentType)) {
    throw errors.badRequest(`unsupported embedded content type "${envelope.contentType}"`);
  }
  const spec = table.messageForKind(apiVersion, kind);
  if (!spec) {
    // CustomResources and unknown kinds have no protobuf form; kube-apiserver answers 415 for them too.
    throw new StatusError(
      415,
      'UnsupportedMediaType',
      `${kind} in ${apiVersion} has no protobuf encoding; send it as application/json`,
    );
  }
  const decoded = badRequestOnError(() => new MessageDecoder(table).decode(envelope.raw, spec.name, 0));
  if (decoded === OMIT || typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) {
    throw errors.badRequest(`${kind} is not an object kind`);
  }
  const object = decoded as Record<string, unknown>;
  return { apiVersion, kind, metadata: (object.metadata as KubeObject['metadata']) ?? {}, ...object };
}

function badRequestOnError<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (isStatusError(err)) throw err;
    // WireError for malformed input; anything else (e.g. a RangeError from a hostile length) is still the
    // body's fault, and a request must never take the server down.
    const message = err instanceof Error ? err.message : String(err);
    throw errors.badRequest(`unable to decode the protobuf request body: ${message}`);
  }
}
