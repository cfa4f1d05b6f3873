import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { daemonsets } from './daemonsets';
import { copy, createThrough, ctxFor, messages, now, podTemplate, updateThrough } from './test-support';

function ds(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: podTemplate('agent'), ...extra },
  };
}

describe('DaemonSet', () => {
  it('defaults RollingUpdate 1/0 and history', () => {
    const obj = ds();
    expect(createThrough(daemonsets, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'surge and unavailable',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 1 } } },
      [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
      ],
    ],
    [
      'both zero',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'bad type',
      { updateStrategy: { type: 'Rolling' } },
      [
        'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Rolling", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"',
      ],
    ],
    [
      'unparsable maxUnavailable counts as zero',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 'half', maxSurge: 0 } } },
      ['spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0'],
    ],
    [
      'percent over 100',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '101%' } } },
      [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"101%"}: must not be greater than 100%',
      ],
    ],
  ])('%s', (_name, extra, expected) => {
    expect(messages(createThrough(daemonsets, ds(extra)))).toEqual(expected);
  });

  it('refuses selector changes', () => {
    const old = ds();
    createThrough(daemonsets, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).selector = {
      matchLabels: { app: 'agent' },
      matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }],
    };
    expect(messages(updateThrough(daemonsets, next, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"agent"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"x", Operator:"DoesNotExist", Values:[]string(nil)}}}: field is immutable',
    ]);
  });

  it('prints node selector and counts', () => {
    const obj = ds();
    createThrough(daemonsets, obj);
    (obj.spec as { template: { spec: Record<string, unknown> } }).template.spec.nodeSelector = {
      'kubernetes.io/os': 'linux',
    };
    obj.metadata.creationTimestamp = '2026-01-01T11:59:30Z';
    obj.status = {
      desiredNumberScheduled: 3,
      currentNumberScheduled: 3,
      numberReady: 2,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
    };
    expect(daemonsets.table?.cells(obj, now)).toEqual([
      'agent',
      3,
      3,
      2,
      3,
      2,
      'kubernetes.io/os=linux',
      '30s',
      'c',
      'nginx:1.27',
      'app=agent',
    ]);
  });

  it('tracks the template generation in its annotation', () => {
    const obj = ds();
    createThrough(daemonsets, obj);
    expect(obj.metadata.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });

    const scaledOnly = copy(obj);
    (scaledOnly.spec as Record<string, unknown>).minReadySeconds = 5;
    daemonsets.prepareForUpdate?.(scaledOnly, obj, ctxFor('update'));
    expect(scaledOnly.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');

    // A replace without the defaulted fields is not a template change.
    const replaced = ds();
    replaced.metadata.annotations = { 'deprecated.daemonset.template.generation': '7' };
    daemonsets.prepareForUpdate?.(replaced, obj, ctxFor('update'));
    expect(replaced.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('1');

    const newImage = copy(obj);
    (
      newImage.spec as { template: { spec: { containers: { image: string }[] } } }
    ).template.spec.containers[0].image = 'nginx:2';
    daemonsets.prepareForUpdate?.(newImage, obj, ctxFor('update'));
    expect(newImage.metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });
});
