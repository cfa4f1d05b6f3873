import { describe, expect, it } from 'vitest';
import { lowerBound, mergeSorted, ObjectIndex, objectKey } from './object-index';
import { object } from './test-helpers';

describe('lowerBound', () => {
  const keys = ['a/1', 'a/2', 'b/1', 'b/3'];
  it.each([
    { key: 'a/0', strict: false, expected: 0 },
    { key: 'a/1', strict: false, expected: 0 },
    { key: 'a/1', strict: true, expected: 1 },
    { key: 'b/2', strict: false, expected: 3 },
    { key: 'b/3', strict: true, expected: 4 },
    { key: 'c', strict: false, expected: 4 },
  ])('$key (strict $strict) → $expected', ({ key, strict, expected }) => {
    expect(lowerBound(keys, key, strict)).toBe(expected);
  });
});

describe('mergeSorted', () => {
  it.each([
    { a: [], b: [], keep: [], expected: [] },
    { a: ['a', 'c'], b: ['b', 'd'], keep: ['a', 'b', 'c', 'd'], expected: ['a', 'b', 'c', 'd'] },
    { a: ['a', 'b'], b: ['a', 'b', 'b'], keep: ['a', 'b'], expected: ['a', 'b'] },
    { a: ['a', 'b', 'c'], b: ['d'], keep: ['b', 'd'], expected: ['b', 'd'] },
  ])('merges $a and $b keeping $keep', ({ a, b, keep, expected }) => {
    expect(mergeSorted(a, b, (k) => keep.includes(k))).toEqual(expected);
  });
});

describe('ObjectIndex', () => {
  it('counts per namespace and forgets empty namespaces', () => {
    const index = new ObjectIndex();
    const entry = (ns: string, name: string) => ({ object: object(ns, name), revision: 1 });
    index.set('a', 'x', entry('a', 'x'));
    index.set('a', 'y', entry('a', 'y'));
    index.set('a', 'y', entry('a', 'y')); // replacing does not count twice
    index.set('b', 'x', entry('b', 'x'));
    expect([index.count(), index.count('a'), index.count('b'), index.count('c')]).toEqual([3, 2, 1, 0]);
    index.delete('a', 'x');
    index.delete('a', 'x'); // deleting a missing key is a no-op
    index.delete('a', 'y');
    expect([index.count(), index.count('a'), index.size]).toEqual([1, 0, 1]);
    expect(index.get(objectKey('b', 'x'))?.object.metadata.name).toBe('x');
  });

  it.each([
    { case: 'few changes between reads (spliced)', opsPerRead: 5 },
    { case: 'many changes between reads (merged)', opsPerRead: 300 },
  ])('keeps sortedKeys equal to a full sort under random churn: $case', ({ opsPerRead }) => {
    const index = new ObjectIndex();
    const reference = new Set<string>();
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let op = 0; op < 6000; op++) {
      const ns = `ns${Math.floor(random() * 5)}`;
      const name = `o${Math.floor(random() * 200)}`;
      const key = objectKey(ns, name);
      if (reference.has(key) && random() < 0.6) {
        index.delete(ns, name);
        reference.delete(key);
      } else {
        index.set(ns, name, { object: object(ns, name), revision: op });
        reference.add(key);
      }
      if (op % opsPerRead === 0) expect(index.sortedKeys()).toEqual([...reference].sort());
    }
    expect(index.sortedKeys()).toEqual([...reference].sort());
  });
});
