/**
 * @module controllers/workloads/statefulset/plan
 * The StatefulSet decision, free of I/O (upstream `updateStatefulSet`): pods `<set>-<ordinal>` in
 * order, claims before pods, OrderedReady (one step at a time, waiting for Running and Ready) or
 * Parallel, scale-down from the highest ordinal, RollingUpdate from the highest ordinal down to the
 * partition (one pod at a time, waiting for it to be healthy again) or OnDelete, and status.
 */
import type { KubeObject } from '@sphere/shared';
import type { Pod, PodTemplateSpec, StatefulSet, StatefulSetStatus } from '../types';
import { earliest, isPodRunningAndReady, isPodTerminating, podAvailability } from '../pods';
import { claimsFor, newStatefulPod, ordinalOf, revisionOfPod } from './identity';

export interface RevisionRef {
  name: string;
  template: PodTemplateSpec;
}

export interface StatefulSetInput {
  set: StatefulSet;
  /** Pods controlled by the set. */
  pods: Pod[];
  /** Whether a claim with this name exists. */
  claimExists(name: string): boolean;
  current: RevisionRef;
  update: RevisionRef;
  now: Date;
}

export type StatefulAction =
  | { type: 'create'; pod: Pod; claims: KubeObject[] }
  | { type: 'createClaims'; pod: Pod; claims: KubeObject[] }
  | { type: 'delete'; pod: Pod; why: 'failed' | 'scale' | 'update'; claimsToPod?: string[] };

export interface StatefulSetPlan {
  actions: StatefulAction[];
  status: StatefulSetStatus;
  requeueAfterMs?: number;
}

const isCreated = (pod: Pod) => !!pod.status?.phase;
const isFinished = (pod: Pod) => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';
const isHealthy = (pod: Pod) => isPodRunningAndReady(pod) && !isPodTerminating(pod);

/** Decides one StatefulSet sync. */
export function planStatefulSet(input: StatefulSetInput): StatefulSetPlan {
  const { set, current, update, now } = input;
  const replicaCount = set.spec.replicas ?? 1;
  const start = set.spec.ordinals?.start ?? 0;
  const monotonic = (set.spec.podManagementPolicy ?? 'OrderedReady') !== 'Parallel';
  const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const partition = rolling ? (set.spec.updateStrategy?.rollingUpdate?.partition ?? 0) : 0;
  const minReady = set.spec.minReadySeconds ?? 0;

  const status = countStatus(input, minReady);
  const actions: StatefulAction[] = [];
  const finish = (): StatefulSetPlan => ({
    actions,
    status: complete(set, status, current, update),
    requeueAfterMs: status.requeue,
  });

  const slots: (Pod | undefined)[] = new Array(replicaCount).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of input.pods) {
    const ord = ordinalOf(set, pod);
    if (ord < 0) continue;
    if (ord >= start && ord < start + replicaCount) slots[ord - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  if (set.metadata.deletionTimestamp) return finish();

  // Pods below the partition are (re)created at the current revision, the rest at the update one
  // (with OnDelete every recreated pod takes the update revision).
  const versioned = (index: number): Pod => {
    const useCurrent = rolling && index < partition;
    const rev = useCurrent ? current : update;
    return newStatefulPod(set, rev.template, rev.name, start + index);
  };
  const missingClaims = (ordinal: number) =>
    claimsFor(set, ordinal).filter((c) => !input.claimExists(c.metadata.name ?? ''));

  for (let i = 0; i < replicaCount; i++) {
    const pod = slots[i];
    if (pod && isFinished(pod) && !isPodTerminating(pod)) {
      actions.push({ type: 'delete', pod, why: 'failed' });
      if (monotonic) return finish();
      continue;
    }
    if (!pod) {
      const fresh = versioned(i);
      actions.push({ type: 'create', pod: fresh, claims: missingClaims(start + i) });
      status.replicas++;
      if (revisionOfPod(fresh) === current.name) status.currentReplicas = (status.currentReplicas ?? 0) + 1;
      if (revisionOfPod(fresh) === update.name) status.updatedReplicas = (status.updatedReplicas ?? 0) + 1;
      if (monotonic) return finish();
      continue;
    }
    if (isPodTerminating(pod)) {
      if (monotonic) return finish();
      continue;
    }
    const lacking = missingClaims(start + i);
    if (lacking.length) actions.push({ type: 'createClaims', pod, claims: lacking });
    if (monotonic && !isPodRunningAndReady(pod)) return finish();
    if (monotonic && !podAvailability(pod, minReady, now).available) return finish();
  }

  const firstUnhealthy = [...slots, ...[...condemned].reverse()].find((p) => p && !isHealthy(p));
  const whenScaledDelete = set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete';
  for (const pod of condemned) {
    if (isPodTerminating(pod)) {
      if (monotonic) return finish();
      continue;
    }
    if (monotonic && !isPodRunningAndReady(pod) && pod !== firstUnhealthy) return finish();
    const claimsToPod = whenScaledDelete
      ? claimsFor(set, ordinalOf(set, pod)).map((c) => c.metadata.name ?? '')
      : undefined;
    actions.push({ type: 'delete', pod, why: 'scale', ...(claimsToPod ? { claimsToPod } : {}) });
    if (monotonic) return finish();
  }

  if (!rolling) return finish();
  for (let i = replicaCount - 1; i >= partition; i--) {
    const pod = slots[i];
    if (!pod) continue;
    if (revisionOfPod(pod) !== update.name && !isPodTerminating(pod)) {
      actions.push({ type: 'delete', pod, why: 'update' });
      return finish();
    }
    if (!isHealthy(pod)) return finish();
  }
  return finish();
}

type Counting = StatefulSetStatus & { requeue?: number };

function countStatus(input: StatefulSetInput, minReady: number): Counting {
  const { set, current, update, now } = input;
  const s: Counting = {
    observedGeneration: set.metadata.generation ?? 0,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision: current.name,
    updateRevision: update.name,
    collisionCount: set.status?.collisionCount ?? 0,
  };
  for (const pod of input.pods) {
    if (isCreated(pod)) s.replicas++;
    if (isPodRunningAndReady(pod)) {
      s.readyReplicas!++;
      const a = podAvailability(pod, minReady, now);
      if (a.available) s.availableReplicas!++;
      else s.requeue = earliest(s.requeue, a.recheckAfterMs);
    }
    if (isCreated(pod) && !isPodTerminating(pod)) {
      const rev = revisionOfPod(pod);
      if (rev === current.name) s.currentReplicas!++;
      if (rev === update.name) s.updatedReplicas!++;
    }
  }
  if (set.status?.conditions?.length) s.conditions = set.status.conditions;
  return s;
}

/** A finished rolling update makes the update revision current (upstream `completeRollingUpdate`). */
function complete(
  set: StatefulSet,
  s: Counting,
  current: RevisionRef,
  update: RevisionRef,
): StatefulSetStatus {
  const { requeue: _requeue, ...status } = s;
  void _requeue;
  const rolling = (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (
    rolling &&
    status.updatedReplicas === status.replicas &&
    status.readyReplicas === status.replicas &&
    current.name !== update.name
  ) {
    status.currentRevision = update.name;
    status.currentReplicas = status.updatedReplicas;
  }
  return status;
}
