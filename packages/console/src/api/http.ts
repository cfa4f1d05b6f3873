/**
 * @module http
 * The one fetch wrapper: adds the bearer token, retries once after a token refresh on 401, and turns
 * failures into ApiError. Every API module goes through `request`.
 */
import { apiUrl } from './base';
import { ApiError, errorFromBody } from './errors';
import { clearSession, getSession, refreshNow } from '../auth/session-manager';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Content type of the body; JSON by default, merge-patch for PATCH. */
  contentType?: string;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  /** Skip the Authorization header (login). */
  anonymous?: boolean;
}

/** Appends query parameters, skipping undefined and empty values. */
export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  if (!qs) return path;
  return path + (path.includes('?') ? '&' : '?') + qs;
}

function headersFor(opts: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) {
    headers['Content-Type'] =
      opts.contentType ?? (opts.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json');
  }
  const session = getSession();
  if (!opts.anonymous && session) headers.Authorization = `Bearer ${session.accessToken}`;
  return headers;
}

/** Raw fetch with auth; resolves to the Response for streaming callers (watch, logs). */
export async function rawRequest(path: string, opts: RequestOptions = {}): Promise<Response> {
  const url = apiUrl(withQuery(path, opts.query));
  const body =
    opts.body === undefined
      ? undefined
      : typeof opts.body === 'string' || opts.body instanceof URLSearchParams
        ? opts.body
        : JSON.stringify(opts.body);
  const send = () =>
    fetch(url, { method: opts.method ?? 'GET', headers: headersFor(opts), body, signal: opts.signal });
  let res = await send();
  if (res.status === 401 && !opts.anonymous && getSession()) {
    const renewed = await refreshNow();
    if (renewed) res = await send();
    if (res.status === 401) clearSession('expired');
  }
  if (!res.ok) throw errorFromBody(res.status, await res.text());
  return res;
}

/** JSON request; returns the parsed body (undefined for empty bodies). */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await rawRequest(path, opts);
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, 'Invalid JSON response');
  }
}
