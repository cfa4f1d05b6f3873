import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import {
  behaviorAnnotation,
  conditionsAnnotation,
  currentMetricsAnnotation,
  hpaV1ToV2,
  hpaV2ToV1,
  metricsAnnotation,
} from './hpa-convert';
import {
  horizontalPodAutoscalersV1 as v1,
  horizontalPodAutoscalersV2 as v2,
} from './horizontalpodautoscalers';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

function hpa(
  apiVersion: string,
  spec: Record<string, unknown>,
  status?: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T11:59:00Z' },
    spec: { scaleTargetRef: ref, maxReplicas: 5, ...spec },
    ...(status ? { status } : {}),
  };
}

const memoryMetric = {
  type: 'Resource',
  resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } },
};
const cpuMetric = {
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
};

describe('HPA v1 <-> v2 conversion', () => {
  it('turns a v1 CPU target into a v2 metric and back', () => {
    const one = hpa(
      'autoscaling/v1',
      { minReplicas: 2, targetCPUUtilizationPercentage: 50 },
      { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 30 },
    );
    const two = hpaV1ToV2(one);
    expect(two.apiVersion).toBe('autoscaling/v2');
    expect(two.spec).toEqual({ scaleTargetRef: ref, maxReplicas: 5, minReplicas: 2, metrics: [cpuMetric] });
    expect(two.status).toEqual({
      currentReplicas: 2,
      desiredReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30 } } }],
    });
    expect(hpaV2ToV1(two)).toEqual(one);
  });

  it('keeps what v1 cannot express in annotations and restores it', () => {
    const conditions = [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }];
    const behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    const memCurrent = { type: 'Resource', resource: { name: 'memory', current: { averageValue: '300Mi' } } };
    const two = hpa(
      'autoscaling/v2',
      { metrics: [cpuMetric, memoryMetric], behavior },
      { currentReplicas: 1, desiredReplicas: 1, currentMetrics: [memCurrent], conditions },
    );
    two.metadata.annotations = { team: 'a' };
    const one = hpaV2ToV1(two);
    expect(one.spec).toEqual({ scaleTargetRef: ref, maxReplicas: 5, targetCPUUtilizationPercentage: 50 });
    expect(one.metadata.annotations).toEqual({
      team: 'a',
      [metricsAnnotation]: JSON.stringify([memoryMetric]),
      [behaviorAnnotation]: JSON.stringify(behavior),
      [currentMetricsAnnotation]: JSON.stringify([memCurrent]),
      [conditionsAnnotation]: JSON.stringify(conditions),
    });
    const back = hpaV1ToV2(one);
    expect(back.metadata.annotations).toEqual({ team: 'a' });
    // Like the apiserver: metrics carried in the annotation come first, then the CPU target.
    expect((back.spec as Record<string, unknown>).metrics).toEqual([memoryMetric, cpuMetric]);
    expect((back.spec as Record<string, unknown>).behavior).toEqual(behavior);
    expect((back.status as Record<string, unknown>).conditions).toEqual(conditions);
  });

  it('stores a v1 object without a target as the default 80% CPU', () => {
    const stored = v1.toStorage?.(hpa('autoscaling/v1', {}));
    expect((stored?.spec as Record<string, unknown>).metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
      },
    ]);
    expect(
      (v1.fromStorage?.(stored as KubeObject).spec as Record<string, unknown>).targetCPUUtilizationPercentage,
    ).toBe(80);
  });
});

describe('HPA v2', () => {
  it('shares storage with v1 and is the storage version', () => {
    expect(v2.storageKey).toBe(v1.storageKey);
    expect(v2.storageVersion).toBe(true);
    expect(v1.storageVersion).toBe(false);
  });

  it('defaults minReplicas, CPU metric and behavior rules', () => {
    const obj = hpa('autoscaling/v2', { behavior: { scaleUp: { stabilizationWindowSeconds: 10 } } });
    expect(createThrough(v2, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      minReplicas: 1,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
        },
      ],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 10,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 300,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'min above max',
      { minReplicas: 6 },
      ['spec.maxReplicas: Invalid value: 5: must be greater than or equal to `minReplicas`'],
    ],
    [
      'zero min',
      { minReplicas: 0 },
      ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1'],
    ],
    [
      'missing target name',
      { scaleTargetRef: { kind: 'Deployment' } },
      ['spec.scaleTargetRef.name: Required value'],
    ],
    [
      'bad metric type',
      { metrics: [{ type: 'Magic' }] },
      [
        'spec.metrics[0].type: Unsupported value: "Magic": supported values: "Object", "Pods", "Resource", "ContainerResource", "External"',
      ],
    ],
    [
      'zero utilization',
      {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } },
          },
        ],
      },
      ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0'],
    ],
    [
      'behavior policies',
      {
        behavior: {
          scaleDown: { selectPolicy: 'Avg', policies: [{ type: 'Pods', value: 0, periodSeconds: 3600 }] },
        },
      },
      [
        'spec.behavior.scaleDown.selectPolicy: Unsupported value: "Avg": supported values: "Disabled", "Max", "Min"',
        'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero',
        'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
      ],
    ],
    [
      'empty policies',
      { behavior: { scaleUp: { policies: [], stabilizationWindowSeconds: -1 } } },
      [
        'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero',
        'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(createThrough(v2, hpa('autoscaling/v2', spec)))).toEqual(expected);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, string]>([
    ['cpu unknown', { metrics: [cpuMetric] }, undefined, 'cpu: <unknown>/50%'],
    [
      'cpu current',
      { metrics: [cpuMetric] },
      {
        currentReplicas: 2,
        currentMetrics: [
          { type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 12 } } },
        ],
      },
      'cpu: 12%/50%',
    ],
    ['memory value', { metrics: [memoryMetric] }, undefined, 'memory: <unknown>/500Mi'],
    [
      'pods and more',
      {
        metrics: [
          {
            type: 'Pods',
            pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '1k' } },
          },
          cpuMetric,
          memoryMetric,
        ],
      },
      undefined,
      '<unknown>/1k, cpu: <unknown>/50% + 1 more...',
    ],
    [
      'external avg',
      {
        metrics: [
          {
            type: 'External',
            external: { metric: { name: 'q' }, target: { type: 'AverageValue', averageValue: '30' } },
          },
        ],
      },
      undefined,
      '<unknown>/30 (avg)',
    ],
  ])('targets: %s', (_name, spec, status, expected) => {
    const obj = hpa('autoscaling/v2', { minReplicas: 1, ...spec }, status);
    expect(v2.table?.cells(obj, now)).toEqual([
      'web',
      'Deployment/web',
      expected,
      '1',
      5,
      status ? 2 : 0,
      '60s',
    ]);
  });

  it('prints a v1 object through its v2 form', () => {
    const obj = hpa(
      'autoscaling/v1',
      { targetCPUUtilizationPercentage: 70 },
      { currentReplicas: 3, currentCPUUtilizationPercentage: 40 },
    );
    expect(v1.table?.cells(obj, now)).toEqual([
      'web',
      'Deployment/web',
      'cpu: 40%/70%',
      '<unset>',
      5,
      3,
      '60s',
    ]);
  });

  it('validates the v1 target', () => {
    expect(messages(createThrough(v1, hpa('autoscaling/v1', { targetCPUUtilizationPercentage: 0 })))).toEqual(
      ['spec.targetCPUUtilizationPercentage: Invalid value: 0: must be greater than 0'],
    );
  });
});
