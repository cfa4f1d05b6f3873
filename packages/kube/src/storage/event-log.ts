/**
 * @module storage/event-log
 * The in-memory side of the event log: a window of the most recent events (revisions are contiguous,
 * one event per revision, so finding an event is arithmetic) and the watchers that receive them.
 *
 * Delivery is serialized through one queue: an event published while another is being delivered (a
 * callback that writes) waits until the current one reached every watcher, and a watcher never receives
 * a revision it already had. Replay and live delivery therefore form one gap-free, duplicate-free,
 * ordered stream per watcher.
 */
import type { StoreEvent } from './types';

/** The newest `capacity` events, oldest first. */
export class RecentEvents {
  private events: StoreEvent[] = [];
  private start = 0;

  constructor(private readonly capacity: number) {}

  /** Revision of the oldest event held, or undefined when empty. */
  oldestRevision(): number | undefined {
    return this.start < this.events.length ? this.events[this.start].revision : undefined;
  }

  push(event: StoreEvent): void {
    const oldest = this.oldestRevision();
    // A non-contiguous revision (cannot happen in normal operation) resets the window rather than
    // letting `at()` return the wrong event.
    if (oldest !== undefined && event.revision !== oldest + this.length()) this.clear();
    this.events.push(event);
    if (this.length() > this.capacity) this.start++;
    // Drop the consumed prefix now and then so the backing array does not grow forever.
    if (this.start > 1024 && this.start * 2 > this.events.length) {
      this.events = this.events.slice(this.start);
      this.start = 0;
    }
  }

  /** The event with this revision, if held. */
  at(revision: number): StoreEvent | undefined {
    const oldest = this.oldestRevision();
    if (oldest === undefined || revision < oldest) return undefined;
    return this.events[this.start + revision - oldest];
  }

  /** Forgets events up to and including `revision` (they were compacted). */
  dropThrough(revision: number): void {
    const oldest = this.oldestRevision();
    if (oldest === undefined || revision < oldest) return;
    this.start = Math.min(this.events.length, this.start + revision - oldest + 1);
  }

  clear(): void {
    this.events = [];
    this.start = 0;
  }

  private length(): number {
    return this.events.length - this.start;
  }
}

interface Watcher {
  storageKey: string;
  onEvent: (event: StoreEvent) => void;
  /** Highest revision delivered (or the starting revision). */
  delivered: number;
  stopped: boolean;
}

/** Fans events out to watchers of one storageKey or of all ('*'). */
export class WatchHub {
  private readonly byKey = new Map<string, Set<Watcher>>();
  private readonly queue: StoreEvent[] = [];
  private delivering = false;

  constructor(private readonly onCallbackError: (err: unknown, event: StoreEvent) => void) {}

  /** Number of active watchers (for tests and metrics). */
  count(): number {
    let n = 0;
    for (const set of this.byKey.values()) n += set.size;
    return n;
  }

  /**
   * Registers a watcher starting after `fromRevision`, delivers `replay` (events after fromRevision
   * read lazily so that events committed during the replay are included), then leaves it live.
   */
  subscribe(
    storageKey: string,
    fromRevision: number,
    onEvent: (event: StoreEvent) => void,
    replay: Iterable<StoreEvent>,
  ): () => void {
    const watcher: Watcher = { storageKey, onEvent, delivered: fromRevision, stopped: false };
    let set = this.byKey.get(storageKey);
    if (!set) this.byKey.set(storageKey, (set = new Set()));
    set.add(watcher);
    const stop = () => {
      watcher.stopped = true;
      const current = this.byKey.get(storageKey);
      current?.delete(watcher);
      if (current?.size === 0) this.byKey.delete(storageKey);
    };
    const outer = this.delivering;
    this.delivering = true;
    try {
      for (const event of replay) {
        if (watcher.stopped) break;
        this.deliver(watcher, event);
      }
    } catch (err) {
      stop();
      throw err;
    } finally {
      this.delivering = outer;
    }
    if (!outer) this.drain();
    return stop;
  }

  /** Delivers a committed event to every interested watcher (now, or after the current delivery). */
  publish(event: StoreEvent): void {
    this.queue.push(event);
    this.drain();
  }

  /** Stops every watcher. */
  clear(): void {
    for (const set of this.byKey.values()) for (const w of set) w.stopped = true;
    this.byKey.clear();
  }

  private drain(): void {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        const event = this.queue[i];
        this.deliverAll(this.byKey.get(event.storageKey), event);
        this.deliverAll(this.byKey.get('*'), event);
      }
    } finally {
      this.queue.length = 0;
      this.delivering = false;
    }
  }

  private deliverAll(watchers: Set<Watcher> | undefined, event: StoreEvent): void {
    if (watchers) for (const w of watchers) this.deliver(w, event);
  }

  private deliver(watcher: Watcher, event: StoreEvent): void {
    if (watcher.stopped || event.revision <= watcher.delivered) return;
    watcher.delivered = event.revision;
    try {
      watcher.onEvent(event);
    } catch (err) {
      this.onCallbackError(err, event);
    }
  }
}
