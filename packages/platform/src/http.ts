/**
 * @module http
 * Request/response helpers: bounded body reading (413 past the limit), JSON and form parsing with clear
 * 400s, JSON responses.
 */
import type http from 'node:http';
import { errors } from '@sphere/shared';

/** Kubernetes' own request size limit. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw errors.tooLarge(`the request body is too large: limit is ${limit} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      req.resume();
      throw errors.tooLarge(`the request body is too large: limit is ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(buf: Buffer): unknown {
  if (buf.length === 0) throw errors.badRequest('the request body is empty; a JSON object is expected');
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (err) {
    throw errors.badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
  }
}

export function parseForm(buf: Buffer): URLSearchParams {
  return new URLSearchParams(buf.toString('utf8'));
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Narrowing helper: a plain JSON object or a 400. */
export function asObject(value: unknown, what = 'the request body'): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw errors.badRequest(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}
