import { describe, expect, it } from 'vitest';
import type { KubeObject, WatchEvent } from '@sphere/shared';
import { applyToPage, applyWatchEvent, isNewer, type ListSnapshot } from './watch-reducer';

const obj = (name: string, rv: string, uid = `uid-${name}`): KubeObject => ({
  metadata: { name, namespace: 'demo', resourceVersion: rv, uid },
});
const list = (rv: string, ...items: KubeObject[]): ListSnapshot => ({ items, resourceVersion: rv });
const ev = (type: WatchEvent['type'], o: KubeObject): WatchEvent => ({ type, object: o });

describe('applyWatchEvent', () => {
  it.each([
    ['ADDED appends', list('5', obj('a', '3')), ev('ADDED', obj('b', '6')), ['a@3', 'b@6'], '6'],
    ['ADDED of a known uid replaces', list('5', obj('a', '3')), ev('ADDED', obj('a', '7')), ['a@7'], '7'],
    [
      'MODIFIED replaces',
      list('5', obj('a', '3'), obj('b', '4')),
      ev('MODIFIED', obj('b', '9')),
      ['a@3', 'b@9'],
      '9',
    ],
    ['MODIFIED of unknown adds', list('5'), ev('MODIFIED', obj('c', '8')), ['c@8'], '8'],
    [
      'DELETED removes',
      list('5', obj('a', '3'), obj('b', '4')),
      ev('DELETED', obj('a', '10')),
      ['b@4'],
      '10',
    ],
    [
      'DELETED of unknown only advances rv',
      list('5', obj('a', '3')),
      ev('DELETED', obj('z', '11')),
      ['a@3'],
      '11',
    ],
    ['stale event is ignored', list('5', obj('a', '3')), ev('MODIFIED', obj('a', '5')), ['a@3'], '5'],
    ['BOOKMARK advances rv', list('5', obj('a', '3')), ev('BOOKMARK', obj('', '12')), ['a@3'], '12'],
    ['ERROR is a no-op', list('5', obj('a', '3')), ev('ERROR', obj('', '99')), ['a@3'], '5'],
  ])('%s', (_name, input, event, names, rv) => {
    const frozen = structuredClone(input);
    const out = applyWatchEvent(input, event);
    expect(out.items.map((i) => `${i.metadata.name}@${i.metadata.resourceVersion}`)).toEqual(names);
    expect(out.resourceVersion).toBe(rv);
    expect(input).toEqual(frozen);
  });

  it('matches by name and namespace when uid is absent', () => {
    const a = { metadata: { name: 'a', namespace: 'x', resourceVersion: '1' } };
    const out = applyWatchEvent(
      list('1', a),
      ev('MODIFIED', { metadata: { ...a.metadata, resourceVersion: '2' } }),
    );
    expect(out.items).toHaveLength(1);
    expect(out.items[0].metadata.resourceVersion).toBe('2');
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
