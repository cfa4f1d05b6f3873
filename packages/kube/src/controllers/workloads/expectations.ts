/**
 * @module controllers/workloads/expectations
 * Creations and deletions a controller has issued but not yet seen in its informer cache (client-go's
 * ControllerExpectations). Until they are observed, the cache under-counts (or over-counts) pods, so
 * the controller must not act on it again or it would create twice. Expectations expire after a while
 * so a lost event can never wedge a controller.
 */
import type { Clock } from '../runtime/clock';

interface Pending {
  adds: number;
  deletes: Set<string>;
  setAt: number;
}

const DEFAULT_TTL_MS = 5 * 60_000;

export class Expectations {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** Whether the controller may act on `key` (everything it asked for has been observed, or expired). */
  satisfied(key: string): boolean {
    const p = this.pending.get(key);
    if (!p) return true;
    if ((p.adds <= 0 && p.deletes.size === 0) || this.clock.now().getTime() - p.setAt > this.ttlMs) {
      this.pending.delete(key);
      return true;
    }
    return false;
  }

  /** Records that `adds` creations and the deletion of `deleteKeys` are about to be issued. */
  expect(key: string, adds: number, deleteKeys: string[] = []): void {
    this.pending.set(key, { adds, deletes: new Set(deleteKeys), setAt: this.clock.now().getTime() });
  }

  /** An issued create failed or was observed: one fewer to wait for. */
  creationObserved(key: string): void {
    const p = this.pending.get(key);
    if (p) p.adds--;
  }

  /** An issued delete failed or was observed. */
  deletionObserved(key: string, objectKey: string): void {
    this.pending.get(key)?.deletes.delete(objectKey);
  }

  forget(key: string): void {
    this.pending.delete(key);
  }
}
