/**
 * @module storage/sqlite-store
 * The Store on SQLite: every current object parsed, deep-frozen and indexed in memory (gets and lists
 * never touch the disk), SQLite as the durable copy loaded at open, one global revision counter, and an
 * event log in both places (recent events in memory, the compaction window on disk).
 *
 * Objects returned by get/list/create/update/delete and carried by watch events are DEEP-FROZEN and
 * shared with the index: no copy per read (a 30k-object list is just an array of references). Callers
 * that change an object must structuredClone it first; mutating one throws a TypeError.
 *
 * Every write is synchronous and durable when it returns (appended to the journal with one write(2);
 * SQLite receives writes in batches, see database.ts); watchers are called right after that, before the
 * write returns. Writes cost O(1) apart from the JSON work; lists sort lazily (see object-index.ts).
 */
import { errors, type KubeObject } from '@sphere/shared';
import { compactionTarget, defaultCompactionPolicy, type CompactionPolicy } from './compaction';
import { StoreDatabase, type EventRow } from './database';
import { RecentEvents, WatchHub } from './event-log';
import { frozenJsonCopy, parseFrozen, withRevision } from './frozen';
import { hiddenKeys, keysAt, namespaceRange, overlayAt, pageOf } from './list';
import { ObjectIndex, objectKey } from './object-index';
import type { ListOptions, ListResult, Store, StoreEvent, StoreEventType, WatchSubscription } from './types';

export interface SqliteStoreConfig {
  /** `<dataDir>/cluster.db`, or ':memory:' for tests. */
  path: string;
  /** Event retention; see compaction.ts. `intervalMs` 0 disables the periodic run (call compact()). */
  compaction?: Partial<CompactionPolicy> & { intervalMs?: number };
  /** Clock for event ages (ms since epoch). */
  now?: () => number;
  /** How many recent events to keep in memory for watch replay and consistent lists (default 4096). */
  recentEvents?: number;
  /** How long acknowledged writes collect before SQLite commits them (default 10 ms; see database.ts). */
  batchDelayMs?: number;
  /** A watch callback threw (callbacks must not throw; the store keeps delivering to others). */
  onWatcherError?: (err: unknown, event: StoreEvent) => void;
}

/** The Store plus what tests and the server's housekeeping need. */
export interface SqliteStore extends Store {
  /** Deletes events outside the retention window now; returns the new compacted revision. */
  compact(): number;
}

const DEFAULT_COMPACTION_INTERVAL_MS = 30_000;
/**
 * A periodic run deletes at most this many rows (~20 ms of work) so that it never stalls the event loop
 * for long; while rows are left over, runs follow each other after BACKLOG_DELAY_MS.
 */
const PERIODIC_COMPACTION_MAX_ROWS = 5_000;
const BACKLOG_DELAY_MS = 100;

const LIST_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new ' +
  'list without the continue parameter, or use the continue token in this response to retrieve the ' +
  'remainder of the results. Continuing with the provided token results in an inconsistent list - objects ' +
  'that were created, modified, or deleted between the time the first chunk was returned and now may show ' +
  'up in the list.';

/** `apps/deployments` → group `apps`, resource `deployments` (`/pods` → core group ''). */
export function resourceOfStorageKey(storageKey: string): { group: string; resource: string } {
  const slash = storageKey.lastIndexOf('/');
  return slash < 0
    ? { group: '', resource: storageKey }
    : { group: storageKey.slice(0, slash), resource: storageKey.slice(slash + 1) };
}

/** Opens (or creates) the store at `config.path` and loads every object into memory. */
export function createSqliteStore(config: SqliteStoreConfig): SqliteStore {
  return new SqliteStoreImpl(config);
}

class SqliteStoreImpl implements SqliteStore {
  private readonly db: StoreDatabase;
  private readonly indexes = new Map<string, ObjectIndex>();
  private readonly recent: RecentEvents;
  private readonly hub: WatchHub;
  private readonly policy: CompactionPolicy;
  private readonly now: () => number;
  private readonly compactionIntervalMs: number;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private currentRevision: number;
  private compacted: number;
  /** The last compaction stopped at its row limit: more rows are waiting to be deleted. */
  private compactionBacklog = true;

