import { describe, expect, it } from 'vitest';
import { eventSelector, ownedBy, revisionOf, selectorString } from './selectors';

describe('selectorString', () => {
  it.each([
    [
      {
        kind: 'StatefulSet',
        metadata: {},
        spec: { selector: { matchLabels: { app: 'mysql', tier: 'db' } } },
      },
      'app=mysql,tier=db',
    ],
    [{ kind: 'Service', metadata: {}, spec: { selector: { app: 'web' } } }, 'app=web'],
    [{ kind: 'Pod', metadata: {}, spec: {} }, ''],
  ])('%j', (obj, want) => expect(selectorString(obj)).toBe(want));
});

describe('eventSelector', () => {
  it('selects by name, namespace and kind', () => {
    expect(eventSelector({ kind: 'StatefulSet', metadata: { name: 'm', namespace: 'd' } })).toBe(
      'involvedObject.name=m,involvedObject.namespace=d,involvedObject.kind=StatefulSet',
    );
  });
});

describe('ownedBy / revisionOf', () => {
  const owner = { metadata: { uid: 'u1' } };
  const rev = (name: string, revision: number, uid: string) => ({
    metadata: { name, ownerReferences: [{ uid, apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'x' }] },
    revision,
  });
  it('keeps owned revisions, newest first', () => {
    const out = ownedBy([rev('a', 1, 'u1'), rev('b', 3, 'u1'), rev('c', 2, 'other')], owner);
    expect(out.map((o) => o.metadata.name)).toEqual(['b', 'a']);
  });
  it('reads the deployment revision annotation', () => {
    expect(revisionOf({ metadata: { annotations: { 'deployment.kubernetes.io/revision': '4' } } })).toBe(4);
  });
});
