import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import {
  editTaints,
  isSystemLabel,
  labelProblem,
  labelsPatch,
  nodeRoles,
  replaceTaints,
  splitLabels,
  taintsPatch,
  type Taint,
} from './model';

const node = (labels: Record<string, string>, taints?: Taint[]): KubeObject =>
  ({ metadata: { name: 'n1', labels, resourceVersion: '42' }, spec: { taints } }) as KubeObject;

describe('labels', () => {
  it.each([
    ['kubernetes.io/hostname', true],
    ['node-role.kubernetes.io/worker', true],
    ['beta.kubernetes.io/arch', true],
    ['topology.kubernetes.io/zone', true],
    ['k8s.io/x', true],
    ['app', false],
    ['example.com/disk', false],
    ['notkubernetes.io/x', false],
  ])('isSystemLabel(%s) = %s', (key, system) => expect(isSystemLabel(key)).toBe(system));

  it('splits system and user labels', () => {
    expect(splitLabels({ 'kubernetes.io/os': 'linux', disk: 'ssd' })).toEqual({
      system: { 'kubernetes.io/os': 'linux' },
      user: { disk: 'ssd' },
    });
  });

  it('patches only changed user labels; removal is null; system labels untouched', () => {
    const current = { 'kubernetes.io/hostname': 'n1', disk: 'ssd', zone: 'a', keep: '1' };
    expect(
      labelsPatch(current, { disk: 'hdd', keep: '1', gpu: 'true', 'kubernetes.io/hostname': 'x' }),
    ).toEqual({
      metadata: { labels: { disk: 'hdd', gpu: 'true', zone: null } },
    });
    expect(labelsPatch(current, { disk: 'ssd', zone: 'a', keep: '1' })).toBeUndefined();
  });

  it.each([
    ['disk', 'ssd', undefined],
    ['example.com/disk', '', undefined],
    ['', 'x', 'LABEL_KEY_INVALID'],
    ['a/b/c', 'x', 'LABEL_KEY_INVALID'],
    ['-bad', 'x', 'LABEL_KEY_INVALID'],
    ['good', 'bad value', 'LABEL_VALUE_INVALID'],
  ])('labelProblem(%s, %s)', (k, v, problem) => expect(labelProblem(k, v)).toBe(problem));

  it('roles from node-role labels, worker by default', () => {
    expect(nodeRoles(node({ 'node-role.kubernetes.io/control-plane': '' }))).toEqual(['control-plane']);
    expect(nodeRoles(node({}))).toEqual(['worker']);
  });
});

describe('taints', () => {
  const t = (key: string, effect: Taint['effect'], value?: string, timeAdded?: string): Taint => ({
    key,
    effect,
    ...(value ? { value } : {}),
    ...(timeAdded ? { timeAdded } : {}),
  });

  it('adds, replaces by key+effect and removes', () => {
    const current = [t('a', 'NoSchedule', '1'), t('b', 'NoExecute', '', '2026-01-01T00:00:00Z')];
    expect(editTaints(current, [t('c', 'PreferNoSchedule')])).toEqual([
      ...current,
      t('c', 'PreferNoSchedule'),
    ]);
    expect(editTaints(current, [t('a', 'NoSchedule', '2')])).toEqual([t('a', 'NoSchedule', '2'), current[1]]);
    // Same key, other effect: a second taint.
    expect(editTaints(current, [t('a', 'NoExecute')])).toHaveLength(3);
    // Re-adding an unchanged taint keeps its timeAdded.
    expect(editTaints(current, [t('b', 'NoExecute')])[1].timeAdded).toBe('2026-01-01T00:00:00Z');
    expect(editTaints(current, [], [{ key: 'a' }])).toEqual([current[1]]);
    expect(editTaints(current, [], [{ key: 'b', effect: 'NoSchedule' }])).toEqual(current);
  });

  it('replaceTaints keeps timeAdded of unchanged taints and drops empty rows and duplicates', () => {
    const current = [t('b', 'NoExecute', 'v', '2026-01-01T00:00:00Z')];
    expect(
      replaceTaints(current, [
        t('b', 'NoExecute', 'v'),
        t('', 'NoSchedule'),
        t('c', 'NoSchedule', '1'),
        t('c', 'NoSchedule', '2'),
      ]),
    ).toEqual([t('b', 'NoExecute', 'v', '2026-01-01T00:00:00Z'), t('c', 'NoSchedule', '2')]);
  });

  it('taintsPatch sends the whole list with the resourceVersion, null to clear, nothing when unchanged', () => {
    const n = node({}, [t('a', 'NoSchedule')]);
    expect(taintsPatch(n, [t('a', 'NoSchedule'), t('b', 'NoExecute')])).toEqual({
      metadata: { resourceVersion: '42' },
      spec: { taints: [t('a', 'NoSchedule'), t('b', 'NoExecute')] },
    });
    expect(taintsPatch(n, [])).toEqual({ metadata: { resourceVersion: '42' }, spec: { taints: null } });
    expect(taintsPatch(n, [t('a', 'NoSchedule')])).toBeUndefined();
  });
});
