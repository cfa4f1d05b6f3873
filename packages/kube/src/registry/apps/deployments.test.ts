import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { deployments } from './deployments';
import { copy, createThrough, messages, now, podTemplate, updateThrough } from './test-support';

function deployment(spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u1' },
    spec,
  };
}

const valid = () => deployment({ selector: { matchLabels: { app: 'web' } }, template: podTemplate('web') });

describe('Deployment defaults', () => {
  it('fills replicas, strategy, history, deadline and pod defaults', () => {
    const obj = valid();
    expect(createThrough(deployments, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: {
        spec: { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 },
      },
    });
    expect(obj.status).toEqual({});
  });

  it('keeps a Recreate strategy without rollingUpdate', () => {
    const obj = valid();
    (obj.spec as Record<string, unknown>).strategy = { type: 'Recreate' };
    expect(createThrough(deployments, obj)).toEqual([]);
    expect((obj.spec as Record<string, unknown>).strategy).toEqual({ type: 'Recreate' });
  });
});

describe('Deployment validation', () => {
  it.each<[string, (spec: Record<string, unknown>) => void, string[]]>([
    [
      'selector not matching template',
      (s) =>
        ((s.template as { metadata: { labels: Record<string, string> } }).metadata.labels = { app: 'x' }),
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'negative replicas',
      (s) => (s.replicas = -1),
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    ['missing selector', (s) => delete s.selector, ['spec.selector: Required value']],
    [
      'empty selector',
      (s) => (s.selector = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'restartPolicy Never',
      (s) => ((s.template as { spec: Record<string, unknown> }).spec.restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'Recreate with rollingUpdate',
      (s) => (s.strategy = { type: 'Recreate', rollingUpdate: {} }),
      ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ],
    [
      'both zero',
      (s) => (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 0 } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      ],
    ],
    [
      'more than 100%',
      (s) => (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '150%', maxSurge: 1 } }),
      [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
      ],
    ],
    [
      'surge above 100% is fine',
      (s) => (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '200%' } }),
      [],
    ],
    [
      'bad percent',
      (s) => (s.strategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '5', maxSurge: 'x%' } }),
      [
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"5\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x%\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'unknown strategy',
      (s) => (s.strategy = { type: 'BlueGreen' }),
      ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"'],
    ],
    [
      'deadline not above minReadySeconds',
      (s) => Object.assign(s, { minReadySeconds: 10, progressDeadlineSeconds: 5 }),
      ['spec.progressDeadlineSeconds: Invalid value: 5: must be greater than minReadySeconds'],
    ],
    [
      'no containers',
      (s) => ((s.template as { spec: Record<string, unknown> }).spec.containers = []),
      ['spec.template.spec.containers: Required value'],
    ],
  ])('%s', (_name, mutate, expected) => {
    const obj = valid();
    mutate(obj.spec as Record<string, unknown>);
    expect(messages(createThrough(deployments, obj))).toEqual(expected);
  });

  it('refuses a selector change on update', () => {
    const old = valid();
    createThrough(deployments, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).selector = { matchLabels: { app: 'web', tier: 'x' } };
    (
      next.spec as { template: { metadata: { labels: Record<string, string> } } }
    ).template.metadata.labels.tier = 'x';
    expect(messages(updateThrough(deployments, next, old))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('allows replica changes on update', () => {
    const old = valid();
    createThrough(deployments, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).replicas = 5;
    expect(updateThrough(deployments, next, old)).toEqual([]);
  });
});

describe('Deployment table', () => {
  it('prints kubectl columns', () => {
    const obj = valid();
    createThrough(deployments, obj);
    obj.metadata.creationTimestamp = '2026-01-01T11:55:00Z';
    (obj.spec as Record<string, unknown>).replicas = 3;
    obj.status = { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 };
    expect(deployments.table?.columns.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Up-to-date',
      'Available',
      'Age',
      'Containers',
      'Images',
      'Selector',
    ]);
    expect(deployments.table?.cells(obj, now)).toEqual([
      'web',
      '2/3',
      3,
      2,
      '5m',
      'c',
      'nginx:1.27',
      'app=web',
    ]);
  });
});
