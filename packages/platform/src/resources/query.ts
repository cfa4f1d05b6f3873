/**
 * @module resources/query
 * The v1alpha3 list engine, pure: filter, sort and page objects from a cache the way KubeSphere does.
 * Reserved parameters: `page` (1-based), `limit` (-1 or absent = all), `sortBy` (name, createTime /
 * creationTimestamp, status), `ascending` (default false: newest / Z→A first), `labelSelector`. Every
 * other parameter is a filter ANDed with the rest: `name` (substring), `names` (exact list), `label` and
 * `annotation` (selector expressions), `status`, `namespace`, `uid`, `ownerKind`, `ownerReference`,
 * `alias`, plus resource-specific ones; an unknown filter matches nothing, as in KubeSphere.
 */
import {
  errors,
  matchesRequirements,
  parseSelector,
  type KubeObject,
  type Requirement,
} from '@sphere/shared';
import { statusOf } from './status';

export interface ListResult<T> {
  items: T[];
  totalItems: number;
}

export interface ListQuery {
  page: number;
  limit: number;
  sortBy: string;
  ascending: boolean;
  labelSelector?: string;
  filters: [string, string][];
}

const RESERVED = new Set(['page', 'limit', 'sortBy', 'ascending', 'labelSelector', 'reverse', 'orderBy']);

/** Parses query parameters; bad numbers are a 400. Some parameters are handled by the caller (`ignore`). */
export function parseListQuery(params: URLSearchParams, ignore: string[] = []): ListQuery {
  const num = (key: string, def: number) => {
    const v = params.get(key);
    if (v === null || v === '') return def;
    const n = Number(v);
    if (!Number.isInteger(n)) throw errors.badRequest(`invalid ${key} "${v}": must be an integer`);
    return n;
  };
  const page = num('page', 1);
  if (page < 1) throw errors.badRequest(`invalid page "${page}": must be 1 or more`);
  const filters: [string, string][] = [];
  for (const [k, v] of params) if (!RESERVED.has(k) && !ignore.includes(k)) filters.push([k, v]);
  return {
    page,
    limit: num('limit', -1),
    sortBy: params.get('sortBy') || 'creationTimestamp',
    ascending: params.get('ascending') === 'true',
    labelSelector: params.get('labelSelector') ?? undefined,
    filters,
  };
}

/** A filter: given the parameter value once, returns the per-object predicate. */
export type Filter = (value: string) => (obj: KubeObject) => boolean;

const simple =
  (f: (o: KubeObject, v: string) => boolean): Filter =>
  (v) =>
  (o) =>
    f(o, v);

const selectorFilter =
  (pick: (o: KubeObject) => Record<string, string> | undefined): Filter =>
  (v) => {
    let reqs: Requirement[];
    try {
      reqs = parseSelector(v);
    } catch {
      return () => false;
    }
    return (o) => matchesRequirements(reqs, pick(o));
  };

/** Filters every resource understands. Extra per-resource filters may be passed to `runQuery`. */
const defaultFilters: Record<string, Filter> = {
  name: simple((o, v) => (o.metadata.name ?? '').includes(v)),
  names: (v) => {
    const set = new Set(v.split(','));
    return (o) => set.has(o.metadata.name ?? '');
  },
  alias: simple((o, v) => (o.metadata.annotations?.['kubesphere.io/alias-name'] ?? '').includes(v)),
  uid: simple((o, v) => o.metadata.uid === v),
  namespace: simple((o, v) => o.metadata.namespace === v),
  label: selectorFilter((o) => o.metadata.labels),
  annotation: selectorFilter((o) => o.metadata.annotations),
  ownerKind: simple((o, v) => !!o.metadata.ownerReferences?.some((r) => r.kind === v)),
  ownerReference: simple((o, v) => !!o.metadata.ownerReferences?.some((r) => r.uid === v)),
  status: (v) => {
    const wanted = v.split('|');
    return (o) => wanted.includes(statusOf(o));
  },
  nodeName: simple((o, v) => (o.spec as { nodeName?: string } | undefined)?.nodeName === v),
  phase: simple((o, v) => (o.status as { phase?: string } | undefined)?.phase === v),
  email: simple((o, v) => (o.spec as { email?: string } | undefined)?.email === v),
};

