/**
 * @module controllers/workloads/deployment/status
 * Deployment status as upstream computes it: counts summed over the ReplicaSets, the Available
 * condition from maxUnavailable, and the Progressing condition with its deadline.
 */
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../types';
import { getCondition, maxUnavailable, removeCondition, replicasOf, setCondition } from './util';
import { timestamp } from '../util';

/** A ReplicaSet with the spec.replicas the plan gives it. */
export interface PlannedRs {
  rs: ReplicaSet;
  replicas: number;
}

/** Counts and the Available condition (upstream `calculateStatus`). */
export function calculateStatus(
  d: Deployment,
  all: PlannedRs[],
  newRs: PlannedRs | undefined,
  now: Date,
): DeploymentStatus {
  const statusSum = (f: (r: ReplicaSet) => number | undefined) => all.reduce((n, p) => n + (f(p.rs) ?? 0), 0);
  const available = statusSum((r) => r.status?.availableReplicas);
  const total = all.reduce((n, p) => n + p.replicas, 0);
  let conditions: Condition[] = [...(d.status?.conditions ?? [])];
  conditions =
    available >= replicasOf(d) - maxUnavailable(d)
      ? setCondition(
          conditions,
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          now,
        )
      : setCondition(
          conditions,
          {
            type: 'Available',
            status: 'False',
            reason: 'MinimumReplicasUnavailable',
            message: 'Deployment does not have minimum availability.',
          },
          now,
        );
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: statusSum((r) => r.status?.replicas),
    updatedReplicas: newRs?.rs.status?.replicas ?? 0,
    readyReplicas: statusSum((r) => r.status?.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    conditions,
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  return status;
}

export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== 2147483647;
}

/** Rolled out: every replica updated and available, and this generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return (
    s.updatedReplicas === want &&
    s.replicas === want &&
    s.availableReplicas === want &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

function progressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * The Progressing condition after a rollout step (upstream `syncRolloutStatus`), and when to look
 * again so a deadline is noticed even if nothing else happens.
 */
export function rolloutStatus(
  d: Deployment,
  status: DeploymentStatus,
  newRsName: string | undefined,
  now: Date,
): { status: DeploymentStatus; requeueAfterMs?: number } {
  let conditions = status.conditions ?? [];
  if (!hasProgressDeadline(d))
    return { status: { ...status, conditions: removeCondition(conditions, 'Progressing') } };
  const current = getCondition(conditions, 'Progressing');
  const alreadyComplete =
    status.replicas === status.updatedReplicas && current?.reason === 'NewReplicaSetAvailable';
  if (!alreadyComplete && newRsName) {
    if (deploymentComplete(d, status)) {
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'True',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "${newRsName}" has successfully progressed.`,
        },
        now,
      );
    } else if (progressing(d, status)) {
      const at = timestamp(now);
      const next: Condition = {
        type: 'Progressing',
        status: 'True',
        lastUpdateTime: at,
        lastTransitionTime: current?.status === 'True' ? current.lastTransitionTime : at,
        reason: 'ReplicaSetUpdated',
        message: `ReplicaSet "${newRsName}" is progressing.`,
      };
      conditions = [...removeCondition(conditions, 'Progressing'), next];
    } else if (timedOut(d, current, now)) {
      conditions = setCondition(
        conditions,
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${newRsName}" has timed out progressing.`,
        },
        now,
      );
    }
  }
  const result = { ...status, conditions };
  const cond = getCondition(conditions, 'Progressing');
  if (
    deploymentComplete(d, result) ||
    !cond ||
    cond.reason === 'ProgressDeadlineExceeded' ||
    cond.status !== 'True'
  ) {
    return { status: result };
  }
  const from = Date.parse(cond.lastUpdateTime ?? cond.lastTransitionTime ?? '');
  const left = from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 - now.getTime();
  return { status: result, requeueAfterMs: Math.max(1000, left + 1000) };
}

function timedOut(d: Deployment, cond: Condition | undefined, now: Date): boolean {
  if (!cond || cond.reason === 'NewReplicaSetAvailable') return false;
  if (cond.reason === 'ProgressDeadlineExceeded') return true;
  const from = Date.parse(cond.lastUpdateTime ?? cond.lastTransitionTime ?? '');
  return !Number.isNaN(from) && from + (d.spec.progressDeadlineSeconds ?? 600) * 1000 < now.getTime();
}
