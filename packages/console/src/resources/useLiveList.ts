/**
 * @module useLiveList
 * A server-paged list kept live by a watch on the same collection: MODIFIED events patch the page in
 * the query cache through the pure `applyToPage`; ADDED/DELETED trigger a debounced silent refetch.
 * On resync (410 / dropped stream) the list is refetched and the watch restarts from a fresh
 * resourceVersion. Each call owns its own stream, so one failing watch never affects another list.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { KubeObject, WatchEvent } from '@sphere/shared';
import { listKube, listResources, type ListQuery, type PagedList } from '../api/resources';
import { kubePath } from '../api/paths';
import { watchKube } from '../api/watch';
import { applyToPage } from '../lib/watch-reducer';
import type { KindRef } from './kinds';

const REFETCH_DEBOUNCE_MS = 1000;

/** Current collection resourceVersion (a one-item native list) to start a watch from. */
async function collectionVersion(ref: KindRef, namespace?: string): Promise<string | undefined> {
  const list = await listKube(ref, namespace, { limit: 1 });
  return list.metadata?.resourceVersion;
}

/** Paged list + live updates. */
export function useLiveList(ref: KindRef, namespace: string | undefined, query: ListQuery, live = true) {
  const queryClient = useQueryClient();
  const key = ['list', ref.plural, namespace ?? '', query];
  const result = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => listResources(ref, namespace, query, signal),
    placeholderData: keepPreviousData,
  });
  const [connection, setConnection] = useState<'live' | 'reconnecting' | 'off'>('off');
  const keyRef = useRef(key);
  keyRef.current = key;

  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stop: (() => void) | undefined;
    let cancelled = false;
    const refetchSoon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(
        () => void queryClient.invalidateQueries({ queryKey: ['list', ref.plural, namespace ?? ''] }),
        REFETCH_DEBOUNCE_MS,
      );
    };
    const onEvent = (event: WatchEvent) => {
      const current = queryClient.getQueryData<PagedList>(keyRef.current);
      if (!current) return;
      const { items, needsRefetch } = applyToPage(current.items, event as WatchEvent<KubeObject>);
      if (needsRefetch) refetchSoon();
      else if (items !== current.items)
        queryClient.setQueryData<PagedList>(keyRef.current, { ...current, items });
    };
    void collectionVersion(ref, namespace)
      .then((rv) => {
        if (cancelled) return;
        stop = watchKube({
          path: kubePath(ref, namespace),
          resourceVersion: rv,
          onEvent,
          onState: setConnection,
          onResync: async () => {
            refetchSoon();
            return collectionVersion(ref, namespace);
          },
        });
      })
      .catch(() => setConnection('off'));
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      stop?.();
    };
  }, [live, ref, namespace, queryClient]);

  return { ...result, connection };
}
