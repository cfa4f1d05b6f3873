/**
 * @module controllers/runtime/queue
 * A work queue with client-go's guarantees: a key is never processed by two workers at once, keys added
 * while being processed are processed again afterwards, duplicates collapse, failed keys come back with
 * exponential backoff, and keys can be scheduled for later.
 */
import type { Clock } from './clock';

export interface WorkQueueOptions {
  clock: Clock;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
}

export class WorkQueue {
  // A ring of keys with a moving head: dequeue is O(1) even with tens of thousands of keys queued.
  private queue: string[] = [];
  private head = 0;
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly dirtyWhileProcessing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; cancel: () => void }>();
  private waiters: (() => void)[] = [];
  private shutDown = false;

  constructor(private readonly options: WorkQueueOptions) {}

  add(key: string): void {
    if (this.shutDown) return;
    if (this.processing.has(key)) {
      this.dirtyWhileProcessing.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.waiters.shift()?.();
  }

  /** Adds the key after `ms`; an earlier pending schedule for the key wins. */
  addAfter(key: string, ms: number): void {
    if (ms <= 0) return this.add(key);
    const at = this.options.clock.now().getTime() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.at <= at) return;
    existing?.cancel();
    const cancel = this.options.clock.setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { at, cancel });
  }

  /** Re-adds a failed key with exponential backoff. */
  addRateLimited(key: string): void {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    const base = this.options.baseBackoffMs ?? 5;
    const max = this.options.maxBackoffMs ?? 30_000;
    this.addAfter(key, Math.min(max, base * 2 ** (n - 1)));
  }

  forget(key: string): void {
    this.failures.delete(key);
  }

  /** Waits for the next key; undefined once shut down. */
  async get(): Promise<string | undefined> {
    while (this.length() === 0) {
      if (this.shutDown) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    const key = this.queue[this.head++];
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.queued.delete(key);
    this.processing.add(key);
    return key;
  }

  done(key: string): void {
    this.processing.delete(key);
    if (this.dirtyWhileProcessing.delete(key)) this.add(key);
  }

  length(): number {
    return this.queue.length - this.head;
  }

  /** True when nothing is queued or being processed (delayed keys do not count). */
  idle(): boolean {
    return this.length() === 0 && this.processing.size === 0;
  }

  shutdown(): void {
    this.shutDown = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}
