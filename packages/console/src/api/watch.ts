/**
 * @module api/watch
 * Kubernetes watch over HTTP streaming with explicit resync. Each `watchKube` call is an independent
 * stream (its failure never affects another). After a dropped connection it reconnects with
 * exponential backoff from the last resourceVersion it saw; on 410 Gone (or an ERROR event) it calls
 * `onResync` so the caller re-lists and restarts from the fresh resourceVersion.
 */
import type { KubeObject, WatchEvent } from '@sphere/shared';
import { apiUrl } from './base';
import { withQuery } from './http';
import { getSession } from '../auth/session-manager';
import { LineSplitter } from '../lib/ndjson';

export interface WatchOptions {
  path: string;
  resourceVersion?: string;
  labelSelector?: string;
  fieldSelector?: string;
  onEvent: (event: WatchEvent) => void;
  /** The stream cannot resume (410 / ERROR): re-list, then the watch restarts from the returned rv. */
  onResync: () => Promise<string | undefined>;
  /** Connection state for the UI ("live" indicator). */
  onState?: (state: 'live' | 'reconnecting') => void;
  maxBackoffMs?: number;
}

/** Backoff before reconnect attempt `n` (0-based): 1s, 2s, 4s ... capped. */
export function backoffMs(attempt: number, maxMs = 30_000): number {
  return Math.min(maxMs, 1000 * 2 ** attempt);
}

/** Starts a watch; returns a stop function. */
export function watchKube(opts: WatchOptions): () => void {
  const abort = new AbortController();
  let rv = opts.resourceVersion;
  let attempt = 0;
  let stopped = false;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });

  const resync = async () => {
    rv = await opts.onResync();
  };

  const streamOnce = async (): Promise<void> => {
    const session = getSession();
    const url = apiUrl(
      withQuery(opts.path, {
        watch: 'true',
        allowWatchBookmarks: 'true',
        resourceVersion: rv,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.fieldSelector,
      }),
    );
    const res = await fetch(url, {
      headers: session ? { Authorization: `Bearer ${session.accessToken}` } : {},
      signal: abort.signal,
    });
    if (res.status === 410) return resync();
    if (!res.ok || !res.body) throw new Error(`watch ${res.status}`);
    opts.onState?.('live');
    attempt = 0;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    const splitter = new LineSplitter();
    for (;;) {
      const { value, done } = await reader.read();
      const lines = done ? splitter.flush() : splitter.push(value ?? '');
      for (const line of lines) {
        const event = JSON.parse(line) as WatchEvent<KubeObject>;
        if (event.type === 'ERROR') {
          await resync();
          return;
        }
        const next = event.object?.metadata?.resourceVersion;
        if (next) rv = next;
        opts.onEvent(event);
      }
      if (done) return;
    }
  };

  void (async () => {
    while (!stopped) {
      try {
        await streamOnce();
      } catch {
        if (stopped) return;
        opts.onState?.('reconnecting');
        await sleep(backoffMs(attempt++, opts.maxBackoffMs));
        // After repeated failures the events we missed may be compacted away: re-list to be safe.
        if (attempt >= 3 && !stopped) {
          try {
            await resync();
          } catch {
            // the list failed too; keep backing off
          }
        }
      }
    }
  })();

  return () => {
    stopped = true;
    abort.abort();
  };
}
