/**
 * @module controllers/workloads/deployment/util
 * Facts about a Deployment and its ReplicaSets: annotations, revisions, template equality ignoring the
 * pod-template-hash label, maxSurge/maxUnavailable as upstream rounds them, and conditions.
 */
import type { Condition, Deployment, PodTemplateSpec, ReplicaSet } from '../types';
import { computeHash, deepEqual, resolveIntOrPercent, timestamp } from '../util';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** Deployment annotations never copied to its ReplicaSets. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

/** The pod-template-hash of a template (collisionCount changes it when names collide). */
export function podTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  return computeHash(withoutHash(template), collisionCount);
}

/**
 * The template without the hash label and without a null creationTimestamp (kubectl sends one; Go
 * reads it as the zero time, the same as absent).
 */
function withoutHash(template: PodTemplateSpec): PodTemplateSpec {
  const copy = structuredClone(template);
  if (copy.metadata && !copy.metadata.creationTimestamp) delete copy.metadata.creationTimestamp;
  if (copy.metadata && Object.keys(copy.metadata).length === 0) delete copy.metadata;
  if (copy.metadata?.labels) delete copy.metadata.labels[POD_TEMPLATE_HASH];
  if (copy.metadata?.labels && Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  return copy;
}

/** Whether two templates are equal once the pod-template-hash label is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return deepEqual(withoutHash(a), withoutHash(b));
}

export function revisionOf(rs: ReplicaSet): number {
  const n = Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

export function replicasOf(d: Deployment): number {
  return d.spec.replicas ?? 1;
}

const isRolling = (d: Deployment) => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

/** maxSurge rounded up against spec.replicas (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  if (!isRolling(d)) return 0;
  const { surge, unavailable } = resolveRolling(d);
  return surge === 0 && unavailable === 0 ? 0 : surge;
}

/** maxUnavailable rounded down, at least 1 when maxSurge is also 0, at most spec.replicas. */
export function maxUnavailable(d: Deployment): number {
  if (!isRolling(d) || replicasOf(d) === 0) return 0;
  const { surge, unavailable } = resolveRolling(d);
  const value = surge === 0 && unavailable === 0 ? 1 : unavailable;
  return Math.min(value, replicasOf(d));
}

function resolveRolling(d: Deployment): { surge: number; unavailable: number } {
  const r = d.spec.strategy?.rollingUpdate ?? {};
  const total = replicasOf(d);
  return {
    surge: resolveIntOrPercent(r.maxSurge ?? '25%', total, true),
    unavailable: resolveIntOrPercent(r.maxUnavailable ?? '25%', total, false),
  };
}

/** The annotations a ReplicaSet of this deployment should carry. */
export function replicaSetAnnotations(
  d: Deployment,
  current: Record<string, string> | undefined,
  revision: number,
): Record<string, string> {
  const out: Record<string, string> = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) out[k] = v;
  const old = current?.[REVISION];
  if (old !== undefined && Number(old) < revision) {
    out[REVISION_HISTORY] = out[REVISION_HISTORY] ? `${out[REVISION_HISTORY]},${old}` : old;
  }
  if (old === undefined || Number(old) < revision) out[REVISION] = String(revision);
  return out;
}

/** The desired/max replica annotations every scaled ReplicaSet carries. */
export function withReplicaAnnotations(
  d: Deployment,
  annotations: Record<string, string>,
): Record<string, string> {
  return {
    ...annotations,
    [DESIRED_REPLICAS]: String(replicasOf(d)),
    [MAX_REPLICAS]: String(replicasOf(d) + maxSurge(d)),
  };
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition as upstream does: unchanged when status and reason match; otherwise replaced (moved
 * to the end), keeping lastTransitionTime when only the reason changed.
 */
export function setCondition(
  conditions: Condition[],
  cond: Omit<Condition, 'lastTransitionTime' | 'lastUpdateTime'>,
  now: Date,
): Condition[] {
  const current = getCondition(conditions, cond.type);
  if (current && current.status === cond.status && current.reason === cond.reason) return conditions;
  const at = timestamp(now);
  const next: Condition = {
    type: cond.type,
    status: cond.status,
    lastUpdateTime: at,
    lastTransitionTime: current && current.status === cond.status ? current.lastTransitionTime : at,
    reason: cond.reason,
    message: cond.message,
  };
  return [...conditions.filter((c) => c.type !== cond.type), next];
}

export function removeCondition(conditions: Condition[], type: string): Condition[] {
  return conditions.filter((c) => c.type !== type);
}
