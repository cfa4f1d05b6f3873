/**
 * @module controllers/system/gc-plan
 * The garbage collector's decisions, as pure functions over an object, its owners and its dependents.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';

export const foregroundFinalizer = 'foregroundDeletion';
export const orphanFinalizer = 'orphan';

export type OwnerState = 'present' | 'absent' | 'deleting-foreground';

export type DependentAction =
  | { type: 'none' }
  | { type: 'delete'; propagation: 'Background' | 'Foreground' }
  | { type: 'removeOwnerRefs'; uids: string[] };

/**
 * What to do with an object given the state of each of its owners: delete it when every owner is
 * gone (in the foreground when an owner waits on it), drop references to owners that no longer exist
 * while others remain, otherwise nothing.
 */
export function planDependent(obj: KubeObject, ownerStates: Map<string, OwnerState>): DependentAction {
  const refs = obj.metadata.ownerReferences ?? [];
  if (refs.length === 0 || obj.metadata.deletionTimestamp) return { type: 'none' };
  const states = refs.map((r) => ownerStates.get(r.uid) ?? 'present');
  const absent = refs.filter((_, i) => states[i] === 'absent').map((r) => r.uid);
  const waiting = refs.filter((r, i) => states[i] === 'deleting-foreground' && r.blockOwnerDeletion);
  if (waiting.length > 0 && states.every((s) => s !== 'present'))
    return { type: 'delete', propagation: 'Foreground' };
  if (absent.length === refs.length) return { type: 'delete', propagation: 'Background' };
  if (states.every((s) => s !== 'present') && states.some((s) => s === 'deleting-foreground')) {
    return { type: 'delete', propagation: 'Foreground' };
  }
  if (absent.length > 0) return { type: 'removeOwnerRefs', uids: absent };
  return { type: 'none' };
}

export type OwnerAction =
  | { type: 'none' }
  | { type: 'orphanDependents'; dependents: KubeObject[]; thenRemove: string }
  | { type: 'deleteDependents'; dependents: KubeObject[] }
  | { type: 'removeFinalizer'; finalizer: string };

/** What to do for an object being deleted with the orphan or foregroundDeletion finalizer. */
export function planOwner(owner: KubeObject, dependents: KubeObject[]): OwnerAction {
  if (!owner.metadata.deletionTimestamp) return { type: 'none' };
  const finalizers = owner.metadata.finalizers ?? [];
  const uid = owner.metadata.uid ?? '';
  if (finalizers.includes(orphanFinalizer)) {
    if (dependents.length > 0) return { type: 'orphanDependents', dependents, thenRemove: orphanFinalizer };
    return { type: 'removeFinalizer', finalizer: orphanFinalizer };
  }
  if (finalizers.includes(foregroundFinalizer)) {
    const live = dependents.filter((d) => !d.metadata.deletionTimestamp);
    if (live.length > 0) return { type: 'deleteDependents', dependents: live };
    const blocking = dependents.filter((d) => refTo(d, uid)?.blockOwnerDeletion);
    if (blocking.length === 0) return { type: 'removeFinalizer', finalizer: foregroundFinalizer };
  }
  return { type: 'none' };
}

export function refTo(obj: KubeObject, uid: string): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.uid === uid);
}
