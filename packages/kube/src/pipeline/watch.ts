/**
 * @module pipeline/watch
 * Watches with kube-apiserver's semantics: synthetic ADDED events for a start without resourceVersion,
 * resume after a resourceVersion, 410 Expired as an ERROR event, selectors applied to events (objects
 * that leave a selector are seen as DELETED), BOOKMARKs and timeouts.
 */
import { errors, isStatusError, type KubeObject } from '@sphere/shared';
import { apiVersionOf } from '../registry/types';
import type { StoreEvent, WatchSubscription } from '../storage/types';
import type { PipelineDeps } from './deps';
import { buildFilter, withNamespace, type ObjectFilter } from './filters';
import { fromStorage, resolve } from './resolve';
import type { PipelineWatchEvent, RequestContext, Target, WatchHandle, WatchQuery } from './types';

/** The type a watcher sees for a store event, given whether the old and new states match its filter. */
export function visibleType(
  event: StoreEvent,
  filter: ObjectFilter | undefined,
): PipelineWatchEvent['type'] | undefined {
  const now = !filter || filter(event.object);
  if (event.type === 'ADDED') return now ? 'ADDED' : undefined;
  if (event.type === 'DELETED') return now ? 'DELETED' : undefined;
  const before = !filter || !event.previous ? now : filter(event.previous);
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

export function watchObjects(
  deps: PipelineDeps,
  _ctx: RequestContext,
  target: Target,
  query: WatchQuery,
  onEvent: (event: PipelineWatchEvent) => void,
  onClose: () => void,
): WatchHandle {
  const r = resolve(deps.registry, target, 'watch');
  const d = r.descriptor;
  let filter = withNamespace(r.namespace, buildFilter(d, query.labelSelector, query.fieldSelector));
  if (target.name) {
    const inner = filter;
    filter = (o) => o.metadata.name === target.name && (!inner || inner(o));
  }
  let closed = false;
  let subscription: WatchSubscription | undefined;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let timeoutTimer: NodeJS.Timeout | undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    subscription?.stop();
    clearTimeout(bookmarkTimer);
    clearTimeout(timeoutTimer);
    onClose();
  };
  const rv = query.resourceVersion;
  let from: number;
  if (!rv || rv === '0' || query.sendInitialEvents) {
    const list = deps.store.list(r.storageKey, {
      namespace: r.namespace || undefined,
      filter,
      atRevision: rv && rv !== '0' ? Number(rv) : undefined,
    });
    for (const item of list.items) onEvent({ type: 'ADDED', object: fromStorage(d, item) });
    from = list.revision;
    if (query.sendInitialEvents && query.allowWatchBookmarks) {
      onEvent(bookmark(d.kind, apiVersionOf(d), from, true));
    }
  } else {
    from = Number(rv);
    if (!Number.isSafeInteger(from) || from < 0) throw errors.badRequest(`invalid resource version: ${rv}`);
  }
  try {
    subscription = deps.store.watch(r.storageKey, from, (event) => {
      if (closed) return;
      const type = visibleType(event, filter);
      if (type) onEvent({ type, object: fromStorage(d, event.object) });
    });
  } catch (err) {
    if (isStatusError(err) && err.code === 410) {
      onEvent({ type: 'ERROR', object: err.toStatus() as unknown as KubeObject });
      queueMicrotask(close);
      return { stop: close };
    }
    throw err;
  }
  if (query.allowWatchBookmarks) {
    const interval = deps.bookmarkIntervalMs ?? 60_000;
    const tick = () => {
      if (closed) return;
      onEvent(bookmark(d.kind, apiVersionOf(d), deps.store.revision(), false));
      bookmarkTimer = setTimeout(tick, interval).unref();
    };
    bookmarkTimer = setTimeout(tick, interval).unref();
  }
  if (query.timeoutSeconds !== undefined && query.timeoutSeconds > 0) {
    timeoutTimer = setTimeout(close, query.timeoutSeconds * 1000).unref();
  }
  return { stop: close };
}

function bookmark(
  kind: string,
  apiVersion: string,
  revision: number,
  initialEnd: boolean,
): PipelineWatchEvent {
  const metadata: KubeObject['metadata'] = { resourceVersion: String(revision) };
  if (initialEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
  return { type: 'BOOKMARK', object: { kind, apiVersion, metadata } };
}
