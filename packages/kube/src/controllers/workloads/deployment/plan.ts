/**
 * @module controllers/workloads/deployment/plan
 * The Deployment decision, free of I/O (upstream `syncDeployment`): find or create the ReplicaSet of
 * the current template, scale it and the old ones per strategy (RollingUpdate or Recreate), or only
 * scale when paused or when spec.replicas changed, drop history beyond revisionHistoryLimit, and
 * compute status and conditions.
 */
import { matchesLabelSelector } from '@sphere/shared';
import type { Condition, Deployment, DeploymentStatus, ReplicaSet } from '../types';
import { newReplicaSetReplicas, scaleDownOld, scaleProportionally, type RsView } from './rollout';
import { newReplicaSetFor } from './replicaset';
import { calculateStatus, deploymentComplete, rolloutStatus } from './status';
import {
  DESIRED_REPLICAS,
  REVISION,
  equalIgnoreHash,
  getCondition,
  replicaSetAnnotations,
  replicasOf,
  revisionOf,
  setCondition,
  withReplicaAnnotations,
} from './util';

export interface DeploymentInput {
  d: Deployment;
  /** ReplicaSets controlled by the deployment. */
  owned: ReplicaSet[];
  /** ReplicaSets of the namespace without a controller. */
  orphans: ReplicaSet[];
  now: Date;
}

export interface RsChange {
  rs: ReplicaSet;
  replicas: number;
  annotations: Record<string, string>;
  minReadySeconds: number;
}

export interface PlannedEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface DeploymentPlan {
  adopt: ReplicaSet[];
  release: ReplicaSet[];
  create?: ReplicaSet;
  updates: RsChange[];
  deletes: ReplicaSet[];
  /** The deployment's revision annotation, when it must change. */
  revision?: string;
  status: DeploymentStatus;
  events: PlannedEvent[];
  requeueAfterMs?: number;
}

interface Working extends RsView {
  rs: ReplicaSet;
  originalReplicas: number;
  originalAnnotations: Record<string, string>;
  isNew: boolean;
}

const view = (rs: ReplicaSet, isNew = false): Working => ({
  rs,
  name: rs.metadata.name ?? '',
  created: Date.parse(rs.metadata.creationTimestamp ?? '') || 0,
  replicas: rs.spec.replicas ?? 1,
  originalReplicas: rs.spec.replicas ?? 1,
  statusReplicas: rs.status?.replicas ?? 0,
  available: rs.status?.availableReplicas ?? 0,
  annotations: { ...(rs.metadata.annotations ?? {}) },
  originalAnnotations: rs.metadata.annotations ?? {},
  isNew,
});

function scaleEvent(w: Working): PlannedEvent | undefined {
  if (w.replicas === w.originalReplicas) return undefined;
  const dir = w.replicas > w.originalReplicas ? 'up' : 'down';
  return {
    type: 'Normal',
    reason: 'ScalingReplicaSet',
    message: `Scaled ${dir} replica set ${w.name} from ${w.originalReplicas} to ${w.replicas}`,
  };
}

/** Decides what a Deployment sync does. */
export function planDeployment(input: DeploymentInput): DeploymentPlan {
  const { d, now } = input;
  const matches = (rs: ReplicaSet) => matchesLabelSelector(d.spec.selector, rs.metadata.labels);
  const deleting = !!d.metadata.deletionTimestamp;
  const release = input.owned.filter((rs) => !matches(rs));
  const adopt = deleting ? [] : input.orphans.filter((rs) => matches(rs) && !rs.metadata.deletionTimestamp);
  const rsList = [...input.owned.filter(matches), ...adopt].sort(
    (a, b) =>
      (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
        (Date.parse(b.metadata.creationTimestamp ?? '') || 0) ||
      ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1),
  );
  const plan: DeploymentPlan = { adopt, release, updates: [], deletes: [], events: [], status: {} };
  let conditions: Condition[] = [...(d.status?.conditions ?? [])];
  const paused = !!d.spec.paused;

  // Paused and resumed deployments say so in Progressing (upstream checkPausedConditions).
  const progressingCond = getCondition(conditions, 'Progressing');
  if (
    paused &&
    progressingCond?.reason !== 'DeploymentPaused' &&
    d.spec.progressDeadlineSeconds !== undefined
  ) {
    conditions = setCondition(
      conditions,
      { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
      now,
    );
  } else if (!paused && progressingCond?.reason === 'DeploymentPaused') {
    conditions = setCondition(
      conditions,
      {
        type: 'Progressing',
        status: 'Unknown',
        reason: 'DeploymentResumed',
        message: 'Deployment is resumed',
      },
      now,
    );
  }
  const dd: Deployment = { ...d, status: { ...(d.status ?? {}), conditions } };

  const newRsObj = rsList.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const working = rsList.map((rs) => view(rs, rs === newRsObj));
  let newRs = working.find((w) => w.isNew);
  const old = working.filter((w) => !w.isNew);
  const maxOldRevision = Math.max(0, ...old.map((w) => revisionOf(w.rs)));
  const newRevision = maxOldRevision + 1;

  if (deleting) return finish(plan, dd, working, newRs, now, false);

  const rolling = (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  const scalingEvent = working.some(
    (w) =>
      w.replicas > 0 &&
      w.annotations[DESIRED_REPLICAS] !== undefined &&
      w.annotations[DESIRED_REPLICAS] !== String(replicasOf(d)),
  );

  // An existing new ReplicaSet takes the newest revision and the deployment's annotations.
  if (newRs) {
    newRs.annotations = replicaSetAnnotations(d, newRs.annotations, newRevision);
    if (!getCondition(dd.status!.conditions, 'Progressing') && d.spec.progressDeadlineSeconds !== undefined) {
      dd.status!.conditions = setCondition(
        dd.status!.conditions ?? [],
        {
          type: 'Progressing',
          status: 'True',
          reason: 'FoundNewReplicaSet',
          message: `Found new replica set "${newRs.name}"`,
        },
        now,
      );
    }
  }

  if (paused || scalingEvent) {
    scale(dd, newRs, old, working);
    return finish(plan, dd, working, newRs, now, paused);
  }

  if (!rolling) {
    // Recreate: every old pod goes before the new ReplicaSet scales up.
    for (const w of old) w.replicas = 0;
    const oldRunning = old.some((w) => w.statusReplicas > 0 || w.originalReplicas > 0);
    if (oldRunning) return finish(plan, dd, working, newRs, now, false, true);
    if (!newRs) newRs = createNew(plan, dd, working, replicasOf(d), newRevision, now);
    else newRs.replicas = replicasOf(d);
  } else {
    if (!newRs) newRs = createNew(plan, dd, working, newReplicaSetReplicas(d, working, 0), newRevision, now);
    else if (newRs.replicas > replicasOf(d)) newRs.replicas = replicasOf(d);
    else newRs.replicas = newReplicaSetReplicas(d, working, newRs.replicas);
    if (newRs.replicas === newRs.originalReplicas || plan.create) scaleDownOld(d, newRs, old);
  }
  return finish(plan, dd, working, newRs, now, true, true);
}

function createNew(
  plan: DeploymentPlan,
  d: Deployment,
  working: Working[],
  replicas: number,
  revision: number,
  now: Date,
): Working {
  const rs = newReplicaSetFor(d, replicas, revision);
  plan.create = rs;
  const w = view(rs, true);
  w.originalReplicas = 0;
  working.push(w);
  if (d.spec.progressDeadlineSeconds !== undefined) {
    d.status!.conditions = setCondition(
      d.status!.conditions ?? [],
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetCreated',
        message: `Created new replica set "${w.name}"`,
      },
      now,
    );
  }
  return w;
}

/** Paused deployments and replica changes only resize (upstream `scale`). */
function scale(d: Deployment, newRs: Working | undefined, old: Working[], working: Working[]): void {
  const active = working.filter((w) => w.replicas > 0);
  if (active.length === 1 || (active.length === 0 && newRs)) {
    (active[0] ?? newRs)!.replicas = replicasOf(d);
    return;
  }
  if (newRs && newRs.replicas === replicasOf(d) && newRs.available === replicasOf(d)) {
    for (const w of old) w.replicas = 0;
    return;
  }
  if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && active.length > 1) {
    scaleProportionally(d, active, working, d.status?.replicas ?? 0);
  }
}

