import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchEvent } from '@sphere/shared';
import { applyToPage, applyWatchEvent, isNewer, type ListSnapshot } from './watch-reducer';

const obj = (name: string, rv: string, uid = `uid-${name}`): KubeObject => ({
  metadata: { name, namespace: 'demo', resourceVersion: rv, uid },
});
const list = (rv: string, ...items: KubeObject[]): ListSnapshot<KubeObject> => ({
  items,
  resourceVersion: rv,
});
const ev = (type: WatchEvent['type'], o: KubeObject): WatchEvent => ({ type, object: o });

describe('applyWatchEvent (shared reducer, as the detail page uses it)', () => {
  it('replaces the watched object and drops it on DELETED', () => {
    const modified = applyWatchEvent(list('5', obj('a', '3')), ev('MODIFIED', obj('a', '7')));
    expect(modified.items[0].metadata.resourceVersion).toBe('7');
    expect(applyWatchEvent(modified, ev('DELETED', obj('a', '8'))).items).toEqual([]);
  });
});

describe('isNewer', () => {
  it.each([
    ['2', '1', true],
    ['1', '1', false],
    ['1', '2', false],
    ['10', '9', true],
    ['abc', '9', true],
    [undefined, '9', true],
  ])('%s vs %s', (a, b, want) => expect(isNewer(a, b)).toBe(want));
});

describe('applyToPage', () => {
  it.each([
    ['ADDED asks for refetch', ev('ADDED', obj('n', '9')), true, ['a@1']],
    ['DELETED asks for refetch', ev('DELETED', obj('a', '9')), true, ['a@1']],
    ['MODIFIED patches in place', ev('MODIFIED', obj('a', '9')), false, ['a@9']],
    ['MODIFIED off-page is ignored', ev('MODIFIED', obj('q', '9')), false, ['a@1']],
    ['stale MODIFIED is ignored', ev('MODIFIED', obj('a', '1')), false, ['a@1']],
  ])('%s', (_n, event, refetch, names) => {
    const out = applyToPage([obj('a', '1')], event);
    expect(out.needsRefetch).toBe(refetch);
    expect(out.items.map((i) => `${i.metadata.name}@${i.metadata.resourceVersion}`)).toEqual(names);
  });
});