  constructor(config: SqliteStoreConfig) {
    this.now = config.now ?? Date.now;
    this.policy = {
      minRetainedEvents: config.compaction?.minRetainedEvents ?? defaultCompactionPolicy.minRetainedEvents,
      maxAgeMs: config.compaction?.maxAgeMs ?? defaultCompactionPolicy.maxAgeMs,
    };
    this.recent = new RecentEvents(config.recentEvents ?? 4096);
    this.hub = new WatchHub(
      config.onWatcherError ??
        ((err, event) => console.error(`storage: watch callback failed at revision ${event.revision}`, err)),
    );
    this.db = new StoreDatabase(config.path, { batchDelayMs: config.batchDelayMs });
    try {
      this.currentRevision = this.db.lastRevision();
      this.compacted = this.db.compactedRevision();
      for (const row of this.db.objects()) {
        const object = parseFrozen(row.json);
        this.indexOf(row.storage_key).set(row.namespace, row.name, { object, revision: row.revision });
      }
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.compactionIntervalMs = config.compaction?.intervalMs ?? DEFAULT_COMPACTION_INTERVAL_MS;
    if (this.compactionIntervalMs > 0) this.scheduleCompaction(this.compactionIntervalMs);
  }

  revision(): number {
    return this.currentRevision;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  get(storageKey: string, namespace: string, name: string): KubeObject | undefined {
    return this.indexes.get(storageKey)?.get(objectKey(namespace, name))?.object;
  }

  count(storageKey: string, namespace?: string): number {
    return this.indexes.get(storageKey)?.count(namespace) ?? 0;
  }

  list(storageKey: string, options: ListOptions = {}): ListResult {
    const index = this.indexes.get(storageKey) ?? new ObjectIndex();
    const at = options.atRevision;
    if (at !== undefined && at < this.compacted) throw errors.expired(LIST_TOO_OLD);
    if (at === undefined || at >= this.currentRevision) {
      const keys = index.sortedKeys();
      const resolve = (key: string) => index.get(key)?.object;
      const page = pageOf(keys, namespaceRange(keys, options.namespace), resolve, options);
      return { ...page, revision: this.currentRevision };
    }
    const overlay = overlayAt(this.eventsAfter(storageKey, at, this.currentRevision));
    const keys = keysAt(index.sortedKeys(), overlay, (key) => index.has(key));
    const resolve = (key: string) => {
      const past = overlay.get(key);
      return past === undefined ? index.get(key)?.object : (past ?? undefined);
    };
    const hidden = hiddenKeys(overlay, (key) => index.has(key));
    const page = pageOf(keys, namespaceRange(keys, options.namespace), resolve, options, hidden);
    return { ...page, revision: at };
  }

  create(storageKey: string, obj: KubeObject): KubeObject {
    const { namespace, name } = keyOf(obj);
    const index = this.indexOf(storageKey);
    if (index.has(objectKey(namespace, name))) {
      const { group, resource } = resourceOfStorageKey(storageKey);
      throw errors.alreadyExists(resource, group, name);
    }
    return this.write('ADDED', storageKey, namespace, name, obj);
  }

  update(storageKey: string, obj: KubeObject, expectedRevision?: number): KubeObject {
    const { namespace, name } = keyOf(obj);
    this.existing(storageKey, namespace, name, expectedRevision);
    return this.write('MODIFIED', storageKey, namespace, name, obj);
  }

  delete(storageKey: string, namespace: string, name: string, expectedRevision?: number): KubeObject {
    const stored = this.existing(storageKey, namespace, name, expectedRevision);
    return this.write('DELETED', storageKey, namespace, name, stored);
  }

  watch(storageKey: string, fromRevision: number, onEvent: (event: StoreEvent) => void): WatchSubscription {
    if (fromRevision < this.compacted) {
      throw errors.expired(`too old resource version: ${fromRevision} (${this.compacted})`);
    }
    // Replay reads up to the live revision lazily, so events committed by callbacks during the replay are
    // part of it; the hub drops any revision a watcher already has.
    const replay = this.eventsAfter(storageKey, fromRevision, () => this.currentRevision);
    const stop = this.hub.subscribe(storageKey, fromRevision, onEvent, replay);
    return { stop };
  }

  compact(): number {
    return this.compactUpTo(Number.MAX_SAFE_INTEGER);
  }

  /** Moves the compacted revision per the policy and deletes at most `maxRows` unreachable rows. */
  private compactUpTo(maxRows: number): number {
    const target = compactionTarget(
      this.policy,
      this.currentRevision,
      this.compacted,
      this.now(),
      (revision) => this.db.eventAtOrAfter(revision)?.created_at,
    );
    // Rows only become unreachable when the compacted revision passes the events pointing at them, so
    // there is nothing to delete unless the target moved or a bounded run left rows behind.
    if (target === this.compacted && !this.compactionBacklog) return this.compacted;
    // Forget in memory first: from here on no watch or list may start at or below the target.
    this.compacted = target;
    this.recent.dropThrough(target);
    const deleted = this.db.compactThrough(target, this.currentRevision, maxRows);
    this.compactionBacklog = deleted >= maxRows;
    return this.compacted;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.hub.clear();
    this.db.close();
  }

  private scheduleCompaction(delayMs: number): void {
    this.timer = setTimeout(() => this.runPeriodicCompaction(), delayMs);
    this.timer.unref();
  }

  private runPeriodicCompaction(): void {
    if (this.closed) return;
    try {
      this.compactUpTo(PERIODIC_COMPACTION_MAX_ROWS);
    } catch (err) {
      console.error('storage: compaction failed', err);
    }
    this.scheduleCompaction(this.compactionBacklog ? BACKLOG_DELAY_MS : this.compactionIntervalMs);
  }

  private indexOf(storageKey: string): ObjectIndex {
    let index = this.indexes.get(storageKey);
    if (!index) this.indexes.set(storageKey, (index = new ObjectIndex()));
    return index;
  }

  /** The stored object for an update or delete, after the NotFound and Conflict checks. */
  private existing(
    storageKey: string,
    namespace: string,
    name: string,
    expectedRevision?: number,
  ): KubeObject {
    const entry = this.indexes.get(storageKey)?.get(objectKey(namespace, name));
    const { group, resource } = resourceOfStorageKey(storageKey);
    if (!entry) throw errors.notFound(resource, group, name);
    if (expectedRevision !== undefined && expectedRevision !== entry.revision) {
      throw errors.conflict(resource, group, name);
    }
    return entry.object;
  }

  /** Makes one change durable, then updates memory and notifies watchers. */
  private write(
    type: StoreEventType,
    storageKey: string,
    namespace: string,
    name: string,
    obj: KubeObject,
  ): KubeObject {
    const revision = this.currentRevision + 1;
    const index = this.indexOf(storageKey);
    const key = objectKey(namespace, name);
    const before = index.get(key);
    const stamped = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(revision) } };
    const row: EventRow = {
      revision,
      type,
      storage_key: storageKey,
      namespace,
      name,
      prev_revision: before?.revision ?? null,
      object: JSON.stringify(stamped),
    };
    // Memory changes only after the write is durable, so a failed write leaves no trace.
    this.db.append(row, this.now());
    this.currentRevision = revision;
    const previous = before?.object;
    // A deletion's object is the frozen previous state with the new revision: nothing to copy.
    const object =
      type === 'DELETED' && previous ? withRevision(previous, revision) : frozenJsonCopy(stamped);
    if (type === 'DELETED') index.delete(namespace, name);
    else index.set(namespace, name, { object, revision });
    const event: StoreEvent = { type, revision, storageKey, namespace, name, object };
    if (previous) event.previous = previous;
    this.recent.push(Object.freeze(event));
    this.hub.publish(event);
    return object;
  }

