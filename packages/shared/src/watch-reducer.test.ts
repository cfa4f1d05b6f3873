import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchEvent } from './objects';
import { applyWatchEvent, type ListState } from './watch-reducer';

function obj(
  name: string,
  rv: string,
  namespace = 'default',
  extra: Record<string, unknown> = {},
): KubeObject {
  return { metadata: { name, namespace, resourceVersion: rv }, ...extra };
}

const base: ListState<KubeObject> = {
  items: [obj('a', '5'), obj('b', '6'), obj('a', '7', 'other')],
  resourceVersion: '10',
};

describe('applyWatchEvent', () => {
  it.each<[string, WatchEvent, string[], string]>([
    [
      'ADDED appends',
      { type: 'ADDED', object: obj('c', '11') },
      ['default/a', 'default/b', 'other/a', 'default/c'],
      '11',
    ],
    [
      'MODIFIED replaces in place',
      { type: 'MODIFIED', object: obj('b', '12') },
      ['default/a', 'default/b', 'other/a'],
      '12',
    ],
    [
      'ADDED of a known object upserts',
      { type: 'ADDED', object: obj('a', '12') },
      ['default/a', 'default/b', 'other/a'],
      '12',
    ],
    [
      'DELETED removes by namespace and name',
      { type: 'DELETED', object: obj('a', '13', 'other') },
      ['default/a', 'default/b'],
      '13',
    ],
    [
      'DELETED of an unknown object keeps items',
      { type: 'DELETED', object: obj('zz', '13') },
      ['default/a', 'default/b', 'other/a'],
      '13',
    ],
    [
      'stale events (rv <= list rv) are ignored',
      { type: 'DELETED', object: obj('a', '10') },
      ['default/a', 'default/b', 'other/a'],
      '10',
    ],
    [
      'BOOKMARK only advances',
      { type: 'BOOKMARK', object: obj('', '20') },
      ['default/a', 'default/b', 'other/a'],
      '20',
    ],
    [
      'ERROR changes nothing',
      { type: 'ERROR', object: obj('', '30') },
      ['default/a', 'default/b', 'other/a'],
      '10',
    ],
  ])('%s', (_name, event, keys, rv) => {
    const next = applyWatchEvent(base, event);
    expect(next.items.map((i) => `${i.metadata.namespace}/${i.metadata.name}`)).toEqual(keys);
    expect(next.resourceVersion).toBe(rv);
  });

  it('stores the new object version', () => {
    const next = applyWatchEvent(base, {
      type: 'MODIFIED',
      object: obj('b', '12', 'default', { spec: { x: 1 } }),
    });
    expect(next.items[1]).toMatchObject({ spec: { x: 1 } });
  });

  it('never mutates its input', () => {
    const frozen = structuredClone(base);
    applyWatchEvent(base, { type: 'MODIFIED', object: obj('b', '12') });
    applyWatchEvent(base, { type: 'DELETED', object: obj('b', '12') });
    applyWatchEvent(base, { type: 'ADDED', object: obj('z', '12') });
    expect(base).toEqual(frozen);
  });

  it('does not compare opaque (non-numeric) resourceVersions', () => {
    const opaque = { items: [], resourceVersion: 'abc' };
    expect(applyWatchEvent(opaque, { type: 'ADDED', object: obj('x', '1') }).items).toHaveLength(1);
  });

  it('handles cluster-scoped objects', () => {
    const s = { items: [{ metadata: { name: 'n1', resourceVersion: '1' } }], resourceVersion: '1' };
    const next = applyWatchEvent(s, {
      type: 'DELETED',
      object: { metadata: { name: 'n1', resourceVersion: '2' } },
    });
    expect(next.items).toEqual([]);
  });
});

describe('applyWatchEvent over long sequences', () => {
  it('agrees with a naive model across mixed events, including branching from old states', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let state: ListState<KubeObject> = { items: [], resourceVersion: '0' };
    const model = new Map<string, string>();
    const history: ListState<KubeObject>[] = [];
    for (let rv = 1; rv <= 600; rv++) {
      const name = `o${rand(40)}`;
      const type = (['ADDED', 'MODIFIED', 'DELETED'] as const)[rand(3)];
      const event: WatchEvent = { type, object: obj(name, String(rv), rand(2) ? 'a' : 'b') };
      const key = `${event.object.metadata.namespace}/${name}`;
      // Branch: applying to an older state must not disturb the main line.
      if (history.length > 3) applyWatchEvent(history[history.length - 3], event);
      state = applyWatchEvent(state, event);
      history.push(state);
      if (type === 'DELETED') model.delete(key);
      else model.set(key, String(rv));
      const actual = new Map(
        state.items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i.metadata.resourceVersion]),
      );
      expect(actual).toEqual(model);
      expect(state.items).toHaveLength(model.size);
    }
  });
});
