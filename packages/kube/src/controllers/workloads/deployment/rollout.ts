/**
 * @module controllers/workloads/deployment/rollout
 * Replica arithmetic of a Deployment rollout, as upstream computes it: how far the new ReplicaSet may
 * grow (maxSurge), how far old ones may shrink (maxUnavailable), and proportional scaling of every
 * active ReplicaSet when spec.replicas changes mid-rollout.
 */
import type { Deployment } from '../types';
import { MAX_REPLICAS, maxSurge, maxUnavailable, replicasOf } from './util';

/** A ReplicaSet as the planner sees it: desired size (spec) and what its status reports. */
export interface RsView {
  name: string;
  created: number;
  replicas: number;
  statusReplicas: number;
  available: number;
  annotations: Record<string, string>;
}

const sum = (rs: RsView[], f: (r: RsView) => number) => rs.reduce((n, r) => n + f(r), 0);

/** The size the new ReplicaSet may have now (upstream `NewRSNewReplicas`). */
export function newReplicaSetReplicas(d: Deployment, all: RsView[], current: number): number {
  if ((d.spec.strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return replicasOf(d);
  const maxTotal = replicasOf(d) + maxSurge(d);
  const podCount = sum(all, (r) => r.replicas);
  if (podCount >= maxTotal) return current;
  const scaleUp = Math.min(maxTotal - podCount, replicasOf(d) - current);
  return current + Math.max(0, scaleUp);
}

/**
 * Scales old ReplicaSets down as far as maxUnavailable allows (upstream `reconcileOldReplicaSets`):
 * first replicas that are not available anyway, then available ones, oldest first. Mutates `old`.
 */
export function scaleDownOld(d: Deployment, newRs: RsView | undefined, old: RsView[]): void {
  const oldCount = sum(old, (r) => r.replicas);
  if (oldCount === 0) return;
  const all = newRs ? [newRs, ...old] : old;
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = newRs ? Math.max(0, newRs.replicas - newRs.available) : 0;
  const maxScaledDown = sum(all, (r) => r.replicas) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return;
  const byAge = [...old].sort((a, b) => a.created - b.created || (a.name < b.name ? -1 : 1));
  // Unhealthy replicas of old sets cost no availability to remove.
  let cleaned = 0;
  for (const rs of byAge) {
    if (cleaned >= maxScaledDown) break;
    if (rs.replicas === 0) continue;
    const unhealthy = Math.max(0, rs.replicas - rs.available);
    if (unhealthy === 0) continue;
    const down = Math.min(unhealthy, maxScaledDown - cleaned);
    rs.replicas -= down;
    cleaned += down;
  }
  // Then available replicas, keeping at least minAvailable of them.
  let total = sum(all, (r) => r.available) - minAvailable;
  if (total <= 0) return;
  for (const rs of byAge) {
    if (total <= 0) break;
    if (rs.replicas === 0) continue;
    const down = Math.min(rs.replicas, total);
    rs.replicas -= down;
    total -= down;
  }
}

/**
 * Distributes a change of spec.replicas across active ReplicaSets in proportion to their size
 * (upstream `scale`), the largest absorbing any rounding leftover. Mutates the views.
 */
export function scaleProportionally(
  d: Deployment,
  active: RsView[],
  all: RsView[],
  statusReplicas: number,
): void {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - sum(all, (r) => r.replicas);
  if (toAdd === 0) return;
  const sorted = [...active].sort((a, b) =>
    a.replicas !== b.replicas
      ? b.replicas - a.replicas
      : toAdd > 0
        ? b.created - a.created
        : a.created - b.created,
  );
  let added = 0;
  const sizes = new Map<RsView, number>();
  for (const rs of sorted) {
    let proportion = 0;
    if (rs.replicas > 0 && toAdd !== added) {
      const annotated = Number(rs.annotations[MAX_REPLICAS] ?? statusReplicas) || statusReplicas;
      const fraction =
        replicasOf(d) === 0
          ? -rs.replicas
          : Math.round((rs.replicas * (replicasOf(d) + maxSurge(d))) / Math.max(1, annotated)) - rs.replicas;
      const allowedLeft = toAdd - added;
      proportion = toAdd > 0 ? Math.min(fraction, allowedLeft) : Math.max(fraction, allowedLeft);
    }
    sizes.set(rs, rs.replicas + proportion);
    added += proportion;
  }
  sorted.forEach((rs, i) => {
    let size = sizes.get(rs) ?? rs.replicas;
    if (i === 0 && toAdd !== added) size = Math.max(0, size + toAdd - added);
    rs.replicas = Math.max(0, size);
  });
}
