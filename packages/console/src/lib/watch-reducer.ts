/**
 * @module watch-reducer
 * Watch events → console state. Whole lists and single objects use the shared reducer
 * (`applyWatchEvent` from @sphere/shared/watch-reducer, re-exported here); server-paged list pages use
 * `applyToPage`, which patches MODIFIED objects in place and asks for a refetch on ADDED/DELETED.
 */
import type { KubeObject, WatchEvent } from '@sphere/shared';

export { applyWatchEvent, type ListState as ListSnapshot } from '@sphere/shared/watch-reducer';

function rvNumber(rv: string | undefined): number | undefined {
  if (!rv || !/^\d+$/.test(rv)) return undefined;
  return Number(rv);
}

/** true when `candidate` is strictly newer than `current` (unknown/opaque versions count as newer). */
export function isNewer(candidate: string | undefined, current: string | undefined): boolean {
  const a = rvNumber(candidate);
  const b = rvNumber(current);
  if (a === undefined || b === undefined) return true;
  return a > b;
}

function sameObject(a: KubeObject, b: KubeObject): boolean {
  if (a.metadata.uid && b.metadata.uid) return a.metadata.uid === b.metadata.uid;
  return a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;
}

/**
 * Applies only MODIFIED events to a server-paged list, in place: a page of a filtered, sorted list cannot
 * decide locally where an ADDED object belongs, so ADDED/DELETED are reported for a (debounced) refetch.
 */
export function applyToPage<T extends KubeObject>(
  items: T[],
  event: WatchEvent<T>,
): { items: T[]; needsRefetch: boolean } {
  if (event.type === 'ADDED' || event.type === 'DELETED') return { items, needsRefetch: true };
  if (event.type !== 'MODIFIED') return { items, needsRefetch: false };
  const index = items.findIndex((item) => sameObject(item, event.object));
  if (index < 0) return { items, needsRefetch: false };
  if (!isNewer(event.object.metadata.resourceVersion, items[index].metadata.resourceVersion)) {
    return { items, needsRefetch: false };
  }
  const next = items.slice();
  next[index] = event.object;
  return { items: next, needsRefetch: false };
}
