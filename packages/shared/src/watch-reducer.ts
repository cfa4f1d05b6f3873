/**
 * @module watch-reducer
 * Folds watch events into a list snapshot: the one reducer behind the platform's informer caches and the
 * console's live lists.
 */
import type { KubeObject, WatchEvent } from './objects';

export interface ListState<T extends KubeObject> {
  items: T[];
  resourceVersion: string;
}

const NUMERIC = /^\d+$/;

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`;
}

/**
 * namespace/name → position, per items array (arrays are never mutated, so an index stays valid for the
 * array it was built for). MODIFIED events keep every position, so the new array shares the old index;
 * this makes the common case (status updates of a large list) O(1) to locate instead of a scan.
 */
const positions = new WeakMap<readonly KubeObject[], Map<string, number>>();

function positionOf(items: readonly KubeObject[], key: string): number {
  let index = positions.get(items);
  if (!index) {
    index = new Map(items.map((item, i) => [keyOf(item), i]));
    positions.set(items, index);
  }
  return index.get(key) ?? -1;
}

/** Compares resourceVersions when both are numeric (Kubernetes only promises opacity otherwise). */
function isStale(eventRv: string | undefined, listRv: string): boolean {
  if (!eventRv || !NUMERIC.test(eventRv) || !NUMERIC.test(listRv)) return false;
  return BigInt(eventRv) <= BigInt(listRv);
}

/**
 * Applies one watch event and returns a new state; the input is never mutated.
 * - Events whose object resourceVersion is at or below the list's (both numeric) are ignored: the list
 *   already reflects them (a watch started from an older RV replays them).
 * - ADDED / MODIFIED upsert by namespace/name (order of existing items kept, new ones appended).
 * - DELETED removes. BOOKMARK only advances the resourceVersion. ERROR leaves the state unchanged.
 */
export function applyWatchEvent<T extends KubeObject>(
  state: ListState<T>,
  event: WatchEvent<T>,
): ListState<T> {
  if (event.type === 'ERROR') return state;
  const rv = event.object?.metadata?.resourceVersion;
  if (isStale(rv, state.resourceVersion)) return state;
  const resourceVersion = rv ?? state.resourceVersion;
  if (event.type === 'BOOKMARK') return { items: state.items, resourceVersion };
  const index = positionOf(state.items, keyOf(event.object));
  let items: T[];
  if (event.type === 'DELETED') {
    items = index < 0 ? state.items : state.items.filter((_, i) => i !== index);
  } else if (index < 0) {
    items = [...state.items, event.object];
  } else {
    items = state.items.slice();
    items[index] = event.object;
    const shared = positions.get(state.items);
    if (shared) positions.set(items, shared);
  }
  return { items, resourceVersion };
}
