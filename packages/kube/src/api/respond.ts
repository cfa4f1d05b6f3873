/**
 * @module api/respond
 * Writing responses. `sendError` is the one place where errors become HTTP: StatusErrors keep their
 * code and reason, anything else is logged and answered as a 500 InternalError Status.
 */
import type { ServerResponse } from 'node:http';
import { errors, isStatusError } from '@sphere/shared';

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

/** Warnings become `Warning: 299 - "<text>"` headers, which kubectl prints as `Warning: <text>`. */
export function warningHeaders(res: ServerResponse, warnings: string[]): void {
  if (warnings.length === 0) return;
  res.setHeader(
    'Warning',
    warnings.map((w) => `299 - "${w.replace(/["\\]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ')}"`),
  );
}

export function sendError(res: ServerResponse, err: unknown, log?: (msg: string) => void): void {
  const statusError = isStatusError(err)
    ? err
    : errors.internal(err instanceof Error ? err.message : String(err));
  if (!isStatusError(err))
    log?.(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  const retry = statusError.details?.retryAfterSeconds;
  if (retry) headers['Retry-After'] = String(retry);
  sendJson(res, statusError.code, statusError.toStatus(), headers);
}
