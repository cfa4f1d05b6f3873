/**
 * @module storage/list
 * Paging over sorted `namespace/name` keys. Pure functions over a key array and a resolver, so the
 * current-state list and the as-of-a-revision list share one implementation.
 */
import type { KubeObject } from '@sphere/shared';
import { lowerBound, mergeSorted } from './object-index';
import type { ListOptions, StoreEvent } from './types';

export interface Page {
  items: KubeObject[];
  continueAfter?: string;
  remaining?: number;
}

/** [start, end) of the keys of one namespace: every key with the prefix `namespace/`. */
export function namespaceRange(keys: readonly string[], namespace: string | undefined): [number, number] {
  if (namespace === undefined) return [0, keys.length];
  // '0' is the character after '/', so [`ns/`, `ns0`) holds exactly the keys starting with `ns/`.
  return [lowerBound(keys, `${namespace}/`, false), lowerBound(keys, `${namespace}0`, false)];
}

/**
 * One page of `keys[start, end)` after `options.after`: objects come from `resolve`, `filter` applies
 * before `limit`. `hidden` (sorted) are the keys of `keys` that resolve to nothing (objects created
 * after the listed revision); knowing them lets an unfiltered page count what remains without
 * resolving every key.
 */
export function pageOf(
  keys: readonly string[],
  range: [number, number],
  resolve: (key: string) => KubeObject | undefined,
  options: ListOptions,
  hidden: readonly string[] = [],
): Page {
  const [rangeStart, end] = range;
  const start =
    options.after === undefined ? rangeStart : Math.max(rangeStart, lowerBound(keys, options.after, true));
  const limit = options.limit !== undefined && options.limit > 0 ? options.limit : Infinity;
  const { filter } = options;
  const items: KubeObject[] = [];
  let lastKey = '';
  let i = start;
  for (; i < end && items.length < limit; i++) {
    const obj = resolve(keys[i]);
    if (obj !== undefined && (!filter || filter(obj))) {
      items.push(obj);
      lastKey = keys[i];
    }
  }
  if (i >= end) return { items };
  let remaining = 0;
  if (!filter) {
    const hiddenAfter = lowerBound(hidden, keys[end - 1], true) - lowerBound(hidden, keys[i], false);
    remaining = end - i - hiddenAfter;
  } else {
    for (; i < end; i++) {
      const obj = resolve(keys[i]);
      if (obj !== undefined && (!filter || filter(obj))) remaining++;
    }
  }
  if (remaining === 0) return { items };
  return { items, remaining, continueAfter: lastKey };
}

/**
 * The state of one resource as of a past revision, as an overlay on the current state: for every key
 * changed after `revision`, its first later event tells what it was then (ADDED: absent; MODIFIED or
 * DELETED: the event's `previous`). Keys absent from the overlay are unchanged since.
 */
export function overlayAt(eventsAfter: Iterable<StoreEvent>): Map<string, KubeObject | null> {
  const overlay = new Map<string, KubeObject | null>();
  for (const event of eventsAfter) {
    const key = `${event.namespace}/${event.name}`;
    if (overlay.has(key)) continue;
    overlay.set(key, event.type === 'ADDED' ? null : (event.previous ?? null));
  }
  return overlay;
}

/** Sorted keys that exist now but did not at the revision (see `pageOf`'s `hidden`). */
export function hiddenKeys(
  overlay: Map<string, KubeObject | null>,
  isCurrent: (key: string) => boolean,
): string[] {
  const hidden: string[] = [];
  for (const [key, obj] of overlay) if (obj === null && isCurrent(key)) hidden.push(key);
  return hidden.sort();
}

/** Current sorted keys plus the keys that existed at the revision but were deleted since. */
export function keysAt(
  currentKeys: readonly string[],
  overlay: Map<string, KubeObject | null>,
  isCurrent: (key: string) => boolean,
): readonly string[] {
  const revived: string[] = [];
  for (const [key, obj] of overlay) if (obj !== null && !isCurrent(key)) revived.push(key);
  if (revived.length === 0) return currentKeys;
  return mergeSorted(currentKeys, revived.sort(), () => true);
}
