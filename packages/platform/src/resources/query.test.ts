import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { parseListQuery, runQuery } from './query';

const pod = (
  name: string,
  created: string,
  phase: string,
  labels: Record<string, string> = {},
): KubeObject => ({
  kind: 'Pod',
  metadata: { name, namespace: 'ns', creationTimestamp: created, labels },
  status: { phase },
});

const pods = [
  pod('web-1', '2026-01-01T00:00:01Z', 'Running', { app: 'web' }),
  pod('web-2', '2026-01-01T00:00:03Z', 'Pending', { app: 'web' }),
  pod('db-1', '2026-01-01T00:00:02Z', 'Running', { app: 'db', tier: 'data' }),
  pod('cache', '2026-01-01T00:00:04Z', 'Failed'),
];

const names = (qs: string) =>
  runQuery(pods, parseListQuery(new URLSearchParams(qs))).items.map((p) => p.metadata.name);

describe('v1alpha3 list engine', () => {
  it.each([
    ['', ['cache', 'web-2', 'db-1', 'web-1']],
    ['ascending=true', ['web-1', 'db-1', 'web-2', 'cache']],
    ['sortBy=name&ascending=true', ['cache', 'db-1', 'web-1', 'web-2']],
    ['sortBy=name', ['web-2', 'web-1', 'db-1', 'cache']],
    ['name=web', ['web-2', 'web-1']],
    ['names=web-1,cache', ['cache', 'web-1']],
    ['label=app%3Dweb', ['web-2', 'web-1']],
    ['labelSelector=tier', ['db-1']],
    ['labelSelector=app%20in%20(db,web),app!%3Dweb', ['db-1']],
    ['status=running&sortBy=name&ascending=true', ['db-1', 'web-1']],
    ['sortBy=status&ascending=true', ['cache', 'web-2', 'db-1', 'web-1']],
    ['limit=2&page=2&sortBy=name&ascending=true', ['web-1', 'web-2']],
    ['limit=2&page=3', []],
    ['unknownfilter=1', []],
  ])('%s', (qs, want) => expect(names(qs)).toEqual(want));

  it('reports the total before paging', () => {
    expect(runQuery(pods, parseListQuery(new URLSearchParams('limit=1&name=web'))).totalItems).toBe(2);
  });

  it.each([['page=0'], ['limit=x'], ['sortBy=size']])('rejects %s with 400', (qs) => {
    expect(() => runQuery(pods, parseListQuery(new URLSearchParams(qs)))).toThrow(
      expect.objectContaining({ code: 400 }),
    );
  });
});

describe('paging agrees with a full sort', () => {
  const many: KubeObject[] = Array.from({ length: 500 }, (_, i) => ({
    kind: 'Pod',
    metadata: {
      name: `p-${(i * 7919) % 500}`,
      namespace: `ns-${i % 7}`,
      creationTimestamp: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`,
    },
    status: { phase: ['Running', 'Pending', 'Failed'][i % 3] },
  }));
  it.each([
    ['sortBy=name&ascending=true'],
    ['sortBy=name'],
    ['sortBy=createTime'],
    ['sortBy=status&ascending=true'],
  ])('%s', (qs) => {
    const full = runQuery(many, parseListQuery(new URLSearchParams(qs))).items.map((p) => p.metadata.name);
    for (const [page, limit] of [
      [1, 10],
      [3, 25],
      [20, 25],
      [7, 1],
      [9, 60],
    ]) {
      const paged = runQuery(many, parseListQuery(new URLSearchParams(`${qs}&page=${page}&limit=${limit}`)));
      expect(paged.items.map((p) => p.metadata.name)).toEqual(full.slice((page - 1) * limit, page * limit));
      expect(paged.totalItems).toBe(500);
    }
  });
});
