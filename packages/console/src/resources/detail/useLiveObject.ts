/**
 * @module useLiveObject
 * One object, kept live by a watch on `metadata.name` (its own stream; failures stay local).
 */
import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { KubeObject } from '@sphere/shared';
import { getResource } from '../../api/resources';
import { kubePath } from '../../api/paths';
import { watchKube } from '../../api/watch';
import { applyWatchEvent } from '../../lib/watch-reducer';
import type { KindRef } from '../kinds';

/** GET + watch of one object; `deleted` becomes true when a DELETED event arrives. */
export function useLiveObject(ref: KindRef, namespace: string | undefined, name: string) {
  const queryClient = useQueryClient();
  const key = ['object', ref.plural, namespace ?? '', name];
  const result = useQuery({ queryKey: key, queryFn: () => getResource(ref, namespace, name), retry: false });
  const [deleted, setDeleted] = useState(false);
  const loaded = !!result.data;

  useEffect(() => {
    if (!loaded) return;
    const k = ['object', ref.plural, namespace ?? '', name];
    const stop = watchKube({
      path: kubePath(ref, namespace),
      fieldSelector: `metadata.name=${name}`,
      resourceVersion: queryClient.getQueryData<KubeObject>(k)?.metadata.resourceVersion,
      onEvent: (event) => {
        const current = queryClient.getQueryData<KubeObject>(k);
        if (!current) return;
        const next = applyWatchEvent(
          { items: [current], resourceVersion: current.metadata.resourceVersion ?? '0' },
          event,
        );
        if (next.items.length === 0) setDeleted(true);
        else if (next.items[0] !== current) queryClient.setQueryData(k, next.items[0]);
      },
      onResync: async () => {
        const fresh = await getResource(ref, namespace, name).catch(() => undefined);
        if (fresh) queryClient.setQueryData(k, fresh);
        else setDeleted(true);
        return fresh?.metadata.resourceVersion;
      },
    });
    return stop;
  }, [loaded, ref, namespace, name, queryClient]);

  return { ...result, deleted };
}
