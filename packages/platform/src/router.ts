/**
 * @module router
 * A minimal router: method + path pattern (`:param` segments) → handler. Handlers return the JSON body
 * (status 200, or `created` 201) or throw StatusErrors.
 */
import type http from 'node:http';
import type { Attributes, UserInfo } from './authz/types';

export interface RequestContext {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  params: Record<string, string>;
  user: UserInfo;
  attrs: Attributes;
  /** The parsed JSON body (400 if absent or malformed). */
  json(): Promise<unknown>;
}

export interface HandlerResult {
  status: number;
  body: unknown;
}

export type Handler = (ctx: RequestContext) => Promise<unknown>;

export interface Route {
  method: string;
  pattern: string;
  handler: Handler;
  /**
   * `check` (default): the request is authorized from its path before the handler runs.
   * `handler`: the handler authorizes itself (lists filtered to what the caller may see).
   */
  authz?: 'check' | 'handler';
  /** Shown in the OpenAPI document. */
  summary?: string;
  tag?: string;
  /** Whether the OpenAPI document lists paging/filter parameters (default: a GET not ending in `:param`). */
  list?: boolean;
}

/** Marks a handler result with a status other than 200. */
export function withStatus(status: number, body: unknown): HandlerResult & { __withStatus: true } {
  return { status, body, __withStatus: true };
}

export function isWithStatus(v: unknown): v is HandlerResult {
  return !!v && typeof v === 'object' && (v as { __withStatus?: boolean }).__withStatus === true;
}

interface Compiled {
  route: Route;
  segments: string[];
}

export class Router {
  private readonly compiled: Compiled[] = [];

  add(route: Route): void {
    this.compiled.push({ route, segments: route.pattern.split('/').filter(Boolean) });
  }

  addAll(routes: Route[]): void {
    for (const r of routes) this.add(r);
  }

  get routes(): Route[] {
    return this.compiled.map((c) => c.route);
  }

  /** Finds the route; `methodMismatch` tells a 405 from a 404. */
  match(
    method: string,
    pathname: string,
  ): { route: Route; params: Record<string, string> } | { methodMismatch: boolean } {
    const parts = pathname.split('/').filter(Boolean);
    let mismatch = false;
    for (const c of this.compiled) {
      if (c.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = c.segments[i];
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(parts[i]);
          } catch {
            ok = false;
            break;
          }
        } else if (seg !== parts[i]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (c.route.method !== method) {
        mismatch = true;
        continue;
      }
      return { route: c.route, params };
    }
    return { methodMismatch: mismatch };
  }
}
