/**
 * @module storage/database
 * The durable half of the store: one SQLite file holding the current objects, the event log, and two
 * counters, plus the journal (journal.ts) that acknowledges writes before SQLite has them.
 *
 * Group commit: a write is durable once its journal line is written; SQLite receives the writes in
 * batches (one transaction per `batchDelayMs`, or every `maxBatch` writes), each batch appending the
 * events and changing the object rows together, so the objects table and the event log always agree.
 * A committed SQLite transaction per write would cost ~100 µs for 3 KB objects on this class of disk;
 * a journal append costs a few µs. Every read of the database flushes the pending batch first.
 *
 * SQLite runs in WAL mode with synchronous=NORMAL and an exclusive lock (one process owns the file).
 */
import Database from 'better-sqlite3';
import { encodeRecord, Journal, type JournalRecord } from './journal';
import type { StoreEventType } from './types';

export interface ObjectRow {
  storage_key: string;
  namespace: string;
  name: string;
  revision: number;
  json: string;
}

export interface EventRow {
  revision: number;
  type: StoreEventType;
  storage_key: string;
  namespace: string;
  name: string;
  /** Revision of the state before this change (MODIFIED and DELETED), else null. */
  prev_revision: number | null;
  /** The new state as JSON; for DELETED, the last state carrying the deletion revision. */
  object: string;
  /** When read back: the JSON of the state at prev_revision. */
  previous?: string | null;
}

/*
 * Every JSON document is stored once, in the event that produced it: an object row only points at the
 * event holding its current state, and an event points at the event holding its previous state.
 * Compaction therefore keeps, besides the window, the events that current objects or retained events
 * point at (see compactThrough). A write inserts one large row instead of three.
 * created_at and prev_revision sit before the JSON so that reading them never walks overflow pages.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS objects (
  storage_key TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  revision INTEGER NOT NULL,
  PRIMARY KEY (storage_key, namespace, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  revision INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  prev_revision INTEGER,
  type TEXT NOT NULL,
  storage_key TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  object TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_resource ON events (storage_key, revision);
`;

/** Meta keys. `revision_floor` keeps the counter when compaction has removed the newest events' rows. */
const COMPACTED = 'compacted_revision';
const FLOOR = 'revision_floor';
const SCHEMA_VERSION = 'schema_version';

/** Rows fetched per query when replaying from disk, so a replay never holds the whole log in memory. */
const REPLAY_CHUNK = 1000;

/** Rows deleted per transaction by compaction. */
const DELETE_CHUNK = 10_000;

const EVENT_COLUMNS = `e.revision, e.type, e.storage_key, e.namespace, e.name, e.prev_revision, e.object,
  p.object AS previous`;

