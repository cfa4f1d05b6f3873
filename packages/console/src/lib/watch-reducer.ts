/**
 * @module watch-reducer
 * A pure reducer that folds Kubernetes watch events into a list snapshot. Written here because
 * `@sphere/shared` had no watch-reducer.ts when the console was started; swap the import in
 * `lib/watch.ts` for `@sphere/shared/watch-reducer` once that lands (same semantics).
 */
import type { KubeObject, WatchEvent } from '@sphere/shared';

/** A list as the console keeps it: items plus the resourceVersion the snapshot is current to. */
export interface ListSnapshot<T extends KubeObject = KubeObject> {
  items: T[];
  resourceVersion: string;
}

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
 * Applies one watch event and returns a new snapshot (the input is never mutated).
 * - Events at or below the snapshot's resourceVersion are ignored (replays after a resync).
 * - ADDED of an existing object replaces it; MODIFIED of an unknown object adds it.
 * - DELETED removes it; BOOKMARK only advances the resourceVersion; ERROR leaves the list alone
 *   (the caller decides to re-list, e.g. on 410 Gone).
 */
export function applyWatchEvent<T extends KubeObject>(
  list: ListSnapshot<T>,
  event: WatchEvent<T>,
): ListSnapshot<T> {
  if (event.type === 'ERROR') return list;
  const rv = event.object?.metadata?.resourceVersion;
  if (!isNewer(rv, list.resourceVersion)) return list;
  const nextRv = rv ?? list.resourceVersion;
  if (event.type === 'BOOKMARK') return { items: list.items, resourceVersion: nextRv };
  const index = list.items.findIndex((item) => sameObject(item, event.object));
  if (event.type === 'DELETED') {
    if (index < 0) return { items: list.items, resourceVersion: nextRv };
    return { items: list.items.filter((_, i) => i !== index), resourceVersion: nextRv };
  }
  if (index < 0) return { items: [...list.items, event.object], resourceVersion: nextRv };
  const items = list.items.slice();
  items[index] = event.object;
  return { items, resourceVersion: nextRv };
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