function finish(
  plan: DeploymentPlan,
  d: Deployment,
  working: Working[],
  newRs: Working | undefined,
  now: Date,
  cleanup: boolean,
  rollout = false,
): DeploymentPlan {
  for (const w of working) {
    if (w.rs === plan.create) continue;
    if (w.replicas !== w.originalReplicas) w.annotations = withReplicaAnnotations(d, w.annotations);
    else if (w.isNew && w.annotations[DESIRED_REPLICAS] === undefined)
      w.annotations = withReplicaAnnotations(d, w.annotations);
    // The new ReplicaSet follows the deployment's minReadySeconds (old ones keep theirs).
    const minReadySeconds = w.isNew ? (d.spec.minReadySeconds ?? 0) : (w.rs.spec.minReadySeconds ?? 0);
    const changed =
      w.replicas !== w.originalReplicas ||
      minReadySeconds !== (w.rs.spec.minReadySeconds ?? 0) ||
      JSON.stringify(w.annotations) !== JSON.stringify(w.originalAnnotations);
    if (changed) {
      plan.updates.push({ rs: w.rs, replicas: w.replicas, annotations: w.annotations, minReadySeconds });
    }
    const ev = scaleEvent(w);
    if (ev) plan.events.push(ev);
  }
  if (plan.create && (plan.create.spec.replicas ?? 0) > 0) {
    plan.events.unshift({
      type: 'Normal',
      reason: 'ScalingReplicaSet',
      message: `Scaled up replica set ${plan.create.metadata.name} from 0 to ${plan.create.spec.replicas}`,
    });
  }
  if (newRs) {
    const rev = newRs.annotations[REVISION];
    if (rev && d.metadata.annotations?.[REVISION] !== rev) plan.revision = rev;
  }
  const planned = working.map((w) => ({ rs: w.rs, replicas: w.replicas }));
  let status = calculateStatus(d, planned, newRs && { rs: newRs.rs, replicas: newRs.replicas }, now);
  if (rollout) {
    const r = rolloutStatus(d, status, newRs?.name, now);
    status = r.status;
    plan.requeueAfterMs = r.requeueAfterMs;
  }
  plan.status = status;
  if (cleanup && (d.spec.paused || deploymentComplete(d, status))) plan.deletes = historyToDelete(d, working);
  return plan;
}

/**
 * Old ReplicaSets beyond revisionHistoryLimit, oldest revision first (upstream `cleanupDeployment`):
 * the excess is counted over every old set, but only empty ones are deleted.
 */
function historyToDelete(d: Deployment, working: Working[]): ReplicaSet[] {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const old = working.filter((w) => !w.isNew && !w.rs.metadata.deletionTimestamp);
  let extra = old.length - limit;
  if (extra <= 0) return [];
  const out: ReplicaSet[] = [];
  for (const w of old.sort((a, b) => revisionOf(a.rs) - revisionOf(b.rs) || a.created - b.created)) {
    if (extra <= 0) break;
    if (w.replicas !== 0 || w.originalReplicas !== 0 || w.statusReplicas !== 0) continue;
    out.push(w.rs);
    extra--;
  }
  return out;
}
