import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { planDependent, planOwner, type OwnerState } from './gc-plan';

const obj = (
  name: string,
  owners: { uid: string; block?: boolean }[] = [],
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject => ({
  metadata: {
    name,
    uid: `uid-${name}`,
    ownerReferences: owners.map((o) => ({
      apiVersion: 'v1',
      kind: 'X',
      name: o.uid,
      uid: o.uid,
      blockOwnerDeletion: o.block,
    })),
    ...extra,
  },
});

describe('planDependent', () => {
  it.each<[string, KubeObject, [string, OwnerState][], string]>([
    ['no owners', obj('a'), [], 'none'],
    ['owner present', obj('a', [{ uid: 'o' }]), [['o', 'present']], 'none'],
    ['only owner gone', obj('a', [{ uid: 'o' }]), [['o', 'absent']], 'delete'],
    [
      'one of two owners gone',
      obj('a', [{ uid: 'o' }, { uid: 'p' }]),
      [
        ['o', 'absent'],
        ['p', 'present'],
      ],
      'removeOwnerRefs',
    ],
    [
      'owner deleting in foreground',
      obj('a', [{ uid: 'o', block: true }]),
      [['o', 'deleting-foreground']],
      'delete',
    ],
    ['already deleting', obj('a', [{ uid: 'o' }], { deletionTimestamp: 'now' }), [['o', 'absent']], 'none'],
  ])('%s', (_name, o, states, expected) => {
    expect(planDependent(o, new Map(states)).type).toBe(expected);
  });

  it('deletes in the foreground when a blocking owner waits', () => {
    expect(
      planDependent(obj('a', [{ uid: 'o', block: true }]), new Map([['o', 'deleting-foreground']])),
    ).toEqual({
      type: 'delete',
      propagation: 'Foreground',
    });
  });
});

describe('planOwner', () => {
  const deleting = (finalizers: string[]) =>
    obj('owner', [], { uid: 'o', deletionTimestamp: 'now', finalizers });
  it('orphans dependents, then drops the orphan finalizer', () => {
    expect(planOwner(deleting(['orphan']), [obj('d', [{ uid: 'o' }])]).type).toBe('orphanDependents');
    expect(planOwner(deleting(['orphan']), [])).toEqual({ type: 'removeFinalizer', finalizer: 'orphan' });
  });
  it('deletes dependents first in the foreground and waits for blocking ones', () => {
    expect(planOwner(deleting(['foregroundDeletion']), [obj('d', [{ uid: 'o', block: true }])]).type).toBe(
      'deleteDependents',
    );
    const goingAway = obj('d', [{ uid: 'o', block: true }], { deletionTimestamp: 'now' });
    expect(planOwner(deleting(['foregroundDeletion']), [goingAway]).type).toBe('none');
    expect(planOwner(deleting(['foregroundDeletion']), [])).toEqual({
      type: 'removeFinalizer',
      finalizer: 'foregroundDeletion',
    });
  });
  it('does nothing for objects not being deleted', () => {
    expect(planOwner(obj('x'), []).type).toBe('none');
  });
});
