/**
 * @module controllers/workloads/executor
 * Thin side-effect helpers shared by the workload executors: adopt/release through merge patches that
 * carry the resourceVersion (so a concurrent change conflicts instead of being overwritten), slow-start
 * batches for creations, and a status write that skips no-op updates.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';
import type { KubeClient, ResourceRef } from '../../client/in-process';
import { planRevisions } from './history';
import type { ControllerRevision, PodTemplateSpec } from './types';
import { deepEqual, isControlledBy } from './util';

/** Adds `ref` as controller of `obj` (the object must have no controller yet). */
export async function adopt(
  client: KubeClient,
  resource: ResourceRef,
  obj: KubeObject,
  ref: OwnerReference,
): Promise<void> {
  const refs = [...(obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ref.uid), ref];
  await client.patch(resource, obj.metadata.namespace, obj.metadata.name ?? '', 'merge', {
    metadata: { ownerReferences: refs, resourceVersion: obj.metadata.resourceVersion },
  });
}

/** Removes the owner reference with `uid` from `obj`. */
export async function release(
  client: KubeClient,
  resource: ResourceRef,
  obj: KubeObject,
  uid: string,
): Promise<void> {
  const refs = (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
  await client.patch(resource, obj.metadata.namespace, obj.metadata.name ?? '', 'merge', {
    metadata: { ownerReferences: refs.length ? refs : null, resourceVersion: obj.metadata.resourceVersion },
  });
}

/**
 * Runs `count` calls in batches of 1, 2, 4, ... (upstream's slowStartBatch): a failing batch stops the
 * rest, so a quota or admission error costs one failed call, not hundreds. Returns successes.
 */
export async function slowStartBatch(
  count: number,
  fn: () => Promise<void>,
): Promise<{ ok: number; error?: unknown }> {
  let ok = 0;
  let batch = 1;
  let remaining = count;
  while (remaining > 0) {
    const size = Math.min(batch, remaining);
    const results = await Promise.allSettled(Array.from({ length: size }, fn));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    ok += results.length - (failed ? results.filter((r) => r.status === 'rejected').length : 0);
    if (failed) return { ok, error: failed.reason };
    remaining -= size;
    batch *= 2;
  }
  return { ok };
}

/** Writes `status` through the status subresource unless it already matches. */
export async function writeStatus(
  client: KubeClient,
  resource: ResourceRef,
  obj: KubeObject,
  status: object,
): Promise<void> {
  if (deepEqual(obj.status ?? {}, status)) return;
  await client.patch(
    resource,
    obj.metadata.namespace,
    obj.metadata.name ?? '',
    'merge',
    { status: replaceNulls(obj.status, status) },
    {
      subresource: 'status',
    },
  );
}

/**
 * A merge patch only sets the keys it names: keys present in `old` but absent from `next` must be
 * sent as null to be removed.
 */
function replaceNulls(old: unknown, next: object): object {
  const out: Record<string, unknown> = { ...next };
  if (old && typeof old === 'object') {
    for (const k of Object.keys(old)) if (!(k in out)) out[k] = null;
  }
  return out;
}

/** True for a 404 from the API (the object is already gone). */
export function isNotFound(err: unknown): boolean {
  return (
    (err as { reason?: string; code?: number }).reason === 'NotFound' ||
    (err as { code?: number }).code === 404
  );
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A workload that keeps its templates as ControllerRevisions (StatefulSet, DaemonSet). */
interface RevisionedOwner extends KubeObject {
  spec: { template: PodTemplateSpec };
  status?: { collisionCount?: number };
}

/**
 * Creates or renumbers the ControllerRevision of the owner's current template. When another object's
 * revision already holds the name, bumps the owner's collisionCount (changing the hash, as upstream) and
 * answers undefined, so the caller tries again with the new count.
 */
export async function resolveRevision(
  client: KubeClient,
  ownerResource: ResourceRef,
  kind: string,
  owner: RevisionedOwner,
  revisions: ControllerRevision[],
): Promise<ControllerRevision | undefined> {
  const plan = planRevisions(owner, kind, owner.spec.template, revisions, owner.status?.collisionCount);
  const revisionsRef = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
  if (plan.renumber) return (await client.update(revisionsRef, plan.renumber)) as ControllerRevision;
  if (!plan.create) return plan.update;
  try {
    return (await client.create(revisionsRef, plan.create)) as ControllerRevision;
  } catch (err) {
    if ((err as { reason?: string }).reason !== 'AlreadyExists') throw err;
    const existing = (await client.get(
      revisionsRef,
      owner.metadata.namespace,
      plan.create.metadata.name ?? '',
    )) as ControllerRevision;
    if (isControlledBy(existing, owner.metadata.uid) && deepEqual(existing.data, plan.create.data))
      return existing;
    await client.patch(
      ownerResource,
      owner.metadata.namespace,
      owner.metadata.name ?? '',
      'merge',
      { status: { collisionCount: (owner.status?.collisionCount ?? 0) + 1 } },
      { subresource: 'status' },
    );
    return undefined;
  }
}
