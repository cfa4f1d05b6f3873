import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared';
import { createSqliteStore, type SqliteStore, type SqliteStoreConfig } from './sqlite-store';
import { object, tempDir } from './test-helpers';
import type { StoreEvent } from './types';

const CM = '/configmaps';
const SECRETS = '/secrets';

let stores: SqliteStore[] = [];
const cleanups: (() => void)[] = [];
function open(options: Partial<SqliteStoreConfig> = {}): SqliteStore {
  const store = createSqliteStore({
    path: ':memory:',
    ...options,
    compaction: { intervalMs: 0, ...options.compaction },
  });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores) s.close();
  stores = [];
  for (const c of cleanups.splice(0)) c();
});

/** Collects events as `type name@revision`. */
function recorder(): { events: StoreEvent[]; log: string[]; onEvent: (e: StoreEvent) => void } {
  const events: StoreEvent[] = [];
  const log: string[] = [];
  return {
    events,
    log,
    onEvent: (e) => {
      events.push(e);
      log.push(`${e.type} ${e.name}@${e.revision}`);
    },
  };
}

/** Writes a, b, c to configmaps and one secret, then modifies a and deletes b. Revisions 1..6. */
function history(store: SqliteStore): void {
  store.create(CM, object('ns', 'a', { v: '1' }));
  store.create(CM, object('ns', 'b'));
  store.create(SECRETS, object('ns', 's'));
  store.create(CM, object('ns', 'c'));
  store.update(CM, object('ns', 'a', { v: '2' }));
  store.delete(CM, 'ns', 'b');
}

function expectContiguous(events: StoreEvent[], from: number, to: number): void {
  expect(events.map((e) => e.revision)).toEqual(Array.from({ length: to - from }, (_, i) => from + 1 + i));
}

describe.each([
  { source: 'memory', recentEvents: 4096 },
  { source: 'SQLite', recentEvents: 1 },
])('watch replay from $source', ({ recentEvents }) => {
  it.each([
    { from: 0, expected: ['ADDED a@1', 'ADDED b@2', 'ADDED c@4', 'MODIFIED a@5', 'DELETED b@6'] },
    { from: 2, expected: ['ADDED c@4', 'MODIFIED a@5', 'DELETED b@6'] },
    { from: 5, expected: ['DELETED b@6'] },
    { from: 6, expected: [] },
    { from: 100, expected: [] },
  ])('replays configmap events after revision $from', ({ from, expected }) => {
    const store = open({ recentEvents });
    history(store);
    const r = recorder();
    store.watch(CM, from, r.onEvent).stop();
    expect(r.log).toEqual(expected);
  });

  it('carries previous states and the deletion revision on replayed events', () => {
    const store = open({ recentEvents });
    history(store);
    const r = recorder();
    store.watch(CM, 4, r.onEvent);
    const [modified, deleted] = r.events;
    expect(modified.object).toMatchObject({ data: { v: '2' }, metadata: { resourceVersion: '5' } });
    expect(modified.previous).toMatchObject({ data: { v: '1' }, metadata: { resourceVersion: '1' } });
    expect(deleted.object.metadata).toMatchObject({ name: 'b', resourceVersion: '6' });
    expect(deleted.previous?.metadata.resourceVersion).toBe('2');
    expect(deleted).toMatchObject({ storageKey: CM, namespace: 'ns', name: 'b' });
    expect(Object.isFrozen(modified.object.data)).toBe(true);
  });

  it("watches every resource with '*'", () => {
    const store = open({ recentEvents });
    history(store);
    const r = recorder();
    store.watch('*', 1, r.onEvent);
    store.create(SECRETS, object('ns', 't'));
    expect(r.log).toEqual([
      'ADDED b@2',
      'ADDED s@3',
      'ADDED c@4',
      'MODIFIED a@5',
      'DELETED b@6',
      'ADDED t@7',
    ]);
    expectContiguous(r.events, 1, 7);
  });
});

describe('live delivery', () => {
  it('continues after the replay without gap or duplicate, in revision order', () => {
    const store = open({ recentEvents: 3 });
    for (let i = 0; i < 10; i++) store.create(CM, object('ns', `o${i}`));
    const r = recorder();
    const all = recorder();
    store.watch(CM, 2, r.onEvent);
    store.watch('*', 0, all.onEvent);
    for (let i = 10; i < 15; i++) store.create(CM, object('ns', `o${i}`));
    expectContiguous(r.events, 2, 15);
    expectContiguous(all.events, 0, 15);
  });

  it('delivers only the watched resource and stops on stop()', () => {
    const store = open();
    const r = recorder();
    const sub = store.watch(SECRETS, 0, r.onEvent);
    store.create(CM, object('ns', 'a'));
    store.create(SECRETS, object('ns', 's'));
    sub.stop();
    store.create(SECRETS, object('ns', 't'));
    expect(r.log).toEqual(['ADDED s@2']);
  });

  it('keeps order when a callback writes (the nested event follows the current one for everybody)', () => {
    const store = open();
    const first = recorder();
    const second = recorder();
    store.watch(CM, 0, (e) => {
      first.onEvent(e);
      if (e.name === 'trigger') store.create(CM, object('ns', 'reaction'));
    });
    store.watch(CM, 0, second.onEvent);
    const created = store.create(CM, object('ns', 'trigger'));
    expect(created.metadata.resourceVersion).toBe('1');
    expect(first.log).toEqual(['ADDED trigger@1', 'ADDED reaction@2']);
    expect(second.log).toEqual(['ADDED trigger@1', 'ADDED reaction@2']);
  });

  it('includes events written by callbacks during the replay exactly once', () => {
    const store = open();
    for (let i = 0; i < 3; i++) store.create(CM, object('ns', `o${i}`));
    const r = recorder();
    store.watch(CM, 0, (e) => {
      r.onEvent(e);
      if (e.name === 'o0') store.create(CM, object('ns', 'during-replay'));
    });
    store.create(CM, object('ns', 'after'));
    expect(r.log).toEqual([
      'ADDED o0@1',
      'ADDED o1@2',
      'ADDED o2@3',
      'ADDED during-replay@4',
      'ADDED after@5',
    ]);
  });

  it('isolates a throwing callback from the write and from other watchers', () => {
    const errors: unknown[] = [];
    const store = open({ onWatcherError: (err) => errors.push(err) });
    const r = recorder();
    store.watch(CM, 0, () => {
      throw new Error('boom');
    });
    store.watch(CM, 0, r.onEvent);
    expect(store.create(CM, object('ns', 'a')).metadata.resourceVersion).toBe('1');
    expect(r.log).toEqual(['ADDED a@1']);
    expect(errors).toHaveLength(1);
  });

  it('replays from SQLite after a restart and then goes live', () => {
    const { path, cleanup } = tempDir();
    cleanups.push(cleanup);
    let store = open({ path });
    history(store);
    store.close();
    store = open({ path });
    const r = recorder();
    store.watch(CM, 3, r.onEvent);
    store.create(CM, object('ns', 'd'));
    expect(r.log).toEqual(['ADDED c@4', 'MODIFIED a@5', 'DELETED b@6', 'ADDED d@7']);
    expect(r.events[1].previous?.data).toEqual({ v: '1' });
  });
});