  /**
   * Events of `storageKey` (or all, for '*') with fromRevision < revision ≤ until, oldest first: from
   * the in-memory window when it reaches back far enough, from SQLite (in chunks) for the older part.
   */
  private *eventsAfter(
    storageKey: string,
    fromRevision: number,
    until: number | (() => number),
  ): Generator<StoreEvent> {
    const last = typeof until === 'number' ? () => until : until;
    let next = fromRevision + 1;
    while (next <= last()) {
      const oldestInMemory = this.recent.oldestRevision() ?? this.currentRevision + 1;
      if (next >= oldestInMemory) {
        const event = this.recent.at(next);
        next++;
        if (event && (storageKey === '*' || event.storageKey === storageKey)) yield event;
        continue;
      }
      const rows = this.db.eventsChunk(storageKey, next - 1, oldestInMemory);
      if (rows.length === 0) {
        next = oldestInMemory;
        continue;
      }
      for (const row of rows) if (row.revision <= last()) yield eventFromRow(row);
      next = rows[rows.length - 1].revision + 1;
    }
  }
}

function keyOf(obj: KubeObject): { namespace: string; name: string } {
  const name = obj.metadata?.name;
  if (!name) throw errors.internal('storage: object has no metadata.name');
  return { namespace: obj.metadata.namespace ?? '', name };
}

function eventFromRow(row: EventRow): StoreEvent {
  const event: StoreEvent = {
    type: row.type,
    revision: row.revision,
    storageKey: row.storage_key,
    namespace: row.namespace,
    name: row.name,
    object: parseFrozen(row.object),
  };
  if (row.previous) event.previous = parseFrozen(row.previous);
  return event;
}