function prepareStatements(db: Database.Database) {
  return {
    getMeta: db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, number]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    maxEvent: db.prepare<[], { r: number | null }>('SELECT max(revision) AS r FROM events'),
    maxObject: db.prepare<[], { r: number | null }>('SELECT max(revision) AS r FROM objects'),
    allObjects: db.prepare<[], ObjectRow>(
      `SELECT o.storage_key, o.namespace, o.name, o.revision, e.object AS json
       FROM objects o JOIN events e ON e.revision = o.revision`,
    ),
    insertEvent: db.prepare<[number, number, number | null, string, string, string, string, string]>(
      `INSERT INTO events (revision, created_at, prev_revision, type, storage_key, namespace, name, object)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertObject: db.prepare<[string, string, string, number]>(
      `INSERT INTO objects (storage_key, namespace, name, revision) VALUES (?, ?, ?, ?)
       ON CONFLICT (storage_key, namespace, name) DO UPDATE SET revision = excluded.revision`,
    ),
    deleteObject: db.prepare<[string, string, string]>(
      'DELETE FROM objects WHERE storage_key = ? AND namespace = ? AND name = ?',
    ),
    eventsAll: db.prepare<[number, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN events p ON p.revision = e.prev_revision
       WHERE e.revision > ? AND e.revision < ? ORDER BY e.revision LIMIT ?`,
    ),
    eventsOf: db.prepare<[string, number, number, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events e LEFT JOIN events p ON p.revision = e.prev_revision
       WHERE e.storage_key = ? AND e.revision > ? AND e.revision < ? ORDER BY e.revision LIMIT ?`,
    ),
    createdAtFrom: db.prepare<[number], { revision: number; created_at: number }>(
      'SELECT revision, created_at FROM events WHERE revision >= ? ORDER BY revision LIMIT 1',
    ),
    // Events up to the compacted revision that neither a current object nor a later event points at.
    unreachable: db
      .prepare<[number, number, number, number], number>(
        `SELECT revision FROM events WHERE revision <= ?
           AND revision NOT IN (SELECT revision FROM objects)
           AND revision NOT IN (SELECT prev_revision FROM events WHERE revision > ? AND prev_revision <= ?)
         ORDER BY revision LIMIT ?`,
      )
      .pluck(),
    deleteEvent: db.prepare<[number]>('DELETE FROM events WHERE revision = ?'),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

export interface StoreDatabaseOptions {
  /** Writes per SQLite transaction at most (default 256); a batch also ends after `batchDelayMs`. */
  maxBatch?: number;
  /**
   * How long writes collect before a batch commits (default 10 ms). A commit costs ~100 µs however
   * small it is, so committing every write alone would cost far more than the writes themselves; the
   * delay does not weaken durability (the journal has every acknowledged write).
   */
  batchDelayMs?: number;
  /** A deferred batch failed to commit; it stays pending (and journaled) and is retried. */
  onFlushError?: (err: unknown) => void;
}

export class StoreDatabase {
  private readonly db: Database.Database;
  private readonly stmt: Statements;
  private readonly journal?: Journal;
  private readonly commit: (records: JournalRecord[]) => void;
  private readonly maxBatch: number;
  private readonly batchDelayMs: number;
  private readonly onFlushError: (err: unknown) => void;
  private pending: JournalRecord[] = [];
  private flushScheduled?: ReturnType<typeof setTimeout>;

  constructor(path: string, options: StoreDatabaseOptions = {}) {
    this.maxBatch = options.maxBatch ?? 256;
    this.batchDelayMs = options.batchDelayMs ?? 10;
    this.onFlushError =
      options.onFlushError ??
      ((err) => console.error('storage: committing a batch to SQLite failed (will retry)', err));
    this.db = new Database(path);
    try {
      // 16 KB pages hold several 3 KB objects each: batched inserts measured ~3x faster than with 4 KB
      // pages. Only takes effect when the file is created (before WAL mode is set).
      this.db.pragma('page_size = 16384');
      // One process owns the file: no shared-memory locking per transaction.
      this.db.pragma('locking_mode = EXCLUSIVE');
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      // Checkpoint (the only fsync) every ~40 MB of WAL, and shrink the WAL file back afterwards.
      this.db.pragma('wal_autocheckpoint = 2500');
      this.db.pragma('journal_size_limit = 67108864');
      this.db.exec(SCHEMA);
      this.stmt = prepareStatements(this.db);
      // With WAL and locking_mode EXCLUSIVE the first access already locks the file for good; writing
      // here makes sure of it before the journal is touched, so a second process opening the same file
      // fails (database is locked) instead of sharing the journal.
      this.stmt.setMeta.run(SCHEMA_VERSION, 1);
      const s = this.stmt;
      this.commit = this.db.transaction((records: JournalRecord[]) => {
        for (const { row, createdAt } of records) {
          const { storage_key: sk, namespace: ns, name } = row;
          s.insertEvent.run(row.revision, createdAt, row.prev_revision, row.type, sk, ns, name, row.object);
          if (row.type === 'DELETED') s.deleteObject.run(sk, ns, name);
          else s.upsertObject.run(sk, ns, name, row.revision);
        }
      });
      if (isFilePath(path)) {
        const { journal, leftover } = Journal.open(`${path}.acklog`);
        this.journal = journal;
        const committed = this.lastRevision();
        const missing = leftover.filter((r) => r.row.revision > committed);
        if (missing.length > 0) this.commit(missing);
        journal.reset();
      }
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** Makes one write durable (journal) and queues it for SQLite. */
  append(row: EventRow, createdAt: number): void {
    const record = { row, createdAt };
    this.journal?.append(encodeRecord(record));
    this.pending.push(record);
    // The write is durable now; a failing SQLite commit must not make it look failed to the caller.
    if (this.pending.length >= this.maxBatch) this.flushReportingErrors();
    else if (!this.flushScheduled) {
      this.flushScheduled = setTimeout(() => {
        this.flushScheduled = undefined;
        this.flushReportingErrors();
      }, this.batchDelayMs);
    }
  }

  private flushReportingErrors(): void {
    try {
      this.flush();
    } catch (err) {
      this.onFlushError(err);
    }
  }

  /** Commits every pending write to SQLite now and empties the journal. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.commit(this.pending);
    this.pending = [];
    this.journal?.reset();
  }

  /** The highest revision ever written (0 for a new database). */
  lastRevision(): number {
    this.flush();
    return Math.max(
      this.stmt.maxEvent.get()?.r ?? 0,
      this.stmt.maxObject.get()?.r ?? 0,
      this.meta(FLOOR),
      this.meta(COMPACTED),
    );
  }

  compactedRevision(): number {
    return this.meta(COMPACTED);
  }

  /** Every current object, streamed (no other statement may run until the iteration ends). */
  objects(): IterableIterator<ObjectRow> {
    this.flush();
    return this.stmt.allObjects.iterate();
  }

  /**
   * Events with `after < revision < before`, oldest first, at most one chunk; the caller continues from
   * the last revision returned. Returns [] when nothing is left.
   */
  eventsChunk(storageKey: string, after: number, before: number): EventRow[] {
    this.flush();
    return storageKey === '*'
      ? this.stmt.eventsAll.all(after, before, REPLAY_CHUNK)
      : this.stmt.eventsOf.all(storageKey, after, before, REPLAY_CHUNK);
  }

  /** The first event at or after `revision`, with its write time. */
  eventAtOrAfter(revision: number): { revision: number; created_at: number } | undefined {
    this.flush();
    return this.stmt.createdAtFrom.get(revision);
  }

  /**
   * Makes `through` the compacted revision (and records the current revision, in case the newest rows
   * go), then deletes at most `maxRows` of the rows that became unreachable: those up to `through` that
   * neither a current object nor a later event points at. The revision is recorded before any row goes,
   * so a crash in between leaves rows to delete next time, never a watchable gap. Rows kept earlier are
   * reconsidered every time. Returns how many rows were deleted.
   */
  compactThrough(through: number, currentRevision: number, maxRows = Number.MAX_SAFE_INTEGER): number {
    this.flush();
    this.db.transaction(() => {
      this.stmt.setMeta.run(COMPACTED, Math.max(through, this.meta(COMPACTED)));
      this.stmt.setMeta.run(FLOOR, currentRevision);
    })();
    const doomed = this.stmt.unreachable.all(through, through, through, maxRows);
    const deleteChunk = this.db.transaction((revisions: number[]) => {
      for (const revision of revisions) this.stmt.deleteEvent.run(revision);
    });
    for (let i = 0; i < doomed.length; i += DELETE_CHUNK) deleteChunk(doomed.slice(i, i + DELETE_CHUNK));
    return doomed.length;
  }

  /** Commits what is pending and closes the database and the journal (again: no-op). */
  close(): void {
    if (this.flushScheduled) clearTimeout(this.flushScheduled);
    this.flushScheduled = undefined;
    if (!this.db.open) return;
    try {
      this.flush();
    } finally {
      this.db.close();
      this.journal?.close();
    }
  }

  private meta(key: string): number {
    return this.stmt.getMeta.get(key)?.value ?? 0;
  }
}

function isFilePath(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}