describe('compaction', () => {
  function compacting(minRetainedEvents: number, maxAgeMs: number) {
    const clock = { now: 0 };
    const store = open({ now: () => clock.now, compaction: { minRetainedEvents, maxAgeMs } });
    return { store, clock };
  }

  it.each([
    // 10 events written at t = 0..9 s; compaction at t = 20 s.
    { minRetainedEvents: 3, maxAgeMs: 100_000, compacted: 0 }, // all young
    { minRetainedEvents: 3, maxAgeMs: 15_000, compacted: 6 }, // t ≤ 5 s are old: revisions 1..6
    { minRetainedEvents: 8, maxAgeMs: 15_000, compacted: 2 }, // only 2 beyond the newest 8
    { minRetainedEvents: 0, maxAgeMs: 0, compacted: 10 },
    { minRetainedEvents: 20, maxAgeMs: 0, compacted: 0 },
  ])('keeps events young OR among the newest: min $minRetainedEvents, age $maxAgeMs → $compacted', (c) => {
    const { store, clock } = compacting(c.minRetainedEvents, c.maxAgeMs);
    for (let i = 0; i < 10; i++) {
      clock.now = i * 1000;
      store.create(CM, object('ns', `o${i}`));
    }
    clock.now = 20_000;
    expect(store.compact()).toBe(c.compacted);
    expect(store.compactedRevision()).toBe(c.compacted);
  });

  it('makes older watches fail with 410 Expired and keeps newer ones working', () => {
    const { store, clock } = compacting(2, 1000);
    for (let i = 0; i < 6; i++) store.create(CM, object('ns', `o${i}`));
    clock.now = 5000;
    expect(store.compact()).toBe(4);
    let err: unknown;
    try {
      store.watch(CM, 3, () => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StatusError);
    expect(err).toMatchObject({ code: 410, reason: 'Expired', message: 'too old resource version: 3 (4)' });
    const r = recorder();
    store.watch(CM, 4, r.onEvent);
    expect(r.log).toEqual(['ADDED o4@5', 'ADDED o5@6']);
    // Objects are untouched by compaction.
    expect(store.count(CM)).toBe(6);
  });

  it('deletes old rows but keeps those that current objects and retained events point at', () => {
    const { path, cleanup } = tempDir();
    cleanups.push(cleanup);
    const clock = { now: 0 };
    const store = open({
      path,
      now: () => clock.now,
      recentEvents: 1,
      compaction: { minRetainedEvents: 2, maxAgeMs: 10 },
    });
    store.create(CM, object('ns', 'a', { v: '1' })); // 1
    store.create(CM, object('ns', 'b', { v: '1' })); // 2
    store.update(CM, object('ns', 'a', { v: '2' })); // 3: a's current state
    store.update(CM, object('ns', 'b', { v: '2' })); // 4: previous is revision 2
    store.create(CM, object('ns', 'c')); // 5
    clock.now = 1000;
    expect(store.compact()).toBe(3);
    // Event 4 is replayed from SQLite (only one event is kept in memory) with its previous state,
    // whose row (revision 2) is older than the compacted revision.
    const r = recorder();
    store.watch(CM, 3, r.onEvent);
    expect(r.log).toEqual(['MODIFIED b@4', 'ADDED c@5']);
    expect(r.events[0].previous).toMatchObject({ data: { v: '1' }, metadata: { resourceVersion: '2' } });
    store.close();

    const db = new Database(path, { readonly: true });
    const rows = db.prepare('SELECT revision FROM events ORDER BY revision').pluck().all();
    db.close();
    expect(rows).toEqual([2, 3, 4, 5]);
    const reopened = open({ path });
    expect(reopened.get(CM, 'ns', 'a')?.data).toEqual({ v: '2' });
    expect(reopened.compactedRevision()).toBe(3);
  });

  it('runs periodically on the configured interval', async () => {
    const clock = { now: 0 };
    const store = open({
      now: () => clock.now,
      compaction: { minRetainedEvents: 0, maxAgeMs: 0, intervalMs: 5 },
    });
    store.create(CM, object('ns', 'a'));
    clock.now = 10;
    await expect.poll(() => store.compactedRevision(), { interval: 5, timeout: 5000 }).toBe(1);
  });
});
