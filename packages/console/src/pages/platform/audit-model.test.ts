import { describe, expect, it } from 'vitest';
import {
  codeColor,
  formatAuditFilters,
  localToIso,
  parseAuditFilters,
  resourceLabel,
  toAuditQuery,
  validCode,
} from './audit-model';

describe('audit filters', () => {
  it('round-trips through the URL with defaults omitted', () => {
    const f = parseAuditFilters(
      new URLSearchParams('user=alice&verb=delete&code=4xx&page=3&limit=50&junk=1'),
    );
    expect(f).toEqual({ user: 'alice', verb: 'delete', code: '4xx', page: 3, limit: 50 });
    expect(formatAuditFilters(f).toString()).toBe('user=alice&verb=delete&code=4xx&page=3&limit=50');
    expect(formatAuditFilters({ page: 1, limit: 20 }).toString()).toBe('');
  });

  it.each([
    ['page=0&limit=-1', { page: 1, limit: 20 }],
    ['page=x&limit=5000', { page: 1, limit: 20 }],
    ['user=%20', { page: 1, limit: 20 }],
  ])('bad values fall back to defaults: %s', (qs, want) => {
    expect(parseAuditFilters(new URLSearchParams(qs))).toEqual(want);
  });

  it.each([
    ['403', true],
    ['4xx', true],
    ['4XX', true],
    ['200', true],
    ['99', false],
    ['600', false],
    ['abc', false],
  ])('validCode(%s) = %s', (c, ok) => expect(validCode(c)).toBe(ok));

  it('builds the API query with ISO time bounds and drops an invalid code', () => {
    const q = toAuditQuery({ from: '2026-01-02T03:04', to: 'nonsense', code: 'x', page: 2, limit: 10 });
    expect(q.since).toBe(new Date('2026-01-02T03:04').toISOString());
    expect(q.until).toBeUndefined();
    expect(q.code).toBeUndefined();
    expect(q.page).toBe(2);
    expect(localToIso('')).toBeUndefined();
  });

  it('labels and colours', () => {
    expect(resourceLabel({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale' })).toBe(
      'apps/deployments/scale',
    );
    expect(resourceLabel({ apiGroup: '', resource: '', subresource: '' })).toBe('-');
    expect([201, 403, 404, 500].map(codeColor)).toEqual(['green', 'orange', 'gold', 'red']);
  });
});
