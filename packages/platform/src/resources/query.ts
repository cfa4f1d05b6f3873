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

type Filter = (obj: KubeObject, value: string) => boolean;

const selectorFilter = (pick: (o: KubeObject) => Record<string, string> | undefined): Filter => {
  return (o, v) => {
    try {
      return matchesRequirements(parseSelector(v), pick(o));
    } catch {
      return false;
    }
  };
};

/** Filters every resource understands. Extra per-resource filters may be passed to `runQuery`. */
const defaultFilters: Record<string, Filter> = {
  name: (o, v) => (o.metadata.name ?? '').includes(v),
  names: (o, v) => v.split(',').includes(o.metadata.name ?? ''),
  alias: (o, v) => (o.metadata.annotations?.['kubesphere.io/alias-name'] ?? '').includes(v),
  uid: (o, v) => o.metadata.uid === v,
  namespace: (o, v) => o.metadata.namespace === v,
  label: selectorFilter((o) => o.metadata.labels),
  annotation: selectorFilter((o) => o.metadata.annotations),
  ownerKind: (o, v) => !!o.metadata.ownerReferences?.some((r) => r.kind === v),
  ownerReference: (o, v) => !!o.metadata.ownerReferences?.some((r) => r.uid === v),
  status: (o, v) => v.split('|').includes(statusOf(o)),
  nodeName: (o, v) => (o.spec as { nodeName?: string } | undefined)?.nodeName === v,
  phase: (o, v) => (o.status as { phase?: string } | undefined)?.phase === v,
  email: (o, v) => (o.spec as { email?: string } | undefined)?.email === v,
};

/** Sorting keys; ties break by name so pages are stable. */
function comparator(sortBy: string): (a: KubeObject, b: KubeObject) => number {
  const byName = (a: KubeObject, b: KubeObject) =>
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
  const byTime = (a: KubeObject, b: KubeObject) => {
    const ta = a.metadata.creationTimestamp ?? '';
    const tb = b.metadata.creationTimestamp ?? '';
    return ta === tb ? byName(a, b) : ta < tb ? -1 : 1;
  };
  switch (sortBy) {
    case 'name':
      return byName;
    case 'status':
      return (a, b) => statusOf(a).localeCompare(statusOf(b)) || byName(a, b);
    case 'createTime':
    case 'creationTimestamp':
      return byTime;
    default:
      throw errors.badRequest(`invalid sortBy "${sortBy}": supported values are name, createTime, status`);
  }
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
    return (o: KubeObject) => (f ? f(o, v) : false);
  });
  const matched: T[] = [];
  for (const o of objects) {
    if (label && !matchesRequirements(label, o.metadata.labels)) continue;
    if (filters.every((f) => f(o))) matched.push(o);
  }
  const cmp = comparator(q.sortBy);
  matched.sort(q.ascending ? cmp : (a, b) => cmp(b, a));
  if (q.limit < 0) return { items: matched, totalItems: matched.length };
  const start = (q.page - 1) * q.limit;
  return { items: matched.slice(start, start + q.limit), totalItems: matched.length };
}
