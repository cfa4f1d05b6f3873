import { describe, expect, it } from 'vitest';
import { limitStep, planHpa, type HpaInput, type HpaSpec } from './plan';

const now = new Date('2026-01-01T01:00:00Z');
const spec = (extra: Partial<HpaSpec> = {}): HpaSpec => ({
  scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
  minReplicas: 1,
  maxReplicas: 10,
  metrics: [
    { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } },
  ],
  ...extra,
});

/** `n` pods requesting 200m cpu, each using `cpuMillis`. */
function input(n: number, cpuMillis: number, extra: Partial<HpaInput> = {}): HpaInput {
  const pods = Array.from({ length: n }, (_, i) => ({ pod: `p${i}`, cpuMillis: 200, memoryBytes: 1e8 }));
  return {
    spec: spec(),
    currentReplicas: n,
    pods,
    usage: pods.map((p) => ({ pod: p.pod, cpuMillis, memoryBytes: 5e7 })),
    history: [],
    now,
    ...extra,
  };
}

const reason = (p: ReturnType<typeof planHpa>, type: string) =>
  p.conditions.find((c) => c.type === type)?.reason;

describe('planHpa', () => {
  it.each([
    { name: 'scales up: 2 pods at 100% of a 50% target', n: 2, use: 200, want: 4 },
    { name: 'within 10% tolerance: no change', n: 2, use: 108, want: 2 },
    { name: 'clamped to max', n: 6, use: 1000, want: 10 },
    { name: 'clamped to min', n: 3, use: 1, want: 1 },
    { name: 'scale-up limited to double or +4', n: 1, use: 2000, want: 5 },
  ])('$name', ({ n, use, want }) => {
    expect(planHpa(input(n, use)).desiredReplicas).toBe(want);
  });

  it('reports the rescale reason, metrics and conditions as upstream', () => {
    const plan = planHpa(input(2, 200));
    expect(plan.rescaleReason).toBe('cpu resource utilization (percentage of request) above target');
    expect(plan.currentMetrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', current: { averageUtilization: 100, averageValue: '200m' } },
      },
    ]);
    expect(plan.conditions.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['AbleToScale', 'True', 'SucceededRescale'],
      ['ScalingActive', 'True', 'ValidMetricFound'],
      ['ScalingLimited', 'False', 'DesiredWithinRange'],
    ]);
  });

  it('marks ScalingLimited at the maximum', () => {
    expect(reason(planHpa(input(6, 1000)), 'ScalingLimited')).toBe('TooManyReplicas');
    expect(reason(planHpa(input(4, 1000)), 'ScalingLimited')).toBe('ScaleUpLimit');
  });

  it('stabilizes scale-down to the highest recent recommendation', () => {
    const history = [{ at: now.getTime() - 60_000, replicas: 4 }];
    const plan = planHpa(input(4, 20, { history }));
    expect(plan.desiredReplicas).toBe(4);
    expect(reason(plan, 'AbleToScale')).toBe('ScaleDownStabilized');
    const later = planHpa(input(4, 20, { history: [{ at: now.getTime() - 301_000, replicas: 4 }] }));
    expect(later.desiredReplicas).toBe(1);
    expect(later.rescaleReason).toBe('All metrics below target');
  });

  it('is inactive when the target has zero replicas', () => {
    const plan = planHpa(input(0, 0));
    expect(reason(plan, 'ScalingActive')).toBe('ScalingDisabled');
  });

  it('fails to compute without requests', () => {
    const plan = planHpa({ ...input(2, 100), pods: [{ pod: 'p0' }, { pod: 'p1' }] });
    expect(reason(plan, 'ScalingActive')).toBe('FailedGetResourceMetric');
    expect(plan.desiredReplicas).toBe(2);
  });

  it('uses average values for AverageValue targets', () => {
    const s = spec({
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '25M' } },
        },
      ],
    });
    expect(planHpa({ ...input(2, 100), spec: s }).desiredReplicas).toBe(4);
  });

  it.each([
    { current: 4, desired: 20, behavior: undefined, want: 8 },
    { current: 4, desired: 1, behavior: undefined, want: 1 },
    {
      current: 4,
      desired: 1,
      behavior: { scaleDown: { policies: [{ type: 'Pods' as const, value: 1 }] } },
      want: 3,
    },
    { current: 4, desired: 8, behavior: { scaleUp: { selectPolicy: 'Disabled' as const } }, want: 4 },
  ])('limitStep $current → $desired = $want', ({ current, desired, behavior, want }) => {
    expect(limitStep(current, desired, behavior)).toBe(want);
  });
});
