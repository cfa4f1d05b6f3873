import { describe, expect, it } from 'vitest';
import { compactionTarget } from './compaction';

// Events 1..100, event r written at time r * 10 ms.
const writtenAt = (revision: number) => (revision >= 1 && revision <= 100 ? revision * 10 : undefined);

describe('compactionTarget', () => {
  it.each([
    { case: 'nothing old enough', min: 0, maxAge: 10_000, compacted: 0, now: 1000, expected: 0 },
    { case: 'age decides', min: 10, maxAge: 500, compacted: 0, now: 1000, expected: 50 },
    { case: 'count decides', min: 80, maxAge: 500, compacted: 0, now: 1000, expected: 20 },
    { case: 'everything old, none retained', min: 0, maxAge: 0, compacted: 0, now: 1000, expected: 100 },
    { case: 'never moves backwards', min: 90, maxAge: 0, compacted: 30, now: 1000, expected: 30 },
    {
      case: 'continues from the compacted revision',
      min: 0,
      maxAge: 300,
      compacted: 40,
      now: 1000,
      expected: 70,
    },
    { case: 'exact boundary counts as old', min: 0, maxAge: 250, compacted: 0, now: 1000, expected: 75 },
  ])('$case', ({ min, maxAge, compacted, now, expected }) => {
    const policy = { minRetainedEvents: min, maxAgeMs: maxAge };
    expect(compactionTarget(policy, 100, compacted, now, writtenAt)).toBe(expected);
  });

  it('needs only a logarithmic number of lookups', () => {
    let lookups = 0;
    const target = compactionTarget(
      { minRetainedEvents: 0, maxAgeMs: 1000 },
      1_000_000,
      0,
      5_000_000,
      (r) => {
        lookups++;
        return r * 2;
      },
    );
    expect(target).toBe(1_000_000);
    expect(lookups).toBeLessThanOrEqual(21);
  });
});
