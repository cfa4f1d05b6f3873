/**
 * @module errors
 * The one place where failures become HTTP responses: a StatusError is written as its Kubernetes Status
 * with the matching code; anything else is a 500 InternalError (logged, with no internals leaked).
 */
import type http from 'node:http';
import { StatusError, errors } from '@sphere/shared';

/** Writes an error as a Kubernetes Status. Returns the HTTP status sent. */
export function sendError(res: http.ServerResponse, err: unknown, log: (line: string) => void): number {
  const statusError = err instanceof StatusError ? err : errors.internal('unexpected server error');
  if (!(err instanceof StatusError)) log(`internal error: ${(err as Error)?.stack ?? String(err)}`);
  if (res.headersSent) {
    res.destroy();
    return statusError.code;
  }
  const body = JSON.stringify(statusError.toStatus());
  const headers: http.OutgoingHttpHeaders = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (statusError.code === 429 && statusError.details?.retryAfterSeconds)
    headers['retry-after'] = String(statusError.details.retryAfterSeconds);
  if (statusError.code === 401) headers['www-authenticate'] = 'Bearer realm="sphere"';
  res.writeHead(statusError.code, headers);
  res.end(body);
  return statusError.code;
}
