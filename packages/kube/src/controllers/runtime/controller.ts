/**
 * @module controllers/runtime/controller
 * The reconcile loop: workers take keys from a work queue and call `reconcile(key)`. A thrown error
 * requeues the key with backoff (unless it is a TerminalError); `requeueAfterMs` schedules a later look.
 * Reconcilers read state from informers, decide with pure functions, then act through the client.
 */
import { WorkQueue } from './queue';
import type { Clock } from './clock';

export interface ReconcileResult {
  requeueAfterMs?: number;
}

export type Reconciler = (key: string) => Promise<ReconcileResult | void>;

/** An error that retrying cannot fix: logged once, not requeued. */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

export interface ControllerConfig {
  name: string;
  reconcile: Reconciler;
  clock: Clock;
  workers?: number;
  log?: (line: string) => void;
}

export interface Controller {
  readonly name: string;
  enqueue(key: string): void;
  enqueueAfter(key: string, ms: number): void;
  start(): void;
  stop(): void;
  /** True when no key is queued or in progress (for tests that wait for quiescence). */
  idle(): boolean;
}

export function createController(config: ControllerConfig): Controller {
  if (!config.name) throw new Error('controller name is required');
  const workers = config.workers ?? 1;
  if (workers < 1) throw new Error('workers must be at least 1');
  const queue = new WorkQueue({ clock: config.clock });
  const log = config.log ?? (() => {});
  let running = false;

  const worker = async () => {
    for (let handled = 0; ; handled++) {
      // A busy queue resolves get() at once, in microtasks only: give timers and I/O (HTTP requests,
      // other controllers' timers) a turn now and then.
      if (handled % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      const key = await queue.get();
      if (key === undefined) return;
      try {
        const result = await config.reconcile(key);
        queue.forget(key);
        if (result?.requeueAfterMs !== undefined) queue.addAfter(key, result.requeueAfterMs);
      } catch (err) {
        if (err instanceof TerminalError) {
          log(`${config.name}: ${key}: ${err.message}`);
          queue.forget(key);
        } else {
          const conflict = (err as { reason?: string }).reason === 'Conflict';
          if (!conflict) log(`${config.name}: ${key}: ${err instanceof Error ? err.message : String(err)}`);
          queue.addRateLimited(key);
        }
      } finally {
        queue.done(key);
      }
    }
  };

  return {
    name: config.name,
    enqueue: (key) => queue.add(key),
    enqueueAfter: (key, ms) => queue.addAfter(key, ms),
    start() {
      if (running) return;
      running = true;
      for (let i = 0; i < workers; i++) void worker();
    },
    stop() {
      running = false;
      queue.shutdown();
    },
    idle: () => queue.idle(),
  };
}
