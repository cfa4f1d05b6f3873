import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRow } from './database';
import { decodeJournal, encodeRecord } from './journal';
import { createSqliteStore, type SqliteStore } from './sqlite-store';
import { object, tempDir } from './test-helpers';

const CM = '/configmaps';

function row(revision: number, object = '{"metadata":{"name":"a"}}'): EventRow {
  return {
    revision,
    type: revision === 1 ? 'ADDED' : 'MODIFIED',
    storage_key: CM,
    namespace: 'ns',
    name: 'a',
    prev_revision: revision === 1 ? null : revision - 1,
    object,
  };
}

describe('journal records', () => {
  it('round-trips records, including JSON with tabs and newlines in strings', () => {
    const records = [
      { row: row(1), createdAt: 10 },
      {
        row: row(2, JSON.stringify({ metadata: { name: 'a' }, data: { x: 'tab\there\nnewline' } })),
        createdAt: 11,
      },
    ];
    const text = records.map(encodeRecord).join('');
    expect(text.split('\n')).toHaveLength(3);
    expect(decodeJournal(text)).toEqual(records);
  });

  it.each([
    {
      case: 'an incomplete last line (a write cut short)',
      tail: '[3,12,"MODIFIED","/configmaps","ns","a",2]\t{"meta',
    },
    { case: 'a line without a tab', tail: 'garbage\n' },
    { case: 'a damaged head', tail: '[3,12,"MODIF\t{}\n' },
    { case: 'a damaged object', tail: '[3,12,"MODIFIED","/configmaps","ns","a",2]\t{"metadata":\n' },
  ])('stops at $case', ({ tail }) => {
    const good = [1, 2].map((r) => encodeRecord({ row: row(r), createdAt: r }));
    const decoded = decodeJournal(good.join('') + tail + encodeRecord({ row: row(4), createdAt: 4 }));
    expect(decoded.map((r) => r.row.revision)).toEqual([1, 2]);
  });
});

describe('recovery from the journal', () => {
  const cleanups: (() => void)[] = [];
  const stores: SqliteStore[] = [];
  afterEach(() => {
    stores.splice(0).forEach((s) => s.close());
    cleanups.splice(0).forEach((c) => c());
  });

  /**
   * Copies the database, its WAL and the journal as they are on disk right now: exactly what a process
   * killed at this point leaves behind (writes are synchronous, so no write is half done).
   */
  function crashImage(path: string, dir: string, name: string): string {
    const copy = join(dir, name);
    for (const suffix of ['', '-wal', '.acklog']) {
      if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
    }
    return copy;
  }

  function setup() {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const store = createSqliteStore({ path: t.path, compaction: { intervalMs: 0 } });
    stores.push(store);
    return { ...t, store };
  }

  function reopen(path: string): SqliteStore {
    const store = createSqliteStore({ path, compaction: { intervalMs: 0 } });
    stores.push(store);
    return store;
  }

  it('restores writes that were acknowledged but not yet committed to SQLite', () => {
    const { dir, path, store } = setup();
    store.create(CM, object('ns', 'a', { v: '1' }));
    store.create(CM, object('ns', 'b'));
    store.update(CM, object('ns', 'a', { v: '2' }));
    store.delete(CM, 'ns', 'b');
    // No event-loop turn yet: the batch is pending, only the journal has these writes.
    expect(statSync(`${path}.acklog`).size).toBeGreaterThan(0);
    const recovered = reopen(crashImage(path, dir, 'crash.db'));
    expect(recovered.revision()).toBe(4);
    expect(recovered.get(CM, 'ns', 'a')).toMatchObject({
      data: { v: '2' },
      metadata: { resourceVersion: '3' },
    });
    expect(recovered.get(CM, 'ns', 'b')).toBeUndefined();
    const replayed: string[] = [];
    recovered.watch(CM, 0, (e) =>
      replayed.push(`${e.type} ${e.name} ${e.previous?.metadata.resourceVersion}`),
    );
    expect(replayed).toEqual(['ADDED a undefined', 'ADDED b undefined', 'MODIFIED a 1', 'DELETED b 2']);
    // The journal is emptied once its records are in SQLite.
    expect(readFileSync(join(dir, 'crash.db.acklog'), 'utf8')).toBe('');
  });

  it('skips journal records SQLite already committed and ignores a torn tail', async () => {
    const { dir, path, store } = setup();
    store.create(CM, object('ns', 'a'));
    store.create(CM, object('ns', 'b'));
    const journalBeforeCommit = readFileSync(`${path}.acklog`);
    // The batch commits after its delay and the journal empties.
    await expect.poll(() => statSync(`${path}.acklog`).size, { interval: 5, timeout: 10_000 }).toBe(0);
    store.create(CM, object('ns', 'c'));
    const copy = crashImage(path, dir, 'crash.db');
    // As if killed between the SQLite commit and the journal reset, in the middle of another append.
    const tail = readFileSync(`${copy}.acklog`);
    writeFileSync(
      `${copy}.acklog`,
      Buffer.concat([journalBeforeCommit, tail, Buffer.from('[4,1,"ADDED","/con')]),
    );
    const recovered = reopen(copy);
    expect(recovered.revision()).toBe(3);
    expect(recovered.list(CM).items.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c']);
    expect(recovered.create(CM, object('ns', 'd')).metadata.resourceVersion).toBe('4');
  });
});
