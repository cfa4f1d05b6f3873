import { afterEach, describe, expect, it } from 'vitest';
import { StoreDatabase, type EventRow } from './database';

const dbs: StoreDatabase[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function open(): StoreDatabase {
  const db = new StoreDatabase(':memory:');
  dbs.push(db);
  return db;
}

function event(revision: number, type: EventRow['type'], name: string, prev: number | null): EventRow {
  return {
    revision,
    type,
    storage_key: '/configmaps',
    namespace: 'ns',
    name,
    prev_revision: prev,
    object: JSON.stringify({ metadata: { name, resourceVersion: String(revision) } }),
  };
}

/** a: 1 ADDED, 3 MODIFIED, 5 MODIFIED; b: 2 ADDED, 4 DELETED; c: 6 ADDED. */
function seed(db: StoreDatabase): void {
  const rows = [
    event(1, 'ADDED', 'a', null),
    event(2, 'ADDED', 'b', null),
    event(3, 'MODIFIED', 'a', 1),
    event(4, 'DELETED', 'b', 2),
    event(5, 'MODIFIED', 'a', 3),
    event(6, 'ADDED', 'c', null),
  ];
  for (const row of rows) db.append(row, row.revision);
  db.flush();
}

function revisions(db: StoreDatabase): number[] {
  return db.eventsChunk('*', -1, 100).map((r) => r.revision);
}

describe('StoreDatabase.compactThrough', () => {
  it.each([
    // Kept: current objects' rows (a@5, c@6) and rows that events after the cutoff point at.
    { through: 2, kept: [1, 2, 3, 4, 5, 6] }, // 3 → 1, 4 → 2
    { through: 3, kept: [2, 3, 4, 5, 6] }, // 1 only pointed at by 3, which is compacted
    { through: 4, kept: [3, 5, 6] }, // 5 → 3; the deletion 4 is pointed at by nothing
    { through: 5, kept: [5, 6] },
    { through: 6, kept: [5, 6] },
  ])('through $through keeps $kept', ({ through, kept }) => {
    const db = open();
    seed(db);
    db.compactThrough(through, 6);
    expect(revisions(db)).toEqual(kept);
    expect(db.compactedRevision()).toBe(through);
    expect(db.lastRevision()).toBe(6);
  });

  it('deletes at most maxRows per call and finishes on the next', () => {
    const db = open();
    seed(db);
    expect(db.compactThrough(6, 6, 3)).toBe(3);
    expect(revisions(db)).toHaveLength(3);
    expect(db.compactThrough(6, 6, 3)).toBe(1);
    expect(revisions(db)).toEqual([5, 6]);
    expect(db.compactThrough(6, 6, 3)).toBe(0);
  });

  it('reads events back with the previous state joined in', () => {
    const db = open();
    seed(db);
    const [modified] = db.eventsChunk('/configmaps', 2, 4);
    expect(modified).toMatchObject({ revision: 3, type: 'MODIFIED', prev_revision: 1 });
    expect(JSON.parse(modified.previous ?? 'null')).toEqual({
      metadata: { name: 'a', resourceVersion: '1' },
    });
    expect(db.eventsChunk('/secrets', 0, 100)).toEqual([]);
    expect([...db.objects()].map((o) => [o.name, o.revision])).toEqual([
      ['a', 5],
      ['c', 6],
    ]);
  });
});
