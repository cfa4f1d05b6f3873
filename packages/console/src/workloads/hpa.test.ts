import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import {
  hpaForm,
  hpaMetricRows,
  hpaObject,
  hpaReplicas,
  readableBytes,
  relatedHpaName,
  relatedHpaPatch,
  validateHpaForm,
} from './hpa';

const deploy: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
};

describe('hpaObject', () => {
  it('builds an autoscaling/v2 HPA named after the deployment with CPU and memory metrics', () => {
    const hpa = hpaObject(deploy, {
      minReplicas: 2,
      maxReplicas: 5,
      cpuUtilization: 60,
      memoryAverageValue: '200Mi',
    });
    expect(hpa).toEqual({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', namespace: 'demo', labels: { app: 'web' } },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 5,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } },
          },
        ],
      },
    });
  });

  it('keeps the existing metadata and fields the form does not show', () => {
    const existing: KubeObject = {
      metadata: { name: 'web', namespace: 'demo', resourceVersion: '7' },
      spec: { behavior: { scaleDown: { stabilizationWindowSeconds: 30 } }, minReplicas: 1, maxReplicas: 3 },
    };
    const hpa = hpaObject(deploy, { minReplicas: 1, maxReplicas: 4, cpuUtilization: 50 }, existing);
    expect(hpa.metadata.resourceVersion).toBe('7');
    expect((hpa.spec as { behavior: unknown }).behavior).toEqual({
      scaleDown: { stabilizationWindowSeconds: 30 },
    });
    expect((hpa.spec as { maxReplicas: number }).maxReplicas).toBe(4);
  });

  it('round-trips through the form', () => {
    const f = { minReplicas: 1, maxReplicas: 3, memoryAverageValue: '1Gi' };
    expect(hpaForm(hpaObject(deploy, f))).toEqual({ ...f, cpuUtilization: undefined });
    expect(hpaForm(undefined)).toEqual({ minReplicas: 1, maxReplicas: 10, cpuUtilization: 50 });
  });
});

describe('validateHpaForm', () => {
  it.each([
    [{ minReplicas: 1, maxReplicas: 2, cpuUtilization: 50 }, []],
    [{ minReplicas: 0, maxReplicas: 2, cpuUtilization: 50 }, ['HPA_MIN_INVALID']],
    [{ minReplicas: 3, maxReplicas: 2, cpuUtilization: 50 }, ['HPA_MAX_INVALID']],
    [{ minReplicas: 1, maxReplicas: 2, cpuUtilization: 0 }, ['HPA_CPU_INVALID']],
    [{ minReplicas: 1, maxReplicas: 2, memoryAverageValue: 'lots' }, ['HPA_MEMORY_INVALID']],
    [{ minReplicas: 1, maxReplicas: 2 }, ['HPA_METRIC_REQUIRED']],
  ])('%j → %j', (form, want) => {
    expect(validateHpaForm(form)).toEqual(want);
  });
});

describe('HPA card figures', () => {
  const hpa: KubeObject = {
    metadata: { name: 'web' },
    spec: {
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } },
        },
      ],
    },
    status: {
      currentReplicas: 2,
      desiredReplicas: 3,
      currentMetrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', current: { averageUtilization: 80, averageValue: '80m' } },
        },
      ],
    },
  };
  it('pairs each target with its current value', () => {
    expect(hpaMetricRows(hpa)).toEqual([
      { resource: 'cpu', target: '50%', current: '80%' },
      { resource: 'memory', target: '100Mi', current: '-' },
    ]);
  });
  it('shows measured bytes as Mi', () => {
    const measured = {
      ...hpa,
      status: {
        currentMetrics: [
          { type: 'Resource', resource: { name: 'memory', current: { averageValue: '13600617' } } },
        ],
      },
    };
    expect(hpaMetricRows(measured)[1]).toEqual({ resource: 'memory', target: '100Mi', current: '13Mi' });
    expect(readableBytes('1048576')).toBe('1Mi');
    expect(readableBytes('120Mi')).toBe('120Mi');
  });
  it('reads min/max and current/desired replicas', () => {
    expect(hpaReplicas(hpa)).toEqual({ min: 1, max: 5, current: 2, desired: 3 });
  });
  it('binds and unbinds through the annotation', () => {
    expect(relatedHpaName({ metadata: { annotations: { 'kubesphere.io/relatedHPA': 'web' } } })).toBe('web');
    expect(relatedHpaName(deploy)).toBeUndefined();
    expect(relatedHpaPatch(null)).toEqual({
      metadata: { annotations: { 'kubesphere.io/relatedHPA': null } },
    });
  });
});
