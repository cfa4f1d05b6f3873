import { describe, expect, it } from 'vitest';
import { rangeParams, stepFor, valueOf } from './api';
import { formatUnit, type Unit } from './units';

describe('formatUnit', () => {
  it.each<[number | undefined, Unit, string]>([
    [0.25, 'cpu', '250 m'],
    [2.5, 'cpu', '2.5 cores'],
    [1536, 'memory', '1.5 KiB'],
    [3 * 2 ** 30, 'memory', '3 GiB'],
    [1500, 'disk', '1.5 KB'],
    [125, 'bandwidth', '1 Kbps'],
    [0.3125, 'percent', '31.25%'],
    [4.4, 'count', '4'],
    [undefined, 'cpu', '-'],
    [NaN, 'memory', '-'],
  ])('%s %s → %s', (v, unit, out) => {
    expect(formatUnit(v, unit)).toBe(out);
  });
});

describe('time ranges', () => {
  it.each([
    [600, 10],
    [3600, 60],
    [86400, 1800],
    [604800, 10800],
  ])('%i s window → step %i s', (seconds, step) => {
    expect(stepFor(seconds)).toBe(step);
  });

  it('builds start/end/step for presets and custom windows', () => {
    expect(rangeParams({ last: 3600 }, 10_000.7)).toEqual({ start: 6400, end: 10000, step: '60s' });
    expect(rangeParams({ start: 100, end: 700 }, 99999)).toEqual({ start: 100, end: 700, step: '10s' });
  });

  it('reads an instant value with label matching', () => {
    const r = {
      results: [
        {
          metric_name: 'node_cpu_usage',
          data: {
            resultType: 'vector' as const,
            result: [
              { metric: { node: 'a' }, value: [1, '0.5'] as [number, string] },
              { metric: { node: 'b' }, value: [1, '2'] as [number, string] },
            ],
          },
        },
      ],
    };
    expect(valueOf(r, 'node_cpu_usage', { node: 'b' })).toBe(2);
    expect(valueOf(r, 'missing')).toBeUndefined();
  });
});
