/**
 * @module list-state
 * List page state (filters, sort, page, page size) kept in the URL query, and its translation into a
 * v1alpha3 list query. Pure; tested in list-state.test.ts.
 */
import type { ListQuery } from '../api/resources';

export interface ListState {
  name?: string;
  status?: string;
  label?: string;
  page: number;
  limit: number;
  sortBy: string;
  ascending: boolean;
}

export const PAGE_SIZES = [10, 20, 50, 100, 1000, 10000];
export const DEFAULT_LIMIT = 10;

/** Reads list state from URL search params, with defaults and validation. */
export function parseListState(params: URLSearchParams, defaultSort = 'createTime'): ListState {
  const page = Number(params.get('page'));
  const limit = Number(params.get('limit'));
  return {
    name: params.get('name') || undefined,
    status: params.get('status') || undefined,
    label: params.get('label') || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT,
    sortBy: params.get('sortBy') || defaultSort,
    ascending: params.get('ascending') === 'true',
  };
}

/** Writes list state to URL params, omitting defaults so URLs stay short. */
export function formatListState(state: ListState, defaultSort = 'createTime'): URLSearchParams {
  const p = new URLSearchParams();
  if (state.name) p.set('name', state.name);
  if (state.status) p.set('status', state.status);
  if (state.label) p.set('label', state.label);
  if (state.page !== 1) p.set('page', String(state.page));
  if (state.limit !== DEFAULT_LIMIT) p.set('limit', String(state.limit));
  if (state.sortBy !== defaultSort) p.set('sortBy', state.sortBy);
  if (state.ascending) p.set('ascending', 'true');
  return p;
}

/** The v1alpha3 query for a list state. */
export function toListQuery(state: ListState): ListQuery {
  return {
    name: state.name,
    status: state.status,
    label: state.label,
    sortBy: state.sortBy,
    ascending: state.ascending,
    page: state.page,
    limit: state.limit,
  };
}

/** Is any filter active (decides between the "empty" and the "no match" state)? */
export function hasFilters(state: ListState): boolean {
  return !!(state.name || state.status || state.label);
}

/**
 * Parses the search box's chips: `name=foo`, `status=running`, `label=app=x` or a bare word (= name).
 * Returns a new state (page reset to 1).
 */
export function applySearchToken(state: ListState, token: string): ListState {
  const text = token.trim();
  const m = /^(name|status|label)\s*[:=]\s*(.+)$/i.exec(text);
  const next = { ...state, page: 1 };
  if (!m) return text ? { ...next, name: text } : next;
  const key = m[1].toLowerCase() as 'name' | 'status' | 'label';
  return { ...next, [key]: m[2].trim() };
}
