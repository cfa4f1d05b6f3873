import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';
import { workloadControllers } from '../../src/controllers/workloads';
import { hpaController, hpaControllerWith } from '../../src/controllers/system/hpa/controller';
import type { MetricsSource } from '../../src/controllers/system/hpa/metrics';

async function until<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('HorizontalPodAutoscaler through kubectl autoscale', () => {
  let t: TestCluster;
  let pods: string[] = [];
  beforeAll(async () => {
    const metrics: MetricsSource = {
      podUsage: () => pods.map((pod) => ({ pod, cpuMillis: 200, memoryBytes: 1e8 })),
    };
    const controllers = [
      ...systemControllers.filter((m) => m !== hpaController),
      hpaControllerWith(metrics),
      ...workloadControllers,
    ];
    t = await startTestCluster({ controllers, nodes: 1, simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('scales a Deployment up from cpu utilization and reports status and events', async () => {
    await t.k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await t.k(['set', 'resources', 'deployment', 'web', '--requests=cpu=200m']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    const list = JSON.parse(await t.k(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items;
    pods = list
      .filter((p: { metadata: { deletionTimestamp?: string } }) => !p.metadata.deletionTimestamp)
      .map((p: { metadata: { name: string } }) => p.metadata.name);
    await t.k(['autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=10']);
    const hpa = await until(async () => {
      const o = JSON.parse(await t.k(['get', 'hpa.v2.autoscaling', 'web', '-o', 'json']));
      return o.status?.desiredReplicas === 4 ? o : undefined;
    });
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBe(100);
    expect(hpa.status.lastScaleTime).toBeTruthy();
    expect(hpa.status.conditions.map((c: { type: string }) => c.type)).toEqual([
      'AbleToScale',
      'ScalingActive',
      'ScalingLimited',
    ]);
    await until(
      async () => JSON.parse(await t.k(['get', 'deployment', 'web', '-o', 'json'])).spec.replicas === 4,
    );
    const events = await until(async () => {
      const out = await t.k([
        'get',
        'events',
        '--field-selector',
        'involvedObject.kind=HorizontalPodAutoscaler',
      ]);
      return out.includes('SuccessfulRescale') ? out : undefined;
    });
    expect(events).toContain(
      'New size: 4; reason: cpu resource utilization (percentage of request) above target',
    );
  });
});
