import { describe, expect, it } from 'vitest';
import { FakeClock } from '../runtime/clock';
import { Expectations, mergePatchFor, setCondition } from './support';

describe('mergePatchFor', () => {
  it.each([
    {
      name: 'removes nested keys with null',
      old: { u: { succeeded: ['a'], failed: [] }, n: 1 },
      next: { u: {}, n: 1 },
      want: { u: { succeeded: null, failed: null }, n: 1 },
    },
    {
      name: 'removes top-level keys',
      old: { active: 2, ready: 1 },
      next: { ready: 0 },
      want: { ready: 0, active: null },
    },
    { name: 'replaces arrays whole', old: { c: [{ a: 1 }] }, next: { c: [] }, want: { c: [] } },
    { name: 'from nothing', old: undefined, next: { a: { b: 1 } }, want: { a: { b: 1 } } },
  ])('$name', ({ old, next, want }) => {
    expect(mergePatchFor(old, next as Record<string, unknown>)).toEqual(want);
  });
});

describe('setCondition', () => {
  it('keeps the transition time while the status holds', () => {
    const first = setCondition([], { type: 'Ready', status: 'True', lastTransitionTime: 't1' });
    expect(
      setCondition(first, { type: 'Ready', status: 'True', reason: 'x', lastTransitionTime: 't2' })[0]
        .lastTransitionTime,
    ).toBe('t1');
    expect(
      setCondition(first, { type: 'Ready', status: 'False', lastTransitionTime: 't2' })[0].lastTransitionTime,
    ).toBe('t2');
  });
});

describe('Expectations', () => {
  it('waits for counted creations and named deletions, and expires', () => {
    const clock = new FakeClock();
    const e = new Expectations(clock);
    e.expectCreates('k', 2);
    e.expectDelete('k', 'p1');
    e.creationObserved('k');
    e.creationObserved('k');
    expect(e.satisfied('k')).toBe(false);
    e.deletionObserved('k', 'p1');
    expect(e.satisfied('k')).toBe(true);
    e.expectCreates('k', 1);
    clock.advance(61_000);
    expect(e.satisfied('k')).toBe(true);
  });
});
