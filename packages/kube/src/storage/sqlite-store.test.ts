import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusError, type KubeObject } from '@sphere/shared';
import { createSqliteStore, type SqliteStore } from './sqlite-store';
import { names, object, tempDir } from './test-helpers';

const CM = '/configmaps';
const DEPLOY = 'apps/deployments';

function catchStatus(f: () => unknown): StatusError {
  try {
    f();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
}

let stores: SqliteStore[] = [];
const cleanups: (() => void)[] = [];
function open(
  path = ':memory:',
  options: Partial<Parameters<typeof createSqliteStore>[0]> = {},
): SqliteStore {
  const store = createSqliteStore({ path, compaction: { intervalMs: 0 }, ...options });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores) s.close();
  stores = [];
  for (const c of cleanups.splice(0)) c();
});

describe('create, get, update, delete', () => {
  it('stamps each write with the next revision and returns frozen objects', () => {
    const store = open();
    expect(store.revision()).toBe(0);
    const created = store.create(CM, object('default', 'a', { k: 'v' }));
    expect(created.metadata.resourceVersion).toBe('1');
    expect(store.revision()).toBe(1);
    expect(store.get(CM, 'default', 'a')).toEqual(created);
    expect(Object.isFrozen(created)).toBe(true);
    expect(Object.isFrozen(created.metadata)).toBe(true);
    expect(Object.isFrozen(created.data)).toBe(true);
    expect(() => {
      (created.metadata as { name: string }).name = 'x';
    }).toThrow(TypeError);

    const changed = structuredClone(created) as KubeObject & { data: Record<string, string> };
    changed.data.k = 'w';
    const updated = store.update(CM, changed, 1);
    expect(updated.metadata.resourceVersion).toBe('2');
    expect(store.get(CM, 'default', 'a')?.data).toEqual({ k: 'w' });

    const deleted = store.delete(CM, 'default', 'a', 2);
    expect(deleted.metadata.resourceVersion).toBe('3');
    expect(deleted.data).toEqual({ k: 'w' });
    expect(store.get(CM, 'default', 'a')).toBeUndefined();
    expect(store.revision()).toBe(3);
  });

  it('does not keep a reference to the caller object', () => {
    const store = open();
    const input = object('default', 'a', { k: 'v' });
    store.create(CM, input);
    (input.data as Record<string, string>).k = 'changed';
    expect(input.metadata.resourceVersion).toBeUndefined();
    expect(store.get(CM, 'default', 'a')?.data).toEqual({ k: 'v' });
  });

  it('keys objects by storageKey, namespace and name (cluster-scoped: namespace "")', () => {
    const store = open();
    store.create(CM, object('a', 'x'));
    store.create(CM, object('b', 'x'));
    store.create(DEPLOY, object('a', 'x'));
    store.create('/namespaces', object('', 'x'));
    expect(store.count(CM)).toBe(2);
    expect(store.count(CM, 'a')).toBe(1);
    expect(store.count(CM, 'zzz')).toBe(0);
    expect(store.count('/nothing')).toBe(0);
    expect(store.get('/namespaces', '', 'x')?.metadata.name).toBe('x');
    expect(store.get(DEPLOY, 'b', 'x')).toBeUndefined();
  });

  it.each([
    {
      op: 'create of an existing key',
      run: (s: SqliteStore) => s.create(DEPLOY, object('ns', 'web')),
      code: 409,
      reason: 'AlreadyExists',
      message: 'deployments.apps "web" already exists',
    },
    {
      op: 'update with a stale revision',
      run: (s: SqliteStore) => s.update(DEPLOY, object('ns', 'web'), 99),
      code: 409,
      reason: 'Conflict',
      message:
        'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    },
    {
      op: 'delete with a stale revision',
      run: (s: SqliteStore) => s.delete(DEPLOY, 'ns', 'web', 99),
      code: 409,
      reason: 'Conflict',
      message: 'Operation cannot be fulfilled on deployments.apps "web"',
    },
    {
      op: 'update of a missing key',
      run: (s: SqliteStore) => s.update(DEPLOY, object('ns', 'nope')),
      code: 404,
      reason: 'NotFound',
      message: 'deployments.apps "nope" not found',
    },
    {
      op: 'delete of a missing key (core group)',
      run: (s: SqliteStore) => s.delete(CM, 'ns', 'nope'),
      code: 404,
      reason: 'NotFound',
      message: 'configmaps "nope" not found',
    },
  ])('$op → $code $reason', ({ run, code, reason, message }) => {
    const store = open();
    store.create(DEPLOY, object('ns', 'web'));
    const err = catchStatus(() => run(store));
    expect(err.code).toBe(code);
    expect(err.reason).toBe(reason);
    expect(err.message).toContain(message);
    // A failed write changes nothing.
    expect(store.revision()).toBe(1);
    expect(store.get(DEPLOY, 'ns', 'web')?.metadata.resourceVersion).toBe('1');
  });

  it('allows unconditional updates and deletes and matching expected revisions', () => {
    const store = open();
    store.create(CM, object('ns', 'a'));
    expect(store.update(CM, object('ns', 'a', { x: '1' })).metadata.resourceVersion).toBe('2');
    expect(store.update(CM, object('ns', 'a', { x: '2' }), 2).metadata.resourceVersion).toBe('3');
    expect(store.delete(CM, 'ns', 'a', 3).metadata.resourceVersion).toBe('4');
    expect(store.create(CM, object('ns', 'a')).metadata.resourceVersion).toBe('5');
  });
});

describe('persistence', () => {
  it('restores every object and keeps the revision strictly increasing across restarts', () => {
    const { path, cleanup } = tempDir();
    cleanups.push(cleanup);
    let store = open(path);
    store.create(CM, object('ns', 'keep', { v: '1' }));
    store.create(CM, object('ns', 'gone'));
    store.create('/namespaces', object('', 'ns'));
    store.delete(CM, 'ns', 'gone');
    store.update(CM, object('ns', 'keep', { v: '2' }));
    expect(store.revision()).toBe(5);
    store.close();

    store = open(path);
    expect(store.revision()).toBe(5);
    expect(store.get(CM, 'ns', 'keep')).toMatchObject({
      data: { v: '2' },
      metadata: { resourceVersion: '5' },
    });
    expect(store.get(CM, 'ns', 'gone')).toBeUndefined();
    expect(store.get('/namespaces', '', 'ns')?.metadata.resourceVersion).toBe('3');
    expect(Object.isFrozen(store.get(CM, 'ns', 'keep')?.data)).toBe(true);
    // The deletion at revision 6 removes the newest object: its revision must still never be reused.
    store.delete(CM, 'ns', 'keep');
    store.close();

    store = open(path);
    expect(store.revision()).toBe(6);
    expect(store.create(CM, object('ns', 'new')).metadata.resourceVersion).toBe('7');
  });

  it("refuses a second process on the same file without touching the first one's journal", () => {
    const { path, cleanup } = tempDir();
    cleanups.push(cleanup);
    open(path).close(); // the file exists: the next open need not create tables
    const first = open(path);
    first.create(CM, object('ns', 'a'));
    const journalSize = statSync(`${path}.acklog`).size;
    expect(journalSize).toBeGreaterThan(0);
    expect(() => createSqliteStore({ path, compaction: { intervalMs: 0 } })).toThrow(/locked/);
    expect(statSync(`${path}.acklog`).size).toBe(journalSize);
    first.create(CM, object('ns', 'b'));
    first.close();
    expect(names(open(path).list(CM).items)).toEqual(['a', 'b']);
  });

  it('never reuses a revision after compaction removed every event', () => {
    const { path, cleanup } = tempDir();
    cleanups.push(cleanup);
    let now = 0;
    let store = open(path, {
      now: () => now,
      compaction: { intervalMs: 0, minRetainedEvents: 0, maxAgeMs: 10 },
    });
    for (let i = 0; i < 5; i++) store.create(CM, object('ns', `o${i}`));
    for (let i = 0; i < 5; i++) store.delete(CM, 'ns', `o${i}`);
    now = 1000;
    expect(store.compact()).toBe(10);
    store.close();
    store = open(path);
    expect(store.revision()).toBe(10);
    expect(store.compactedRevision()).toBe(10);
    expect(store.create(CM, object('ns', 'x')).metadata.resourceVersion).toBe('11');
  });
});

describe('list', () => {
  function seeded(): SqliteStore {
    const store = open();
    // Inserted out of order: lists sort by namespace/name.
    for (const [ns, name] of [
      ['b', 'y'],
      ['a', 'z'],
      ['b', 'x'],
      ['a', 'a'],
      ['a-b', 'm'],
      ['c', 'q'],
    ]) {
      store.create(CM, object(ns, name));
    }
    return store;
  }

  it('returns items sorted by namespace/name with the current revision', () => {
    const store = seeded();
    const result = store.list(CM);
    expect(result.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'a-b/m',
      'a/a',
      'a/z',
      'b/x',
      'b/y',
      'c/q',
    ]);
    expect(result.revision).toBe(6);
    expect(result.continueAfter).toBeUndefined();
    expect(result.remaining).toBeUndefined();
    expect(store.list('/unknown')).toEqual({ items: [], revision: 6 });
  });

  it.each([
    { namespace: 'a', expected: ['a', 'z'] },
    { namespace: 'a-b', expected: ['m'] },
    { namespace: 'b', expected: ['x', 'y'] },
    { namespace: 'd', expected: [] },
  ])('lists one namespace: $namespace', ({ namespace, expected }) => {
    const store = seeded();
    expect(names(store.list(CM, { namespace }).items)).toEqual(expected);
  });

  it.each([
    { options: { limit: 2 }, items: ['m', 'a'], continueAfter: 'a/a', remaining: 4 },
    { options: { limit: 2, after: 'a/a' }, items: ['z', 'x'], continueAfter: 'b/x', remaining: 2 },
    {
      options: { limit: 2, after: 'b/x' },
      items: ['y', 'q'],
      continueAfter: undefined,
      remaining: undefined,
    },
    {
      options: { limit: 10, after: 'b/x' },
      items: ['y', 'q'],
      continueAfter: undefined,
      remaining: undefined,
    },
    { options: { after: 'b/a' }, items: ['x', 'y', 'q'], continueAfter: undefined, remaining: undefined },
    { options: { limit: 1, namespace: 'b' }, items: ['x'], continueAfter: 'b/x', remaining: 1 },
    {
      options: { limit: 1, filter: (o: KubeObject) => o.metadata.name !== 'a' },
      items: ['m'],
      continueAfter: 'a-b/m',
      remaining: 4,
    },
    {
      options: { limit: 2, filter: (o: KubeObject) => o.metadata.namespace === 'b' },
      items: ['x', 'y'],
      continueAfter: undefined,
      remaining: undefined,
    },
  ])('pages with $options', ({ options, items, continueAfter, remaining }) => {
    const result = seeded().list(CM, options);
    expect(names(result.items)).toEqual(items);
    expect(result.continueAfter).toBe(continueAfter);
    expect(result.remaining).toBe(remaining);
  });

  it('walks every item exactly once when paging through continueAfter', () => {
    const store = open();
    for (let i = 0; i < 57; i++) store.create(CM, object(`ns${i % 4}`, `o${(i * 37) % 57}`));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = store.list(CM, { limit: 10, after });
      seen.push(...page.items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
      if (page.continueAfter) expect(page.remaining).toBe(57 - seen.length);
      after = page.continueAfter;
      pages++;
    } while (after);
    expect(pages).toBe(6);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(57);
  });

  it('keeps the order right while objects are created and deleted between lists', () => {
    const store = open();
    const expected = new Set<string>();
    for (let round = 0; round < 30; round++) {
      // Rounds alternate between few changes (spliced in) and many (merged in).
      const batch = round % 3 === 0 ? 200 : 3;
      for (let i = 0; i < batch; i++) {
        const name = `o${(round * 7919 + i * 104729) % 1000}`;
        if (expected.has(name)) {
          store.delete(CM, 'ns', name);
          expected.delete(name);
        } else {
          store.create(CM, object('ns', name));
          expected.add(name);
        }
      }
      expect(names(store.list(CM).items)).toEqual([...expected].sort());
    }
  });

  describe('at a past revision', () => {
    it('reconstructs the state: later creations hidden, modifications undone, deletions restored', () => {
      const store = open();
      store.create(CM, object('ns', 'a', { v: 'a1' }));
      store.create(CM, object('ns', 'b', { v: 'b1' }));
      store.create(CM, object('ns', 'c', { v: 'c1' }));
      store.create(DEPLOY, object('ns', 'other'));
      const snapshot = store.revision();
      store.update(CM, object('ns', 'a', { v: 'a2' }));
      store.update(CM, object('ns', 'a', { v: 'a3' }));
      store.delete(CM, 'ns', 'b');
      store.create(CM, object('ns', 'd', { v: 'd1' }));
      store.create(CM, object('ns', 'aa', { v: 'aa1' }));
      store.delete(CM, 'ns', 'c');
      store.create(CM, object('ns', 'c', { v: 'c2' }));

      const past = store.list(CM, { atRevision: snapshot });
      expect(past.revision).toBe(snapshot);
      expect(past.items.map((o) => [o.metadata.name, o.data])).toEqual([
        ['a', { v: 'a1' }],
        ['b', { v: 'b1' }],
        ['c', { v: 'c1' }],
      ]);
      expect(past.items.map((o) => o.metadata.resourceVersion)).toEqual(['1', '2', '3']);

      const page1 = store.list(CM, { atRevision: snapshot, limit: 1 });
      expect(names(page1.items)).toEqual(['a']);
      expect(page1.remaining).toBe(2);
      const page2 = store.list(CM, { atRevision: snapshot, limit: 1, after: page1.continueAfter });
      expect(names(page2.items)).toEqual(['b']);
      expect(page2.remaining).toBe(1);
      const page3 = store.list(CM, { atRevision: snapshot, limit: 1, after: page2.continueAfter });
      expect(names(page3.items)).toEqual(['c']);
      expect(page3.continueAfter).toBeUndefined();

      const filtered = store.list(CM, {
        atRevision: snapshot,
        limit: 1,
        filter: (o) => o.metadata.name !== 'a',
      });
      expect(names(filtered.items)).toEqual(['b']);
      expect(filtered.remaining).toBe(1);
      expect(names(store.list(CM, { atRevision: snapshot + 1 }).items)).toEqual(['a', 'b', 'c']);
      expect(names(store.list(CM, { atRevision: snapshot + 3 }).items)).toEqual(['a', 'c']);
      expect(names(store.list(CM, { atRevision: store.revision() }).items)).toEqual(['a', 'aa', 'c', 'd']);
    });

    it('reads the events from SQLite when they are no longer in memory', () => {
      const store = open(':memory:', { recentEvents: 2 });
      store.create(CM, object('ns', 'a', { v: '1' }));
      store.create(CM, object('ns', 'b', { v: '1' }));
      const snapshot = store.revision();
      store.update(CM, object('ns', 'a', { v: '2' }));
      store.delete(CM, 'ns', 'b');
      for (let i = 0; i < 5; i++) store.create(CM, object('ns', `n${i}`));
      const past = store.list(CM, { atRevision: snapshot });
      expect(past.items.map((o) => [o.metadata.name, o.data])).toEqual([
        ['a', { v: '1' }],
        ['b', { v: '1' }],
      ]);
    });

    it('throws Expired (410) once the revision is compacted', () => {
      let now = 0;
      const store = open(':memory:', { now: () => now, compaction: { minRetainedEvents: 1, maxAgeMs: 100 } });
      for (let i = 0; i < 5; i++) store.create(CM, object('ns', `o${i}`));
      now = 1000;
      expect(store.compact()).toBe(4);
      const err = catchStatus(() => store.list(CM, { atRevision: 3, limit: 1 }));
      expect(err.code).toBe(410);
      expect(err.reason).toBe('Expired');
      expect(err.message).toMatch(
        /^The provided continue parameter is too old to display a consistent list result/,
      );
      expect(names(store.list(CM, { atRevision: 4 }).items)).toEqual(['o0', 'o1', 'o2', 'o3']);
    });
  });
});
