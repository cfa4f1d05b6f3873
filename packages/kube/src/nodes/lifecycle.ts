/**
 * @module nodes/lifecycle
 * Pure decisions of the node lifecycle controller: which taints a node should carry (unreachable when its
 * Lease is stale, not-ready when Ready is False, unschedulable when cordoned), when its conditions turn
 * Unknown, and when a pod on a NoExecute-tainted node is evicted (tolerationSeconds).
 */
import type { KubeObject } from '@sphere/shared';
import type { Taint, Toleration } from '../scheduler/model';
import { tolerates } from '../scheduler/model';
import { ts } from './node-template';

export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const MANAGED = new Set([TAINT_UNREACHABLE, TAINT_NOT_READY, TAINT_UNSCHEDULABLE]);

const readyOf = (node: KubeObject): string | undefined =>
  (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions?.find(
    (c) => c.type === 'Ready',
  )?.status;

/** True when the node's Lease (or, without one, its Ready heartbeat) is older than the grace period. */
export function isStale(lastRenew: Date | undefined, now: Date, graceMs: number): boolean {
  return !lastRenew || now.getTime() - lastRenew.getTime() > graceMs;
}

/**
 * The taints the node should carry given its state: the controller's own taints are recomputed, other
 * taints are kept as they are (timeAdded preserved for taints that stay).
 */
export function desiredTaints(node: KubeObject, stale: boolean, now: Date): Taint[] {
  const current = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
  const others = current.filter((t) => !MANAGED.has(t.key));
  const want: Taint[] = [];
  const ready = stale ? 'Unknown' : readyOf(node);
  const keep = (key: string, effect: string): Taint => {
    const old = current.find((t) => t.key === key && t.effect === effect);
    return old ?? { key, effect, ...(effect === 'NoExecute' ? { timeAdded: ts(now) } : {}) };
  };
  if (ready === 'Unknown')
    want.push(keep(TAINT_UNREACHABLE, 'NoSchedule'), keep(TAINT_UNREACHABLE, 'NoExecute'));
  else if (ready === 'False')
    want.push(keep(TAINT_NOT_READY, 'NoSchedule'), keep(TAINT_NOT_READY, 'NoExecute'));
  if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
    want.push(keep(TAINT_UNSCHEDULABLE, 'NoSchedule'));
  return [...others, ...want];
}

export function taintsEqual(a: Taint[], b: Taint[]): boolean {
  const key = (t: Taint) => `${t.key}=${t.value ?? ''}:${t.effect}`;
  return a.length === b.length && a.map(key).sort().join() === b.map(key).sort().join();
}

/**
 * When a pod on a node with these taints must be evicted: `now` (no toleration), at timeAdded +
 * tolerationSeconds (scaled by `secondMs`), or never (tolerated forever / no NoExecute taint).
 */
export function evictionTime(
  tolerations: Toleration[],
  taints: Taint[],
  now: Date,
  secondMs = 1000,
): Date | undefined {
  let at: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const matching = tolerations.filter((t) => tolerates(t, taint));
    if (matching.length === 0) return now;
    const bounded = matching.filter((t) => typeof t.tolerationSeconds === 'number');
    if (bounded.length < matching.length) continue; // one toleration without a bound: tolerated forever
    const seconds = Math.min(...bounded.map((t) => Math.max(0, t.tolerationSeconds as number)));
    const added = taint.timeAdded ? new Date(taint.timeAdded).getTime() : now.getTime();
    const when = added + seconds * secondMs;
    at = at === undefined ? when : Math.min(at, when);
  }
  return at === undefined ? undefined : new Date(at);
}
