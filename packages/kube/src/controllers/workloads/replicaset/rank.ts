/**
 * @module controllers/workloads/replicaset/rank
 * Which pods a ReplicaSet removes first when scaling down, in upstream's order (`ActivePodsWithRanks`):
 * unscheduled before scheduled, Pending before Unknown before Running, not ready before ready, lower
 * `controller.kubernetes.io/pod-deletion-cost` first, pods doubled up on a node first, ready for less
 * time first, more restarts first, newest first.
 */
import type { Pod } from '../types';
import { isPodReady, podReadyCondition } from '../pods';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const phaseOrder: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const n = Number(pod.metadata.annotations?.[POD_DELETION_COST] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

function restarts(pod: Pod): number {
  return Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

function time(s: string | null | undefined): number {
  const t = s ? Date.parse(s) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

/** Negative when `a` should be deleted before `b`. `ranks` counts a pod's siblings on its node. */
export function compareForDeletion(a: Pod, b: Pod, ranks: Map<Pod, number>): number {
  const aBound = a.spec.nodeName ? 1 : 0;
  const bBound = b.spec.nodeName ? 1 : 0;
  if (aBound !== bBound) return aBound - bBound;
  const aPhase = phaseOrder[a.status?.phase ?? 'Pending'] ?? 0;
  const bPhase = phaseOrder[b.status?.phase ?? 'Pending'] ?? 0;
  if (aPhase !== bPhase) return aPhase - bPhase;
  const aReady = isPodReady(a) ? 1 : 0;
  const bReady = isPodReady(b) ? 1 : 0;
  if (aReady !== bReady) return aReady - bReady;
  const cost = deletionCost(a) - deletionCost(b);
  if (cost !== 0) return cost;
  const rank = (ranks.get(b) ?? 0) - (ranks.get(a) ?? 0);
  if (rank !== 0) return rank;
  if (aReady && bReady) {
    const readyFor =
      time(podReadyCondition(b)?.lastTransitionTime) - time(podReadyCondition(a)?.lastTransitionTime);
    if (readyFor !== 0) return readyFor;
  }
  const restartDiff = restarts(b) - restarts(a);
  if (restartDiff !== 0) return restartDiff;
  return time(b.metadata.creationTimestamp) - time(a.metadata.creationTimestamp);
}

/** The `count` pods to delete first among `pods`. */
export function podsToDelete(pods: Pod[], count: number): Pod[] {
  if (count <= 0) return [];
  const perNode = new Map<string, number>();
  for (const p of pods)
    if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
  const ranks = new Map<Pod, number>(
    pods.map((p) => [p, p.spec.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0]),
  );
  return [...pods].sort((a, b) => compareForDeletion(a, b, ranks)).slice(0, count);
}