/** The sort key of an object (compared as plain strings: fast, and stable across locales). */
function sortKey(sortBy: string): (o: KubeObject) => string {
  switch (sortBy) {
    case 'name':
      return () => '';
    case 'status':
      return (o) => statusOf(o);
    case 'createTime':
    case 'creationTimestamp':
      return (o) => o.metadata.creationTimestamp ?? '';
    default:
      throw errors.badRequest(`invalid sortBy "${sortBy}": supported values are name, createTime, status`);
  }
}

interface Keyed<T> {
  k: string;
  n: string;
  ns: string;
  o: T;
}

/** Orders keyed entries: by key, then name, then namespace; `dir` is 1 ascending or -1 descending. */
function compareKeyed<T>(a: Keyed<T>, b: Keyed<T>, dir: number): number {
  if (a.k !== b.k) return a.k < b.k ? -dir : dir;
  if (a.n !== b.n) return a.n < b.n ? -dir : dir;
  return a.ns === b.ns ? 0 : a.ns < b.ns ? -dir : dir;
}

/**
 * The first `k` objects in sort order (all of them when k < 0). With a page size, a bounded max-heap keeps
 * only the best k candidates, so a page of 30,000 objects costs O(n log k) and little garbage.
 */
function firstInOrder<T extends KubeObject>(
  objects: T[],
  sortBy: string,
  ascending: boolean,
  k: number,
): T[] {
  const key = sortKey(sortBy);
  const dir = ascending ? 1 : -1;
  const keyed = (o: T): Keyed<T> => ({
    k: key(o),
    n: o.metadata.name ?? '',
    ns: o.metadata.namespace ?? '',
    o,
  });
  if (k < 0 || k >= objects.length) {
    const all = objects.map(keyed);
    all.sort((a, b) => compareKeyed(a, b, dir));
    return all.map((e) => e.o);
  }
  const heap: Keyed<T>[] = []; // max-heap: heap[0] is the worst of the best k
  const worse = (a: Keyed<T>, b: Keyed<T>) => compareKeyed(a, b, dir) > 0;
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && worse(heap[l], heap[top])) top = l;
      if (r < heap.length && worse(heap[r], heap[top])) top = r;
      if (top === i) break;
      [heap[i], heap[top]] = [heap[top], heap[i]];
      i = top;
    }
  };
  if (k === 0) return [];
  for (const o of objects) {
    if (heap.length < k) {
      heap.push(keyed(o));
      siftUp(heap.length - 1);
      continue;
    }
    // Most objects lose against the current worst of the best k: decide before allocating anything.
    const top = heap[0];
    const k2 = key(o);
    if (k2 !== top.k) {
      if ((k2 < top.k ? -dir : dir) > 0) continue;
    } else {
      const n = o.metadata.name ?? '';
      if (n !== top.n && (n < top.n ? -dir : dir) > 0) continue;
      if (n === top.n) {
        const ns = o.metadata.namespace ?? '';
        if (ns === top.ns || (ns < top.ns ? -dir : dir) > 0) continue;
      }
    }
    heap[0] = keyed(o);
    siftDown(0);
  }
  heap.sort((a, b) => compareKeyed(a, b, dir));
  return heap.map((e) => e.o);
}

/** Runs a query over objects. */
export function runQuery<T extends KubeObject>(
  objects: Iterable<T>,
  q: ListQuery,
  extraFilters: Record<string, Filter> = {},
): ListResult<T> {
  let label: Requirement[] | undefined;
  if (q.labelSelector) {
    try {
      label = parseSelector(q.labelSelector);
    } catch (err) {
      throw errors.badRequest(`invalid labelSelector: ${(err as Error).message}`);
    }
  }
  const filters = q.filters.map(([k, v]) => {
    const f = extraFilters[k] ?? defaultFilters[k];
    // An unknown filter matches nothing, as in KubeSphere.
    return f ? f(v) : () => false;
  });
  const matched: T[] = [];
  for (const o of objects) {
    if (label && !matchesRequirements(label, o.metadata.labels)) continue;
    if (filters.every((f) => f(o))) matched.push(o);
  }
  if (q.limit < 0)
    return { items: firstInOrder(matched, q.sortBy, q.ascending, -1), totalItems: matched.length };
  const start = (q.page - 1) * q.limit;
  const firstK = firstInOrder(matched, q.sortBy, q.ascending, start + q.limit);
  return { items: firstK.slice(start, start + q.limit), totalItems: matched.length };
}
