import { describe, expect, it } from 'vitest';
import { chartSummary } from './summary';

describe('chartSummary', () => {
  it.each([
    [
      'latest value of each line, points on the union of timestamps',
      'CPU Usage',
      [
        {
          label: 'Used',
          values: [
            [10, '0.2'],
            [20, '0.35'],
          ] as [number, string][],
        },
        { label: 'Capacity', values: [[20, '12']] as [number, string][] },
      ],
      'cpu' as const,
      'CPU Usage: Used 350 m, Capacity 12 cores (2 points)',
    ],
    [
      'a line without points',
      'Memory Usage',
      [
        { label: 'web-0', values: [[10, '1536']] as [number, string][] },
        { label: 'web-1', values: [] },
      ],
      'memory' as const,
      'Memory Usage: web-0 1.5 KiB, web-1 - (1 point)',
    ],
  ])('%s', (_name, title, series, unit, expected) => {
    expect(chartSummary(title, series, unit)).toBe(expected);
  });
});
