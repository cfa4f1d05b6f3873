import { describe, expect, it } from 'vitest';
import { applySearchToken, formatListState, hasFilters, parseListState, toListQuery } from './list-state';

const defaults = parseListState(new URLSearchParams());

describe('parseListState / formatListState', () => {
  it('defaults', () => {
    expect(defaults).toEqual({
      page: 1,
      limit: 10,
      sortBy: 'createTime',
      ascending: false,
      name: undefined,
      status: undefined,
      label: undefined,
    });
    expect(formatListState(defaults).toString()).toBe('');
  });
  it.each(['name=foo&status=running&page=2&limit=50&sortBy=name&ascending=true', 'label=app%3Dmysql'])(
    'round-trips %s',
    (qs) => {
      expect(formatListState(parseListState(new URLSearchParams(qs))).toString()).toBe(qs);
    },
  );
  it.each([
    ['page=-3', { page: 1 }],
    ['page=abc', { page: 1 }],
    ['limit=7', { limit: 10 }],
    ['limit=10000', { limit: 10000 }],
  ])('validates %s', (qs, want) => expect(parseListState(new URLSearchParams(qs))).toMatchObject(want));
  it('uses the per-kind default sort', () => {
    expect(parseListState(new URLSearchParams(), 'updateTime').sortBy).toBe('updateTime');
    expect(formatListState({ ...defaults, sortBy: 'updateTime' }, 'updateTime').toString()).toBe('');
  });
});

describe('applySearchToken', () => {
  it.each([
    ['mysql', { name: 'mysql' }],
    ['name=web', { name: 'web' }],
    ['Status: running', { status: 'running' }],
    ['label=app=nginx', { label: 'app=nginx' }],
  ])('%s', (token, want) => {
    const out = applySearchToken({ ...defaults, page: 4 }, token);
    expect(out).toMatchObject({ ...want, page: 1 });
  });
});

describe('toListQuery / hasFilters', () => {
  it('maps to v1alpha3 params', () => {
    expect(toListQuery({ ...defaults, name: 'a', page: 3 })).toMatchObject({
      name: 'a',
      page: 3,
      limit: 10,
      sortBy: 'createTime',
      ascending: false,
    });
    expect(hasFilters(defaults)).toBe(false);
    expect(hasFilters({ ...defaults, label: 'a=b' })).toBe(true);
  });
});
