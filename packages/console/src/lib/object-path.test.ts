import { describe, expect, it } from 'vitest';
import { compact, getIn, setIn } from './object-path';

describe('getIn', () => {
  it.each([
    [{ a: { b: 1 } }, 'a.b', 1],
    [{ a: { b: 1 } }, 'a.c', undefined],
    [{ a: [{ b: 2 }] }, 'a.0.b', 2],
    [null, 'a', undefined],
  ])('%j %s', (o, p, want) => expect(getIn(o, p)).toEqual(want));
});

describe('setIn', () => {
  it('sets deeply without mutating and keeps siblings', () => {
    const src = { a: { b: 1, keep: true }, other: 'x' };
    const out = setIn(src, 'a.c.d', 5);
    expect(out).toEqual({ a: { b: 1, keep: true, c: { d: 5 } }, other: 'x' });
    expect(src).toEqual({ a: { b: 1, keep: true }, other: 'x' });
  });
  it('deletes with undefined and prunes empty parents', () => {
    expect(setIn({ a: { b: { c: 1 } }, z: 1 }, 'a.b.c', undefined)).toEqual({ z: 1 });
    expect(setIn({ a: { b: { c: 1, d: 2 } } }, 'a.b.c', undefined)).toEqual({ a: { b: { d: 2 } } });
  });
});

describe('compact', () => {
  it('drops empty values', () => {
    expect(compact({ a: '', b: undefined, c: [], d: {}, e: 0, f: 'x', g: [1] })).toEqual({
      e: 0,
      f: 'x',
      g: [1],
    });
  });
});
