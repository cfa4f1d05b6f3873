/**
 * @module api/content
 * Request bodies (JSON, YAML, Kubernetes protobuf; 3 MiB at most) and response negotiation (JSON,
 * `meta.k8s.io/v1` Table, PartialObjectMetadata).
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { errors } from '@sphere/shared';

/** kube-apiserver's limit on request bodies. */
export const maxBodyBytes = 3 * 1024 * 1024;

export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw errors.tooLarge('the request body is too large: limit is 3145728 bytes');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw errors.tooLarge('the request body is too large: limit is 3145728 bytes');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Decoder for protobuf bodies, plugged in from the protobuf module. */
export type ProtobufDecoder = (body: Buffer) => unknown;

/** Parses a JSON or YAML body (and protobuf when a decoder is given). */
export function decodeBody(
  body: Buffer,
  contentType: string | undefined,
  protobuf?: ProtobufDecoder,
): unknown {
  const type = mediaType(contentType);
  if (body.length === 0) throw errors.badRequest('the request body is empty');
  if (type === 'application/vnd.kubernetes.protobuf') {
    if (!protobuf) throw errors.unsupportedMediaType(type);
    return protobuf(body);
  }
  const text = body.toString('utf8');
  if (type === '' || type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text);
    } catch (err) {
      // apply-patch+yaml bodies are JSON in practice (kubectl sends JSON) but YAML is allowed.
      if (type !== 'application/apply-patch+yaml')
        throw errors.badRequest(`error decoding JSON: ${(err as Error).message}`);
    }
  }
  if (type === 'application/yaml' || type === 'application/apply-patch+yaml' || type === 'text/yaml') {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (err) {
      throw errors.badRequest(`error converting YAML to JSON: ${(err as Error).message}`);
    }
  }
  throw errors.unsupportedMediaType(type);
}

export type ResponseShape = 'object' | 'table' | 'metadata';

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((s) => s.trim());
      return {
        type: type.toLowerCase(),
        params: Object.fromEntries(
          params.map((p) => {
            const eq = p.indexOf('=');
            return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
          }),
        ),
      };
    })
    .filter((r) => r.type);
}

/**
 * Picks the response shape from Accept: the first range we can produce wins. Protobuf alone is not
 * acceptable (we answer JSON, which every client lists).
 */
export function negotiate(accept: string | undefined): ResponseShape {
  if (!accept) return 'object';
  for (const range of parseAccept(accept)) {
    const { as, g } = range.params;
    if (range.type === 'application/json' && as === 'Table' && (g === 'meta.k8s.io' || g === undefined))
      return 'table';
    if (
      range.type === 'application/json' &&
      (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList')
    )
      return 'metadata';
    if (range.type === 'application/json' && !as) return 'object';
    if (range.type === '*/*' || range.type === 'application/*') return 'object';
    if (range.type === 'application/yaml') return 'object';
  }
  throw errors.notAcceptable(
    'only the following media types are accepted: application/json, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}
