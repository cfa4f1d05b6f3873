/**
 * @module controllers/workloads/pods
 * Pod facts every workload controller needs: active, terminating, ready, available after
 * minReadySeconds (with the time left until it becomes available, so callers can requeue).
 */
import type { Pod } from './types';

/** A pod that still counts towards replicas: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

export function podReadyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** Running and Ready, as the StatefulSet controller requires before moving to the next ordinal. */
export function isPodRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

export interface Availability {
  available: boolean;
  /** When not yet available but ready: milliseconds until minReadySeconds have passed. */
  recheckAfterMs?: number;
}

/** Ready for at least minReadySeconds (upstream `IsPodAvailable`). */
export function podAvailability(pod: Pod, minReadySeconds: number, now: Date): Availability {
  const ready = podReadyCondition(pod);
  if (ready?.status !== 'True') return { available: false };
  if (!minReadySeconds) return { available: true };
  const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
  if (Number.isNaN(since)) return { available: false };
  const left = since + minReadySeconds * 1000 - now.getTime();
  return left <= 0 ? { available: true } : { available: false, recheckAfterMs: left };
}

/** Keeps the smallest positive recheck delay. */
export function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.min(a, b);
}
