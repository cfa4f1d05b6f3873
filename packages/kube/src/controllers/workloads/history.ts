/**
 * @module controllers/workloads/history
 * ControllerRevisions for StatefulSets and DaemonSets (upstream `controller_history`): each distinct
 * pod template is stored once as `{"spec":{"template":{...,"$patch":"replace"}}}` (what `kubectl
 * rollout undo` applies as a strategic merge patch), named `<owner>-<hash>`, numbered by `revision`.
 * Returning to an older template renumbers its revision instead of storing it twice.
 */
import type { KubeObject } from '@sphere/shared';
import type { ControllerRevision, PodTemplateSpec } from './types';
import { computeHash, controllerRef, deepEqual } from './util';

export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';

/** The patch a revision stores for a template. */
export function revisionData(template: PodTemplateSpec): { spec: { template: Record<string, unknown> } } {
  const t = structuredClone(template) as unknown as Record<string, unknown>;
  return { spec: { template: { ...t, $patch: 'replace' } } };
}

/** The template a revision restores. */
export function templateOf(rev: ControllerRevision): PodTemplateSpec {
  const data = rev.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const t = structuredClone(data?.spec?.template ?? {});
  delete t.$patch;
  return t as unknown as PodTemplateSpec;
}

/** Equality Go would see: a null creationTimestamp in the template metadata equals none. */
function normalized(data: unknown): unknown {
  const copy = structuredClone(data) as { spec?: { template?: { metadata?: Record<string, unknown> } } };
  const meta = copy?.spec?.template?.metadata;
  if (meta && !meta.creationTimestamp) delete meta.creationTimestamp;
  if (meta && Object.keys(meta).length === 0) delete copy.spec!.template!.metadata;
  return copy;
}

export function revisionHash(template: PodTemplateSpec, collisionCount?: number): string {
  return computeHash(normalized(revisionData(template)), collisionCount);
}

/** A new revision object for the owner's template. */
export function newRevision(
  owner: KubeObject,
  kind: string,
  template: PodTemplateSpec,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const hash = revisionHash(template, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${(owner.metadata.name ?? '').slice(0, 223)}-${hash}`,
      namespace: owner.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ownerReferences: [controllerRef(owner, 'apps/v1', kind)],
    },
    data: revisionData(template),
    revision,
  };
}

export interface RevisionPlan {
  /** The revision of the current template: existing, or `create` it. */
  update: ControllerRevision;
  create?: ControllerRevision;
  /** An older equal revision that must take the newest number (a rollback). */
  renumber?: ControllerRevision;
}

/** Finds or makes the revision for `template` (upstream `getStatefulSetRevisions`). */
export function planRevisions(
  owner: KubeObject,
  kind: string,
  template: PodTemplateSpec,
  revisions: ControllerRevision[],
  collisionCount?: number,
): RevisionPlan {
  const sorted = [...revisions].sort((a, b) => a.revision - b.revision);
  const next = (sorted.at(-1)?.revision ?? 0) + 1;
  const wanted = newRevision(owner, kind, template, next, collisionCount);
  const wantedData = normalized(wanted.data);
  const equal = sorted.filter((r) => deepEqual(normalized(r.data), wantedData));
  const last = equal.at(-1);
  if (last && last === sorted.at(-1)) return { update: last };
  if (last) {
    const renumber = structuredClone(last);
    renumber.revision = next;
    return { update: renumber, renumber };
  }
  return { update: wanted, create: wanted };
}

/**
 * Revisions to delete so that at most `limit` unused ones remain, oldest first. Revisions that pods
 * still run (by name in `live`) and the current/update ones are always kept.
 */
export function revisionsToDelete(
  revisions: ControllerRevision[],
  live: Set<string>,
  limit: number,
): ControllerRevision[] {
  const history = revisions
    .filter((r) => !live.has(r.metadata.name ?? ''))
    .sort((a, b) => a.revision - b.revision);
  const extra = history.length - limit;
  return extra > 0 ? history.slice(0, extra) : [];
}
