import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch } from './strategic-merge-patch';
import { deploymentSchema, fixtureRegistry } from './test-fixtures';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

const c = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: `${name}:1`, ...extra });

describe('strategic merge patch: what kubectl sends to a Deployment', () => {
  const live = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'd',
      namespace: 'default',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'old' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'd' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'd' } },
        spec: {
          containers: [
            c('web', {
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              ports: [{ containerPort: 80 }],
            }),
            c('sidecar'),
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'cm' } }],
        },
      },
    },
  };

  it.each([
    [
      'apply: image and replicas change (3-way patch with $setElementOrder)',
      {
        metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'new' } },
        spec: {
          replicas: 3,
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
              containers: [{ image: 'web:2', name: 'web' }],
            },
          },
        },
      },
      (d: typeof live) => {
        d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = 'new';
        d.spec.replicas = 3;
        d.spec.template.spec.containers[0].image = 'web:2';
      },
    ],
    [
      'apply: container removed from the manifest',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'web' }],
              containers: [{ $patch: 'delete', name: 'sidecar' }],
            },
          },
        },
      },
      (d: typeof live) => {
        d.spec.template.spec.containers.pop();
      },
    ],
    [
      'apply: env var removed, another added',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'web' }, { name: 'sidecar' }],
              containers: [
                {
                  name: 'web',
                  '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
                  env: [
                    { name: 'C', value: '3' },
                    { $patch: 'delete', name: 'B' },
                  ],
                },
              ],
            },
          },
        },
      },
      (d: typeof live) => {
        (d.spec.template.spec.containers[0] as Record<string, unknown>).env = [
          { name: 'A', value: '1' },
          { name: 'C', value: '3' },
        ];
      },
    ],
    [
      'apply: strategy switched to Recreate with $retainKeys',
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate', rollingUpdate: null } } },
      (d: typeof live) => {
        (d.spec as Record<string, unknown>).strategy = { type: 'Recreate' };
      },
    ],
    [
      'apply: volume source switched with $retainKeys',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/volumes': [{ name: 'cfg' }],
              volumes: [
                {
                  $retainKeys: ['name', 'secret'],
                  name: 'cfg',
                  secret: { secretName: 's' },
                  configMap: null,
                },
              ],
            },
          },
        },
      },
      (d: typeof live) => {
        (d.spec.template.spec as Record<string, unknown>).volumes = [
          { name: 'cfg', secret: { secretName: 's' } },
        ];
      },
    ],
    [
      'set image',
      { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'sidecar:9' }] } } } },
      (d: typeof live) => {
        d.spec.template.spec.containers[1].image = 'sidecar:9';
      },
    ],
    [
      'rollout restart',
      {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } },
          },
        },
      },
      (d: typeof live) => {
        (d.spec.template.metadata as Record<string, unknown>).annotations = {
          'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z',
        };
      },
    ],
    [
      'label removed by apply (null)',
      { spec: { template: { metadata: { labels: { app: null, tier: 'x' } } } } },
      (d: typeof live) => {
        d.spec.template.metadata.labels = { tier: 'x' } as unknown as { app: string };
      },
    ],
    [
      'rollout undo statefulset-style $patch: replace on the template',
      {
        spec: {
          template: {
            metadata: { labels: { app: 'old' } },
            spec: { containers: [c('only')] },
            $patch: 'replace',
          },
        },
      },
      (d: typeof live) => {
        (d.spec as Record<string, unknown>).template = {
          metadata: { labels: { app: 'old' } },
          spec: { containers: [c('only')] },
        };
      },
    ],
  ])('%s', (_name, patch, mutate) => {
    const expected = structuredClone(live);
    mutate(expected);
    // Frozen inputs prove neither the live object nor the patch is modified.
    const frozenLive = deepFreeze(structuredClone(live));
    const frozenPatch = deepFreeze(structuredClone(patch));
    expect(applyStrategicMergePatch(frozenLive, frozenPatch, deploymentSchema, fixtureRegistry)).toEqual(
      expected,
    );
  });
});
