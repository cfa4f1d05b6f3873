/**
 * @module storage/object-index
 * The in-memory copy of every current object of one resource (one storageKey), keyed by
 * `namespace/name`. Gets are one Map lookup. Lists need the keys in order; instead of re-sorting on every
 * write, created and deleted keys collect in pending lists (writes stay O(1)) and the next list applies
 * them: a few by binary search and splice (a memmove, ~10 µs at 30k keys), many by one merge pass.
 */
import type { KubeObject } from '@sphere/shared';

export interface IndexEntry {
  /** Deep-frozen current state; its metadata.resourceVersion equals `revision`. */
  object: KubeObject;
  revision: number;
}

/** `namespace/name`, the key objects are sorted and paged by ('' namespace for cluster-scoped). */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** First index in sorted `keys` whose key is > `key` (strict) or >= `key` (inclusive). */
export function lowerBound(keys: readonly string[], key: string, strict: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keys[mid];
    if (k < key || (strict && k === key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Merges two sorted arrays into one sorted array without duplicates, keeping only `keep` keys. */
export function mergeSorted(
  a: readonly string[],
  b: readonly string[],
  keep: (key: string) => boolean,
): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let last: string | undefined;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (next !== last && keep(next)) out.push(next);
    last = next;
  }
  return out;
}

/** Up to this many pending changes are spliced in one by one; more take one merge pass. */
const SPLICE_LIMIT = 64;

export class ObjectIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly namespaceCounts = new Map<string, number>();
  /** Sorted keys as of the last `sortedKeys()`. */
  private sorted: string[] = [];
  /** Keys created since the last `sortedKeys()`, unsorted, possibly repeated or deleted since. */
  private added: string[] = [];
  /** Keys deleted since the last `sortedKeys()`, possibly re-created since. */
  private removed: string[] = [];

  get size(): number {
    return this.entries.size;
  }

  get(key: string): IndexEntry | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  count(namespace?: string): number {
    return namespace === undefined ? this.entries.size : (this.namespaceCounts.get(namespace) ?? 0);
  }

  /** Inserts or replaces the entry for `namespace/name`. */
  set(namespace: string, name: string, entry: IndexEntry): void {
    const key = objectKey(namespace, name);
    if (!this.entries.has(key)) {
      this.namespaceCounts.set(namespace, (this.namespaceCounts.get(namespace) ?? 0) + 1);
      this.added.push(key);
      // Create/delete churn without lists would grow the pending lists forever; fold them in now and then.
      if (this.added.length > this.entries.size + 4096) this.sortedKeys();
    }
    this.entries.set(key, entry);
  }

  delete(namespace: string, name: string): void {
    const key = objectKey(namespace, name);
    if (!this.entries.delete(key)) return;
    const left = (this.namespaceCounts.get(namespace) ?? 1) - 1;
    if (left === 0) this.namespaceCounts.delete(namespace);
    else this.namespaceCounts.set(namespace, left);
    this.removed.push(key);
    if (this.removed.length > this.entries.size + 4096) this.sortedKeys();
  }

  /** All current keys in ascending order. The array is shared: callers must not modify it. */
  sortedKeys(): readonly string[] {
    const changes = this.added.length + this.removed.length;
    if (changes === 0) return this.sorted;
    if (changes <= SPLICE_LIMIT) {
      for (const key of this.removed) {
        if (this.entries.has(key)) continue;
        const at = lowerBound(this.sorted, key, false);
        if (this.sorted[at] === key) this.sorted.splice(at, 1);
      }
      for (const key of this.added) {
        if (!this.entries.has(key)) continue;
        const at = lowerBound(this.sorted, key, false);
        if (this.sorted[at] !== key) this.sorted.splice(at, 0, key);
      }
    } else {
      this.sorted = mergeSorted(this.sorted, this.added.sort(), (k) => this.entries.has(k));
    }
    this.added = [];
    this.removed = [];
    return this.sorted;
  }

  /** Every entry, in no particular order (for loading checks and tests). */
  values(): IterableIterator<IndexEntry> {
    return this.entries.values();
  }
}
