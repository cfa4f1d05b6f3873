/**
 * @module controllers/queue
 * A keyed work queue: each key is reconciled by one worker at a time, repeated requests while queued are
 * merged, failures are retried with backoff. Controllers on two replicas may reconcile the same key; the
 * reconcile functions are idempotent and treat 409s as "a peer got there first".
 */

export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();
  private readonly failures = new Map<string, number>();
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly name: string,
    private readonly reconcile: (key: string) => Promise<void>,
    private readonly log: (line: string) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    if (this.pending.has(key)) return;
    this.pending.add(key);
    queueMicrotask(() => void this.run(key));
  }

  stop(): void {
    this.stopped = true;
  }

  /** Resolves when nothing is queued or running (tests). */
  idle(): Promise<void> {
    if (this.pending.size === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(key: string): Promise<void> {
    this.pending.delete(key);
    if (this.stopped) return;
    this.running.add(key);
    try {
      await this.reconcile(key);
      this.failures.delete(key);
    } catch (err) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      this.log(`${this.name}: reconcile ${key} failed (attempt ${n}): ${(err as Error).message}`);
      const timer = setTimeout(() => this.add(key), Math.min(30_000, 200 * 2 ** Math.min(n, 8)));
      timer.unref();
    } finally {
      this.running.delete(key);
      if (this.again.delete(key)) this.add(key);
      if (this.pending.size === 0 && this.running.size === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }
}
