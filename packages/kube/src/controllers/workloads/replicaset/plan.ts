/**
 * @module controllers/workloads/replicaset/plan
 * The ReplicaSet decision, free of I/O: which orphans to adopt, which pods to release, how many pods
 * to create, which to delete, and the status to report.
 */
import { matchesLabelSelector } from '@sphere/shared';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../types';
import { earliest, isPodActive, isPodReady, podAvailability } from '../pods';
import { podsToDelete } from './rank';
import { timestamp } from '../util';

/** Upstream's burst limit: at most this many creations or deletions per sync. */
export const BURST_REPLICAS = 500;

export interface ReplicaSetInput {
  rs: ReplicaSet;
  /** Pods whose controller reference is this ReplicaSet. */
  owned: Pod[];
  /** Pods in the namespace without any controller reference. */
  orphans: Pod[];
  /** False while earlier creations/deletions are still unobserved: then only status is computed. */
  expectationsSatisfied: boolean;
  now: Date;
}

export interface ReplicaSetPlan {
  adopt: Pod[];
  release: Pod[];
  create: number;
  delete: Pod[];
  status: ReplicaSetStatus;
  requeueAfterMs?: number;
}

function hasAllLabels(pod: Pod, labels: Record<string, string> | undefined): boolean {
  return Object.entries(labels ?? {}).every(([k, v]) => pod.metadata.labels?.[k] === v);
}

/** Decides what a ReplicaSet sync does. */
export function planReplicaSet(input: ReplicaSetInput): ReplicaSetPlan {
  const { rs, now } = input;
  const deleting = !!rs.metadata.deletionTimestamp;
  const matches = (p: Pod) => matchesLabelSelector(rs.spec.selector, p.metadata.labels);
  const release = input.owned.filter((p) => !matches(p));
  const adopt = deleting ? [] : input.orphans.filter((p) => matches(p) && !p.metadata.deletionTimestamp);
  const claimed = [...input.owned.filter(matches), ...adopt];
  const active = claimed.filter(isPodActive);

  let create = 0;
  let toDelete: Pod[] = [];
  if (input.expectationsSatisfied && !deleting) {
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) create = Math.min(-diff, BURST_REPLICAS);
    else if (diff > 0) toDelete = podsToDelete(active, Math.min(diff, BURST_REPLICAS));
  }

  const minReady = rs.spec.minReadySeconds ?? 0;
  let requeueAfterMs: number | undefined;
  let ready = 0;
  let available = 0;
  let fullyLabeled = 0;
  for (const pod of active) {
    if (hasAllLabels(pod, rs.spec.template.metadata?.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    const a = podAvailability(pod, minReady, now);
    if (a.available) available++;
    else requeueAfterMs = earliest(requeueAfterMs, a.recheckAfterMs);
  }
  const status: ReplicaSetStatus = {
    replicas: active.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    observedGeneration: rs.metadata.generation ?? 0,
  };
  if (rs.status?.conditions?.length) status.conditions = rs.status.conditions;
  return { adopt, release, create, delete: toDelete, status, requeueAfterMs };
}

/**
 * The ReplicaFailure condition after a sync: set (reason FailedCreate/FailedDelete) when creating or
 * deleting pods failed, removed once a sync manages pods without error (upstream `calculateStatus`).
 */
export function withReplicaFailure(
  status: ReplicaSetStatus,
  failure: { reason: 'FailedCreate' | 'FailedDelete'; message: string } | undefined,
  now: Date,
): ReplicaSetStatus {
  const others = (status.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
  const current = status.conditions?.find((c) => c.type === 'ReplicaFailure');
  let conditions = others;
  if (failure) {
    const keep = current && current.reason === failure.reason && current.message === failure.message;
    conditions = [
      ...others,
      keep
        ? current
        : {
            type: 'ReplicaFailure',
            status: 'True',
            reason: failure.reason,
            message: failure.message,
            lastTransitionTime: timestamp(now),
          },
    ];
  }
  const out: ReplicaSetStatus = { ...status };
  if (conditions.length) out.conditions = conditions;
  else delete out.conditions;
  return out;
}
