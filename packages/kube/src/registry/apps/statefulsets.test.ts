import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { statefulsets } from './statefulsets';
import { copy, createThrough, messages, now, podTemplate, updateThrough } from './test-support';

function sts(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default', uid: 'u1' },
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: podTemplate('db'),
      volumeClaimTemplates: [
        {
          metadata: { name: 'data' },
          spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
        },
      ],
      ...extra,
    },
  };
}

describe('StatefulSet defaults', () => {
  it('fills policies, strategy, retention and claim templates', () => {
    const obj = sts();
    expect(createThrough(statefulsets, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      volumeClaimTemplates: [
        {
          apiVersion: 'v1',
          kind: 'PersistentVolumeClaim',
          metadata: { name: 'data' },
          spec: { volumeMode: 'Filesystem' },
          status: { phase: 'Pending' },
        },
      ],
    });
    expect(obj.status).toEqual({ replicas: 0, availableReplicas: 0 });
  });

  it('does not add rollingUpdate to OnDelete', () => {
    const obj = sts({ updateStrategy: { type: 'OnDelete' } });
    expect(createThrough(statefulsets, obj)).toEqual([]);
    expect((obj.spec as Record<string, unknown>).updateStrategy).toEqual({ type: 'OnDelete' });
  });
});

describe('StatefulSet validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'unknown update strategy',
      { updateStrategy: { type: 'SmartUpdate' } },
      [
        "spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:\"SmartUpdate\", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be 'RollingUpdate' or 'OnDelete'",
      ],
    ],
    [
      'bad pod management',
      { podManagementPolicy: 'Random' },
      ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    ],
    [
      'OnDelete with rollingUpdate',
      { updateStrategy: { type: 'OnDelete', rollingUpdate: { partition: 1 } } },
      [
        "spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'",
      ],
    ],
    [
      'negative partition',
      { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: -1 } } },
      ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'retention policy',
      { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Keep' } },
      [
        'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      ],
    ],
    [
      'empty selector',
      { selector: {} },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset',
      ],
    ],
    [
      'selector mismatch',
      { selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['other'] }] } },
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"db"}: `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_name, extra, expected) => {
    expect(messages(createThrough(statefulsets, sts(extra)))).toEqual(expected);
  });

  const base = () => {
    const obj = sts();
    createThrough(statefulsets, obj);
    return obj;
  };

  it.each<[string, (spec: Record<string, unknown>) => void, boolean]>([
    ['replicas', (s) => (s.replicas = 3), true],
    [
      'template image',
      (s) =>
        ((s.template as { spec: { containers: { image: string }[] } }).spec.containers[0].image = 'nginx:2'),
      true,
    ],
    ['updateStrategy', (s) => (s.updateStrategy = { type: 'OnDelete' }), true],
    ['minReadySeconds', (s) => (s.minReadySeconds = 5), true],
    [
      'retention',
      (s) => (s.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' }),
      true,
    ],
    ['serviceName', (s) => (s.serviceName = 'other'), false],
    [
      'volumeClaimTemplates',
      (s) =>
        ((s.volumeClaimTemplates as { spec: { resources: unknown } }[])[0].spec.resources = {
          requests: { storage: '2Gi' },
        }),
      false,
    ],
    ['podManagementPolicy', (s) => (s.podManagementPolicy = 'Parallel'), false],
  ])('update of %s allowed=%s', (_name, mutate, allowed) => {
    const old = base();
    const next = copy(old);
    mutate(next.spec as Record<string, unknown>);
    expect(messages(updateThrough(statefulsets, next, old))).toEqual(
      allowed
        ? []
        : [
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ],
    );
  });
});

describe('StatefulSet volume claim mounts', () => {
  it('lets containers mount a volumeClaimTemplate by name, but not an unknown volume', () => {
    const mounting = (volume: string) => {
      const obj = sts();
      const spec = obj.spec as { template: { spec: { containers: { volumeMounts?: object[] }[] } } };
      spec.template.spec.containers[0].volumeMounts = [{ name: volume, mountPath: '/var/lib/data' }];
      return messages(createThrough(statefulsets, obj));
    };
    expect(mounting('data')).toEqual([]);
    expect(mounting('missing').join('\n')).toMatch(/volumeMounts\[0\]\.name: Not found: "missing"/);
  });
});

describe('StatefulSet semantic equality', () => {
  it('treats an empty claim list like none (as Semantic.DeepEqual does)', () => {
    const old = sts({ volumeClaimTemplates: undefined });
    createThrough(statefulsets, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).volumeClaimTemplates = [];
    expect(updateThrough(statefulsets, next, old)).toEqual([]);
  });
});

describe('StatefulSet table', () => {
  it('prints Ready as ready/desired', () => {
    const obj = sts({ replicas: 3 });
    createThrough(statefulsets, obj);
    obj.metadata.creationTimestamp = '2026-01-01T09:00:00Z';
    obj.status = { readyReplicas: 1 };
    expect(statefulsets.table?.cells(obj, now)).toEqual(['db', '1/3', '3h', 'c', 'nginx:1.27']);
  });
});
