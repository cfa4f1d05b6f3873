/**
 * @module kube/client
 * A small generic JSON client over the transport: get, list, create, update, patch, delete and watch of
 * any resource type. Failures come back as the cluster's own Status, rethrown as StatusError.
 */
import type http from 'node:http';
import { StatusError, errors, type KubeList, type KubeObject, type Status } from '@sphere/shared';
import type { KubeTransport } from './transport';
import { apiVersionOf, resourcePath, type ResourceType } from './resources';

/** A raw response. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Watch event as the API streams it. */
export interface RawWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

/** A running watch; `stop` closes it. */
export interface WatchHandle {
  stop(): void;
}

export class KubeClient {
  constructor(readonly transport: KubeTransport) {}

  /** Sends one request and buffers the response. */
  raw(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      if (payload) {
        headers['content-type'] = contentType;
        headers['content-length'] = payload.length;
      }
      const req = this.transport.open(method, path, headers);
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.end(payload);
    });
  }

  /** Sends a JSON request; a non-2xx answer throws the cluster's Status as a StatusError. */
  async request<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
    const res = await this.raw(method, path, body, contentType);
    const text = res.body.toString('utf8');
    if (res.status >= 200 && res.status < 300) return (text ? JSON.parse(text) : {}) as T;
    throw statusFromResponse(res.status, text);
  }

  get<T extends KubeObject>(type: ResourceType, name: string, namespace?: string): Promise<T> {
    return this.request<T>('GET', resourcePath(type, namespace, name));
  }

  /** Gets an object or undefined when it does not exist. */
  async find<T extends KubeObject>(
    type: ResourceType,
    name: string,
    namespace?: string,
  ): Promise<T | undefined> {
    try {
      return await this.get<T>(type, name, namespace);
    } catch (err) {
      if (err instanceof StatusError && err.code === 404) return undefined;
      throw err;
    }
  }

  list<T extends KubeObject>(
    type: ResourceType,
    opts: { namespace?: string; labelSelector?: string } = {},
  ): Promise<KubeList<T>> {
    const q = opts.labelSelector ? `?labelSelector=${encodeURIComponent(opts.labelSelector)}` : '';
    return this.request<KubeList<T>>('GET', resourcePath(type, opts.namespace) + q);
  }

  create<T extends KubeObject>(type: ResourceType, obj: T): Promise<T> {
    const body = { apiVersion: apiVersionOf(type), kind: type.kind, ...obj };
    return this.request<T>('POST', resourcePath(type, obj.metadata.namespace), body);
  }

  /** Creates an object; if it already exists (a peer replica won the race) returns undefined. */
  async createIfAbsent<T extends KubeObject>(type: ResourceType, obj: T): Promise<T | undefined> {
    try {
      return await this.create(type, obj);
    } catch (err) {
      if (err instanceof StatusError && err.code === 409) return undefined;
      throw err;
    }
  }

  /** Replaces an object; `metadata.resourceVersion` makes it conditional (409 if someone wrote first). */
  update<T extends KubeObject>(type: ResourceType, obj: T, subresource?: string): Promise<T> {
    const body = { apiVersion: apiVersionOf(type), kind: type.kind, ...obj };
    const path =
      resourcePath(type, obj.metadata.namespace, obj.metadata.name) + (subresource ? `/${subresource}` : '');
    return this.request<T>('PUT', path, body);
  }

  mergePatch<T extends KubeObject>(
    type: ResourceType,
    name: string,
    patch: unknown,
    namespace?: string,
    subresource?: string,
  ): Promise<T> {
    const path = resourcePath(type, namespace, name) + (subresource ? `/${subresource}` : '');
    return this.request<T>('PATCH', path, patch, 'application/merge-patch+json');
  }

  /** Deletes an object; a missing object is not an error (idempotent for racing replicas). */
  async delete(type: ResourceType, name: string, namespace?: string): Promise<void> {
    try {
      await this.request('DELETE', resourcePath(type, namespace, name));
    } catch (err) {
      if (err instanceof StatusError && err.code === 404) return;
      throw err;
    }
  }

  /**
   * Streams watch events of a collection from `resourceVersion`. `onEvent` gets each event; `onEnd` is
   * called once when the stream ends for any reason (with the error, if any, or the HTTP status).
   */
  watch(
    path: string,
    resourceVersion: string,
    onEvent: (ev: RawWatchEvent) => void,
    onEnd: (err?: Error) => void,
  ): WatchHandle {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${path}${sep}watch=true&allowWatchBookmarks=true&resourceVersion=${encodeURIComponent(resourceVersion)}`;
    const req = this.transport.open('GET', url, { accept: 'application/json' });
    let ended = false;
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    req.on('error', (err) => end(err));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => end(statusFromResponse(res.statusCode ?? 0, Buffer.concat(chunks).toString())));
        return;
      }
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let nl: number;
        while ((nl = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, nl).trim();
          buffered = buffered.slice(nl + 1);
          if (!line) continue;
          try {
            onEvent(JSON.parse(line) as RawWatchEvent);
          } catch {
            // A partial or foreign line: ignore, the next list re-syncs anyway.
          }
        }
      });
      res.on('end', () => end());
      res.on('error', (err) => end(err));
    });
    req.end();
    return {
      stop() {
        ended = true;
        req.destroy();
      },
    };
  }
}

/** Turns a cluster error answer into a StatusError carrying the cluster's Status. */
export function statusFromResponse(code: number, text: string): StatusError {
  try {
    const status = JSON.parse(text) as Partial<Status>;
    if (status.kind === 'Status' && status.reason) {
      return new StatusError(status.code ?? code, status.reason, status.message ?? '', status.details);
    }
  } catch {
    // not JSON: fall through
  }
  if (code === 404) return errors.pathNotFound();
  return new StatusError(
    code || 500,
    code >= 500 || !code ? 'InternalError' : 'BadRequest',
    text || `HTTP ${code}`,
  );
}
