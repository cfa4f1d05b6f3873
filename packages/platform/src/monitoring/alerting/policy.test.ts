import { describe, expect, it } from 'vitest';
import type { BaseFetch, GridSeries, MetricsSource } from '../query/types';
import { AlertManager } from './manager';
import { nextState, validatePolicy, type ResourceState } from './policy';

describe('alert state machine', () => {
  it.each<[string, ResourceState | undefined, boolean, number, ReturnType<typeof nextState>]>([
    ['false stays inactive', undefined, false, 100, {}],
    ['true starts pending', undefined, true, 100, { state: { state: 'pending', since: 100 } }],
    [
      'pending short of duration',
      { state: 'pending', since: 100 },
      true,
      159,
      { state: { state: 'pending', since: 100 } },
    ],
    [
      'pending reaches duration → fires',
      { state: 'pending', since: 100 },
      true,
      160,
      { state: { state: 'firing', since: 100 }, event: 'firing' },
    ],
    ['pending then false → inactive, no event', { state: 'pending', since: 100 }, false, 120, {}],
    [
      'firing stays firing',
      { state: 'firing', since: 100 },
      true,
      999,
      { state: { state: 'firing', since: 100 } },
    ],
    ['firing then false → resolved', { state: 'firing', since: 100 }, false, 999, { event: 'resolved' }],
  ])('%s', (_name, prev, cond, now, expected) => {
    expect(nextState(prev, cond, now, 60)).toEqual(expected);
  });

  it.each([
    [{ name: 'Bad', metric: 'pod_cpu_usage', condition: '>', threshold: 1 }, 'name'],
    [{ name: 'a', metric: 'nope', condition: '>', threshold: 1 }, 'metric'],
    [{ name: 'a', metric: 'pod_cpu_usage', condition: '=>', threshold: 1 }, 'condition'],
    [{ name: 'a', metric: 'pod_cpu_usage', condition: '>', threshold: '1' }, 'threshold'],
    [{ name: 'a', metric: 'pod_cpu_usage', condition: '>', threshold: 1, duration: 'soon' }, 'duration'],
    [{ name: 'a', metric: 'pod_cpu_usage', condition: '>', threshold: 1, webhook: 'ftp://x' }, 'webhook'],
  ])('rejects %j (field %s)', (body, field) => {
    try {
      validatePolicy(body, 'ns');
      expect.unreachable();
    } catch (err) {
      expect((err as { details?: { causes?: { field: string }[] } }).details?.causes?.[0].field).toBe(field);
    }
  });
});

describe('AlertManager', () => {
  it('fires after the duration, notifies, and resolves when the value drops', async () => {
    let now = 1_000_000;
    let value = 0.9;
    const source: MetricsSource = {
      name: 'fake',
      async fetch({ base, grid }: BaseFetch): Promise<GridSeries[]> {
        if (base !== 'node_cpu_usage' && base !== 'node_cpu_total') return [];
        const v = base === 'node_cpu_usage' ? value : 1;
        return [{ labels: { node: 'n1' }, values: new Float64Array(grid.count).fill(v) }];
      },
    };
    const posts: { status: string }[] = [];
    const m = new AlertManager({
      source,
      enrich: (l) => l,
      now: () => now,
      log: () => {},
      post: async (_u, b) => {
        posts.push(b as { status: string });
        return 200;
      },
    });
    m.put(
      validatePolicy(
        {
          name: 'hot',
          metric: 'node_cpu_utilisation',
          condition: '>=',
          threshold: 0.8,
          duration: '1m',
          webhook: 'http://h/x',
        },
        undefined,
      ),
    );
    await m.evaluate();
    expect(m.alerts()).toEqual([]);
    now += 60_000;
    await m.evaluate();
    expect(m.alerts()).toMatchObject([
      { policy: 'hot', state: 'firing', labels: { node: 'n1' }, value: '0.9' },
    ]);
    value = 0.5;
    now += 10_000;
    await m.evaluate();
    await Promise.all(m.deliveries);
    expect(m.alerts()).toMatchObject([{ state: 'resolved', value: '0.5' }]);
    expect(posts.map((p) => p.status)).toEqual(['firing', 'resolved']);
  });

  it('reports status; a new threshold resolves at the next evaluation, disabling and deleting at once', async () => {
    let now = 2_000_000;
    const source: MetricsSource = {
      name: 'fake',
      async fetch({ grid }: BaseFetch): Promise<GridSeries[]> {
        return [{ labels: { node: 'n1' }, values: new Float64Array(grid.count).fill(0.5) }];
      },
    };
    const m = new AlertManager({ source, enrich: (l) => l, now: () => now, log: () => {} });
    const base = { name: 'busy', metric: 'node_cpu_usage', condition: '>', threshold: 0, duration: '0s' };
    const p = m.put(validatePolicy(base, undefined));
    expect(m.status(p)).toEqual({ state: 'inactive', firing: 0 });
    await m.evaluate();
    expect(m.status(p)).toEqual({
      state: 'firing',
      firing: 1,
      lastEvaluatedAt: new Date(now).toISOString(),
    });
    // A threshold that cannot hold: still firing until evaluated, then resolved.
    const raised = m.put(validatePolicy({ ...base, threshold: 1000 }, undefined));
    expect(m.status(raised).state).toBe('firing');
    now += 1000;
    await m.evaluate();
    expect(m.status(raised).state).toBe('inactive');
    expect(m.alerts()).toMatchObject([{ policy: 'busy', state: 'resolved' }]);
    // Firing again, then disabled: resolved at once, no longer evaluated.
    m.put(validatePolicy(base, undefined));
    now += 1000;
    await m.evaluate();
    expect(m.alerts({ state: 'firing' })).toHaveLength(1);
    const off = m.put(validatePolicy({ ...base, disabled: true }, undefined));
    expect(m.status(off)).toEqual({ state: 'disabled', firing: 0 });
    expect(m.alerts({ state: 'firing' })).toEqual([]);
    now += 1000;
    await m.evaluate();
    expect(m.alerts({ state: 'firing' })).toEqual([]);
    // Enabled and firing, then deleted: resolved.
    m.put(validatePolicy(base, undefined));
    now += 1000;
    await m.evaluate();
    expect(m.alerts({ state: 'firing' })).toHaveLength(1);
    expect(m.delete(undefined, 'busy')).toBe(true);
    expect(m.alerts({ state: 'firing' })).toEqual([]);
    expect(m.alerts()).toHaveLength(3);
  });
});
